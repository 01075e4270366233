package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static com.ethiq.app.calls.media.ClientFrames.concat;
import static com.ethiq.app.calls.media.ClientFrames.frame;
import static com.ethiq.app.calls.media.ClientFrames.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.calls.media.ClientFrames;
import com.ethiq.app.calls.media.ClientFrames.Length;
import com.ethiq.app.sim.MediaMessages;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The media socket's framing on the wire, with each frame reader ({@code ETHIQ_MEDIA_FRAME_READER=lean}, the default,
 * and {@code jetty}, the fallback): the same streams are read whole however they are cut, the same control frames
 * answered, and every frame RFC 6455 forbids a client closes the socket with the same code, with no call session.
 */
class MediaFrameReadersTest {
    private static CallPathHarness harness;
    private static final Map<String, EthiqApp> apps = new java.util.HashMap<>();
    private static final Map<String, TwilioCallSimulator> simulators = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        harness = new CallPathHarness();
        for (String reader : List.of("lean", "jetty")) {
            EthiqApp app = harness.startApp(Map.of("ETHIQ_MEDIA_FRAME_READER", reader,
                    "ETHIQ_MEDIA_START_TIMEOUT", "PT10S", "ETHIQ_MEDIA_IDLE_TIMEOUT", "PT3S"), cc -> cc);
            apps.put(reader, app);
            simulators.put(reader, harness.simulator(app));
        }
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    static Stream<String> readers() {
        return Stream.of("lean", "jetty");
    }

    private record Ringing(EthiqApp app, TestTenant tenant, Call call) {
        RawMediaSocket open(byte[] early) throws IOException {
            return RawMediaSocket.open(app.port(), tenant.account().authToken(), call.twiml().streamUrl().orElseThrow(), early);
        }

        byte[] connectedAndStart() {
            return concat(text(MediaMessages.connected()),
                    text(MediaMessages.start(1, "MZ1", tenant.account().accountSid(), call.callSid(),
                            call.twiml().streamParameters())));
        }

        boolean session() {
            return app.assembly().core().callSessions().find(CallSid.of(call.callSid())).isPresent();
        }

        boolean heard() {
            return app.assembly().core().callSessions().find(CallSid.of(call.callSid()))
                    .map(s -> s.audioBytes(Speaker.CALLER) > 0 && s.audioBytes(Speaker.CALLEE) > 0).orElse(false);
        }
    }

    private static Ringing ring(String reader, String name) {
        TestTenant t = harness.tenant(name + " " + reader, 1);
        Call call = simulators.get(reader).ring(t.account(), "+33612121212", t.number());
        assertThat(call.twiml().protectedCall()).isTrue();
        return new Ringing(apps.get(reader), t, call);
    }

    /** {@code n} 20 ms frames of each track, as text frames. */
    private static byte[] media(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < n; i++) {
            for (String track : List.of("inbound", "outbound")) {
                b.writeBytes(text(MediaMessages.media(2 + i, "MZ1", track, i + 1, 20L * i, MediaMessages.SILENCE_FRAME)));
            }
        }
        return b.toByteArray();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aStreamWrittenOneByteAtATimeIsReadWhole(String reader) throws IOException {
        Ringing r = ring(reader, "Mme Goutte");
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.sendByteByByte(concat(r.connectedAndStart(), media(12)));
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).as("both tracks reached the call").isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("readers")
    void framesSentWithTheUpgradeRequestAreRead(String reader) throws IOException {
        Ringing r = ring(reader, "M. Presse");
        try (RawMediaSocket raw = r.open(concat(r.connectedAndStart(), media(12)))) {
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aStartInFragmentsWithPingsBetweenThemIsReadAndEachPingAnswered(String reader) throws IOException {
        Ringing r = ring(reader, "Mme Morceaux");
        byte[] start = MediaMessages.start(1, "MZ1", r.tenant().account().accountSid(), r.call().callSid(),
                r.call().twiml().streamParameters()).getBytes(StandardCharsets.UTF_8);
        int third = start.length / 3;
        byte[] ping1 = "un".getBytes(StandardCharsets.UTF_8);
        byte[] ping2 = new byte[125];
        Arrays.fill(ping2, (byte) 'x');
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.send(concat(text(MediaMessages.connected()),
                    frame(0x01, Arrays.copyOfRange(start, 0, third)),
                    frame(0x89, ping1),
                    frame(0x00, Arrays.copyOfRange(start, third, 2 * third)),
                    frame(0x89, ping2),
                    frame(0x8A, new byte[0]), // an unsolicited pong: ignored
                    frame(0x80, Arrays.copyOfRange(start, 2 * third, start.length)),
                    media(12)));
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).isTrue();
            List<RawMediaSocket.Frame> pongs = new ArrayList<>();
            while (pongs.size() < 2) {
                RawMediaSocket.Frame f = raw.read();
                assertThat(f).as("the socket stays open").isNotNull();
                if (f.opcode() == 0xA) {
                    pongs.add(f);
                }
            }
            assertThat(pongs.get(0).payload()).isEqualTo(ping1);
            assertThat(pongs.get(1).payload()).isEqualTo(ping2);
            assertThat(pongs.get(0).firstByte()).isEqualTo(0x8A);
        }
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aCloseFrameIsAnsweredWithItsCodeAndEndsTheSession(String reader) throws IOException {
        Ringing r = ring(reader, "M. Adieu");
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.send(concat(r.connectedAndStart(), media(6)));
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).isTrue();
            raw.send(frame(0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'}));
            assertThat(raw.closeCode()).isEqualTo(1000);
            assertThat(raw.endsStream()).as("the server ends the TCP stream after the close handshake").isTrue();
        }
        assertThat(eventually(Duration.ofSeconds(5), () -> !r.session())).as("the call session ended").isTrue();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void theEndOfTheStreamWithoutACloseEndsTheSession(String reader) throws IOException {
        Ringing r = ring(reader, "Mme Coupure");
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.send(concat(r.connectedAndStart(), media(6), Arrays.copyOf(media(1), 40))); // ends inside a frame
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).isTrue();
        }
        assertThat(eventually(Duration.ofSeconds(5), () -> !r.session())).as("the call session ended").isTrue();
    }

