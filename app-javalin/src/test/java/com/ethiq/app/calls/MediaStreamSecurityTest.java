package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.app.AppConfig;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.metrics.MediaMetrics;
import com.ethiq.app.sim.MediaMessages;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The media WebSocket refuses everything that is not Twilio streaming an authenticated call, closes with 1008 (policy
 * violation) without processing anything, and survives garbage once a stream is authenticated.
 */
class MediaStreamSecurityTest {
    private static final int POLICY = 1008;
    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;
    private static MediaMetrics metrics;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness();
        app = harness.startApp(Map.of("ETHIQ_MEDIA_START_TIMEOUT", "PT1S", "ETHIQ_MEDIA_MAX_SOCKETS_PER_TENANT", "3"), cc -> cc);
        twilio = harness.simulator(app);
        metrics = app.assembly().metrics().media();
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

    private static void assertNoSession(Call call) {
        assertThat(app.assembly().core().callSessions().find(CallSid.of(call.callSid()))).isEmpty();
    }

    private static int closeCode(MediaStream stream) {
        return stream.awaitClosed(Duration.ofSeconds(5)).map(MediaStream.Closed::code).orElse(0);
    }

    @Test
    void validStreamIsAcceptedAndFeedsTheCall() {
        TestTenant t = harness.tenant("Mme Valide", 1);
        Call call = protectedCall(t);
        try (MediaStream stream = call.startStream()) {
            stream.stream(Duration.ofMillis(300));
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                    .find(CallSid.of(call.callSid())).map(s -> s.audioBytes(com.ethiq.core.domain.Speaker.CALLER) > 0).orElse(false)))
                    .isTrue();
        }
    }

    @Test
    void missingUpgradeSignatureIsRefusedBeforeTheUpgrade() {
        TestTenant t = harness.tenant("Mme Sans", 1);
        Call call = protectedCall(t);
        assertThatThrownBy(() -> call.openStream(Signing.MISSING))
                .isInstanceOfSatisfying(MediaStream.UpgradeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        assertNoSession(call);
    }

    @Test
    void forgedUpgradeSignatureIsClosedAtStartWithNothingProcessed() {
        TestTenant t = harness.tenant("Mme Faux", 1);
        Call call = protectedCall(t);
        MediaStream stream = call.openStream(Signing.FORGED).sendConnected().sendStart(call.twiml().streamParameters());
        assertThat(closeCode(stream)).isEqualTo(POLICY);
        assertNoSession(call);
        assertThat(metrics.refusals("bad_signature")).isPositive();
        // The token was not used up by the forgery: Twilio's genuine socket still gets in.
        try (MediaStream genuine = call.startStream()) {
            genuine.stream(Duration.ofMillis(100));
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                    .find(CallSid.of(call.callSid())).isPresent())).isTrue();
        }
    }

    @Test
    void missingMalformedExpiredAndForeignTokensAreRefused() {
        TestTenant t = harness.tenant("Mme Jeton", 1);
        TestTenant other = harness.tenant("M. Autre", 1);
        MediaTokens pastTokens = new MediaTokens(app.config().mediaAdmission().tokenKey(),
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
        MediaTokens wrongKey = new MediaTokens("another-secret-of-at-least-32-bytes!!".getBytes(), Clock.systemUTC());

        Call a = protectedCall(t);
        Map<String, Map<String, String>> cases = Map.of(
                "missing", Map.of(),
                "malformed", Map.of("token", "not.a.jwt"),
                "expired", Map.of("token", pastTokens.issue(t.id(), CallSid.of(a.callSid()))),
                "wrong key", Map.of("token", wrongKey.issue(t.id(), CallSid.of(a.callSid()))),
                "other tenant", Map.of("token", app.mediaTokens().issue(other.id(), CallSid.of(a.callSid()))),
                "unknown tenant", Map.of("token", app.mediaTokens().issue(TenantId.random(), CallSid.of(a.callSid()))));
        cases.forEach((name, params) -> {
            MediaStream s = a.openStream(Signing.VALID).sendConnected().sendStart(params);
            assertThat(closeCode(s)).as(name).isEqualTo(POLICY);
            assertNoSession(a);
        });
    }

    @Test
    void tokenOfAnotherCallIsRefusedAndReplayedTokenIsRefused() {
        TestTenant t = harness.tenant("Mme Rejeu", 1);
        Call first = protectedCall(t);
        Call second = protectedCall(t);
        // second's socket presenting first's token
        MediaStream mismatched = second.openStream(Signing.VALID).sendConnected().sendStart(first.twiml().streamParameters());
        assertThat(closeCode(mismatched)).isEqualTo(POLICY);
        assertNoSession(second);

        MediaStream original = first.startStream();
        original.stream(Duration.ofMillis(100));
        MediaStream replay = first.openStream(Signing.VALID).sendConnected().sendStart(first.twiml().streamParameters());
        assertThat(closeCode(replay)).isEqualTo(POLICY);
        assertThat(metrics.refusals("token_replayed")).isPositive();
        // the original stream is untouched
        assertThat(original.isClosed()).isFalse();
        original.close();
    }

    @Test
    void secondSocketForALiveCallDoesNotDoubleTheWork() {
        TestTenant t = harness.tenant("M. Double", 1);
        Call call = protectedCall(t);
        MediaStream one = call.startStream();
        one.stream(Duration.ofMillis(100));
        // A second socket for the same call with a fresh, valid token (as a re-sent webhook would produce).
        String freshToken = app.mediaTokens().issue(t.id(), CallSid.of(call.callSid()));
        MediaStream two = call.openStream(Signing.VALID).sendConnected().sendStart(Map.of("token", freshToken));
        assertThat(closeCode(two)).isEqualTo(POLICY);
        // refused by the store's claim (one media stream per call sid, on every node) before the per-node session check
        assertThat(metrics.refusals("call_already_streamed_or_over")).isPositive();
        assertThat(app.assembly().core().callSessions().live().stream()
                .filter(s -> s.callSid().value().equals(call.callSid()))).hasSize(1);
        one.close();
    }

    @Test
    void nothingButConnectedAndStartIsAcceptedBeforeAuthentication() {
        TestTenant t = harness.tenant("Mme Avant", 1);
        Call call = protectedCall(t);
        MediaStream media = call.openStream(Signing.VALID).sendConnected().sendMedia("inbound", MediaMessages.SILENCE_FRAME);
        assertThat(closeCode(media)).isEqualTo(POLICY);
        MediaStream garbage = call.openStream(Signing.VALID).send("{not json");
        assertThat(closeCode(garbage)).isEqualTo(POLICY);
        MediaStream silent = call.openStream(Signing.VALID).sendConnected();
        assertThat(closeCode(silent)).as("no start within the start timeout").isEqualTo(POLICY);
        assertThat(metrics.refusals("start_timeout")).isPositive();
        assertNoSession(call);
    }

    @Test
    void garbageOnAnAuthenticatedStreamIsCountedAndTheStreamSurvives() {
        TestTenant t = harness.tenant("M. Bruit", 1);
        Call call = protectedCall(t);
        try (MediaStream stream = call.startStream()) {
            stream.stream(Duration.ofMillis(60));
            double before = metrics.problems("malformed_json") + metrics.problems("unknown_event")
                    + metrics.problems("bad_base64") + metrics.problems("binary_frame") + metrics.problems("unknown_track");
            stream.send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":");  // truncated
            stream.send("{\"event\":\"surprise\",\"streamSid\":\"MZ1\"}");
            stream.send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"!!!not base64!!!\"}}");
            stream.send("{\"event\":\"media\",\"media\":{\"track\":\"sideways\",\"payload\":\"//8=\"}}");
            stream.sendBinary(new byte[] {1, 2, 3});
            stream.sendMark("m1").sendDtmf("5");
            // An escaped payload goes through the slow path and still counts as audio.
            String escaped = MediaMessages.media(99, stream.streamSid(), "outbound", 1, 20, MediaMessages.SILENCE_FRAME)
                    .replace("\"payload\":\"/", "\"payload\":\"\\/");
            stream.send(escaped);
            stream.sendFragmented(MediaMessages.media(100, stream.streamSid(), "inbound", 2, 40, MediaMessages.SILENCE_FRAME), 30);
            stream.stream(Duration.ofMillis(100));
            // Counted as the frames are read: on a loaded machine that may be a little after the sender is done.
            java.util.function.DoubleSupplier counted = () -> metrics.problems("malformed_json") + metrics.problems("unknown_event")
                    + metrics.problems("bad_base64") + metrics.problems("binary_frame") + metrics.problems("unknown_track") - before;
            eventually(Duration.ofSeconds(3), () -> counted.getAsDouble() >= 5);
            assertThat(counted.getAsDouble()).isEqualTo(5);
            assertThat(stream.isClosed()).isFalse();
            assertThat(app.assembly().core().callSessions().find(CallSid.of(call.callSid()))).isPresent();
        }
    }

    @Test
    void oversizedMessageClosesTheSocketCleanlyAndEndsTheSession() {
        TestTenant t = harness.tenant("Mme Enorme", 1);
        Call call = protectedCall(t);
        MediaStream stream = call.startStream();
        stream.stream(Duration.ofMillis(60));
        String huge = "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"" + "A".repeat(40_000) + "\"}}";
        try {
            stream.send(huge);
        } catch (RuntimeException e) {
            // the server may close while we are still writing
        }
        assertThat(closeCode(stream)).isEqualTo(1009);
        assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                .find(CallSid.of(call.callSid())).isEmpty())).isTrue();
    }

    @Test
    void droppedConnectionEndsTheSessionAndFreesTheTenantsSlot() {
        TestTenant t = harness.tenant("M. Coupure", 1);
        for (int i = 0; i < 5; i++) { // more than the 3 slots: each dropped socket gave its slot back
            Call call = protectedCall(t);
            MediaStream stream = call.startStream();
            stream.stream(Duration.ofMillis(60));
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                    .find(CallSid.of(call.callSid())).isPresent())).isTrue();
            stream.abort();
            assertThat(eventually(Duration.ofSeconds(5), () -> app.assembly().core().callSessions()
                    .find(CallSid.of(call.callSid())).isEmpty())).as("session %d ended", i).isTrue();
        }
    }

    @Test
    void aFloodOfFramesIsClosed() {
        TestTenant t = harness.tenant("M. Déluge", 1);
        Call call = protectedCall(t);
        MediaStream stream = call.startStream();
        try {
            for (int i = 0; i < 2_000 && !stream.isClosed(); i++) { // 150 frames/s allowed, 5 s of burst
                stream.sendMedia("inbound", MediaMessages.SILENCE_FRAME);
            }
        } catch (RuntimeException e) {
            // closed by the app while we were sending
        }
        assertThat(closeCode(stream)).isEqualTo(POLICY);
        assertThat(metrics.problems("rate_exceeded")).isPositive();
        assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                .find(CallSid.of(call.callSid())).isEmpty())).isTrue();
    }

    @Test
    void tenantSocketLimitRefusesTheExtraStream() {
        TestTenant t = harness.tenant("Mme Limite", 1);
        MediaStream[] open = new MediaStream[3];
        for (int i = 0; i < 3; i++) {
            Call call = protectedCall(t);
            open[i] = call.startStream();
            open[i].stream(Duration.ofMillis(120)); // more than one 100 ms chunk: the call gets audio
            // the three are admitted before the fourth starts: which of two starts arriving together is counted
            // first is the server's choice (a media socket is read when its read interval comes)
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions()
                    .find(CallSid.of(call.callSid())).map(s -> s.audioBytes(com.ethiq.core.domain.Speaker.CALLER) > 0)
                    .orElse(false))).as("stream %d admitted", i).isTrue();
        }
        MediaStream extra = protectedCall(t).startStream();
        assertThat(closeCode(extra)).isEqualTo(1013);
        for (MediaStream s : open) {
            assertThat(s.isClosed()).isFalse();
            s.close();
        }
    }
}
