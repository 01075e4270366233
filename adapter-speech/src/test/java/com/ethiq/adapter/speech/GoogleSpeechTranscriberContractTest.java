package com.ethiq.adapter.speech;

import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import com.ethiq.core.contract.SpeechTranscriberContract;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.List;

/** The real adapter, against the fake Speech service in-process, passes the port's contract. */
class GoogleSpeechTranscriberContractTest extends SpeechTranscriberContract {
    private FakeSpeechServer server;

    @Override
    protected SpeechTranscriber create() {
        server = FakeSpeechServer.inProcess();
        // the contract pushes faster than real time: give the queue room for a whole test's audio
        return SpeechTestKit.transcriber(server, SpeechTestKit.fastSettings().maxQueuedAudio(Duration.ofSeconds(60)).build());
    }

    @Override
    protected byte[] speak(SpeechTranscriber transcriber, CallSid callSid, Speaker speaker, List<String> lines) {
        return FakeSpeechAudio.lines(lines);
    }

    @Override
    protected void dispose(SpeechTranscriber transcriber) {
        ((GoogleSpeechTranscriber) transcriber).close();
        server.close();
    }
}
