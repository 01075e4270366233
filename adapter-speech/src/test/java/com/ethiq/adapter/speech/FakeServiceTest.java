package com.ethiq.adapter.speech;

import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import org.junit.jupiter.api.AfterEach;

/**
 * A test class whose tests each run the adapter against the fake Speech service: the service (in-process unless a
 * test closes it and puts another in its place) and the transcriber a test builds on it, both closed after each test.
 */
abstract class FakeServiceTest {
    protected FakeSpeechServer server = FakeSpeechServer.inProcess();
    protected GoogleSpeechTranscriber transcriber;

    @AfterEach
    void closeTranscriberThenService() {
        if (transcriber != null) {
            transcriber.close();
        }
        server.close();
    }
}
