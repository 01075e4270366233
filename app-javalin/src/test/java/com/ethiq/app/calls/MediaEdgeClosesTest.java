package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.calls.media.ClientFrames;
import com.ethiq.app.sim.MediaMessages;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.core.domain.CallSid;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 8, on the wire: the media socket closes as docs/architecture.md and docs/twilio.md say — a binary
 * frame before the start at once with 1008 (not at the start deadline), text that is not UTF-8 with 1007, before and
 * after the start.
 */
class MediaEdgeClosesTest {
    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness(false);
        app = harness.startApp(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "PT10S"), cc -> cc);
        twilio = harness.simulator(app);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private Call protectedCall(TestTenant t) {
        Call call = twilio.ring(t.account(), "+33612121212", t.number());
        assertThat(call.twiml().protectedCall()).isTrue();
        return call;
    }

    /** A raw socket (the JDK's client refuses to send text that is not UTF-8), upgraded with nothing sent early. */
    private static RawMediaSocket open(TestTenant t, Call call) throws IOException {
        return RawMediaSocket.open(app.port(), t.account().authToken(), call.twiml().streamUrl().orElseThrow(), new byte[0]);
    }

    @Test
    void aBinaryFrameBeforeTheStartClosesAtOnceWith1008() {
        TestTenant t = harness.tenant("Mme Binaire", 1);
        Call call = protectedCall(t);
        long began = System.nanoTime();
        MediaStream stream = call.openStream(TwilioCallSimulator.Signing.VALID).sendBinary(new byte[] {1, 2, 3});
        int code = stream.awaitClosed(Duration.ofSeconds(8)).map(MediaStream.Closed::code).orElse(0);
        long millis = (System.nanoTime() - began) / 1_000_000L;
        assertThat(code).isEqualTo(1008);
        assertThat(millis).as("closed long before the 10 s start deadline").isLessThan(5000);
        assertThat(app.assembly().core().callSessions().find(CallSid.of(call.callSid()))).isEmpty();
    }

    @Test
    void invalidUtf8TextClosesWith1007BeforeAndAfterTheStart() throws IOException {
        TestTenant t = harness.tenant("Mme Octets", 1);
        Call call = protectedCall(t);
        byte[] overlong = {'{', '"', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        try (RawMediaSocket raw = open(t, call)) {
            raw.send(ClientFrames.frame(0x81, overlong));
            assertThat(raw.closeCode()).isEqualTo(1007);
        }

        Call second = protectedCall(t);
        try (RawMediaSocket raw = open(t, second)) {
            raw.send(ClientFrames.text(MediaMessages.connected()));
            raw.send(ClientFrames.text(MediaMessages.start(1, "MZ1", t.account().accountSid(), second.callSid(),
                    second.twiml().streamParameters())));
            assertThat(CallPathHarness.eventually(Duration.ofSeconds(5),
                    () -> app.assembly().core().callSessions().find(CallSid.of(second.callSid())).isPresent()))
                    .as("the stream started").isTrue();
            raw.send(ClientFrames.frame(0x81, new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}));
            assertThat(raw.closeCode()).isEqualTo(1007);
        }
    }
}
