package com.ethiq.adapter.speech;

import static com.ethiq.core.contract.SpeechTranscriberContract.newCallSid;
import static com.ethiq.core.contract.SpeechTranscriberContract.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.speech.fake.FakeSpeechAudio;
import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import com.ethiq.core.contract.SpeechTranscriberContract.Recorder;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake in script mode, reached like an app would (TCP, public settings), fed audio that carries no words. */
class ScriptModeTest {

    @Test
    void scriptedLinesAreHeardInAnyAudioOnceEachEvenAcrossAStreamCutMidLine() {
        List<String> lines = List.of("bonjour je suis votre conseiller", "votre carte a ete bloquee",
                "donnez moi le code recu par sms");
        try (FakeSpeechServer server = FakeSpeechServer.tcp().script(lines).streamLimit(Duration.ofSeconds(4));
             GoogleSpeechTranscriber transcriber = new GoogleSpeechTranscriber(GoogleSpeechSettings.builder()
                     .endpoint(server.endpoint()).plaintext(true).closeTimeout(Duration.ofSeconds(3)).build())) {
            Recorder recorder = new Recorder();
            TranscriptionStream stream = transcriber.open(request(newCallSid(), Speaker.CALLER), recorder);

            SpeechTestKit.pushPaced(transcriber, stream, FakeSpeechAudio.silence(Duration.ofSeconds(12)), 200, 1_600);
            stream.close();
            recorder.awaitClosed(Duration.ofSeconds(10));

            assertThat(recorder.finalTexts()).containsExactlyElementsOf(lines);
            assertThat(server.scriptRemaining()).isZero();
            assertThat(server.streams()).as("the 4 s limit cut lines in the middle").filteredOn(FakeSpeechServer.StreamRecord::cutMidUtterance)
                    .isNotEmpty();
        }
    }
}