    @ParameterizedTest
    @MethodSource("readers")
    void aSilentSocketIsClosedAtTheIdleTimeoutAndItsSessionEnds(String reader) throws IOException {
        Ringing r = ring(reader, "M. Muet");
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.send(concat(r.connectedAndStart(), media(6), Arrays.copyOf(media(1), 30))); // silent inside a frame
            assertThat(eventually(Duration.ofSeconds(5), r::heard)).isTrue();
            long began = System.nanoTime();
            assertThat(raw.closeCode()).isEqualTo(1001);
            assertThat((System.nanoTime() - began) / 1_000_000L).as("closed by the 3 s idle timeout").isBetween(1_000L, 7_000L);
        }
        assertThat(eventually(Duration.ofSeconds(5), () -> !r.session())).as("the call session ended").isTrue();
    }

    static Stream<Arguments> refusals() {
        byte[] json = MediaMessages.connected().getBytes(StandardCharsets.UTF_8);
        byte[] hundred = new byte[100];
        List<Arguments> cases = List.of(
                Arguments.of("a reserved bit", frame(0x81 | 0x40, json), 1002),
                Arguments.of("a reserved data opcode", frame(0x83, json), 1002),
                Arguments.of("a reserved control opcode", frame(0x8B, new byte[0]), 1002),
                Arguments.of("an unmasked frame", frame(0x81, json, null, json.length, Length.SHORTEST), 1002),
                Arguments.of("a control frame above 125 bytes", frame(0x89, new byte[126]), 1002),
                Arguments.of("a fragmented ping", frame(0x09, new byte[] {1}), 1002),
                Arguments.of("a continuation with no message open", frame(0x80, json), 1002),
                Arguments.of("a new message inside a fragmented one",
                        concat(frame(0x01, new byte[] {'{'}), frame(0x81, json)), 1002),
                Arguments.of("a 16-bit length above the limit", frame(0x81, hundred, ClientFrames.MASK, 20_000, Length.SHORTEST), 1009),
                Arguments.of("a 64-bit length above the limit", frame(0x81, hundred, ClientFrames.MASK, 1L << 40, Length.SHORTEST), 1009),
                Arguments.of("a 64-bit length with its top bit set", frame(0x82, hundred, ClientFrames.MASK, Long.MIN_VALUE | 7, Length.SHORTEST), 1009),
                Arguments.of("a close with a code no one may send", frame(0x88, new byte[] {0x03, (byte) 0xE7}), 1002),
                Arguments.of("a close whose reason is not UTF-8",
                        frame(0x88, new byte[] {0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF}), 1007),
                Arguments.of("a binary frame before the start", frame(0x82, new byte[] {1, 2, 3}), 1008),
                Arguments.of("text that is not UTF-8", frame(0x81, new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}), 1007));
        return readers().flatMap(reader -> cases.stream().map(c -> Arguments.of(reader, c.get()[0], c.get()[1], c.get()[2])));
    }

    @ParameterizedTest(name = "{0}: {1} -> {3}")
    @MethodSource("refusals")
    void aFrameAClientMustNotSendClosesTheSocketWithItsCode(String reader, String what, byte[] frame, int code) throws IOException {
        Ringing r = ring(reader, "M. Hostile");
        try (RawMediaSocket raw = r.open(new byte[0])) {
            raw.send(text(MediaMessages.connected())).send(frame);
            assertThat(raw.closeCode()).as(what).isEqualTo(code);
            assertThat(raw.endsStream()).as("the server ends the TCP stream").isTrue();
        }
        assertThat(r.session()).isFalse();
    }
}
