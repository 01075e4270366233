package com.ethiq.adapter.twilio.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.media.MediaStreamEvent.Audio;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Connected;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Dtmf;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Mark;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Rejected;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Start;
import com.ethiq.adapter.twilio.media.MediaStreamEvent.Stop;
import com.ethiq.core.domain.Speaker;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol of one stream, message by message, with no server: events out, and the rules that close a stream. */
class MediaStreamProtocolTest {
    private final List<MediaStreamEvent> events = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final MediaStreamProtocol protocol = new MediaStreamProtocol(events::add, 150, nanos::get);

    private void send(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[b.length + 6]; // inside a larger buffer, as in the network buffer
        System.arraycopy(b, 0, framed, 3, b.length);
        protocol.onText(framed, 3, 3 + b.length);
    }

    private void startStream() {
        send(TwilioFrames.connected());
        send(TwilioFrames.start("CA1", "tok"));
        events.clear();
    }

    private static byte[] audio(int n, int seed) {
        byte[] a = new byte[n];
        new Random(seed).nextBytes(a);
        return a;
    }

    @Test
    void aWholeStreamBecomesTypedEvents() {
        byte[] caller = audio(160, 1);
        byte[] callee = audio(160, 2);
        send(TwilioFrames.connected());
        send(TwilioFrames.start("CA1", "tok"));
        send(TwilioFrames.media(2, "MZ1", "inbound", 1, 20, caller));
        send(TwilioFrames.media(3, "MZ1", "outbound_track", 1, 40, callee));
        send(TwilioFrames.mark("greeting"));
        send(TwilioFrames.dtmf("7"));
        send(TwilioFrames.stop());
        send(TwilioFrames.media(10, "MZ1", "inbound", 2, 60, caller)); // after the stop: ignored

        assertThat(events).hasSize(7);
        assertThat(events.get(0)).isEqualTo(new Connected("Call", "1.0.0"));
        Start start = (Start) events.get(1);
        assertThat(start.callSid()).isEqualTo("CA1");
        assertThat(start.streamSid()).isEqualTo("MZ1");
        assertThat(start.accountSid()).isEqualTo("AC1");
        assertThat(start.tracks()).containsExactly("inbound", "outbound");
        assertThat(start.customParameters()).as("only textual parameters").isEqualTo(Map.of("token", "tok"));
        assertThat(start.toString()).as("the token never printed").doesNotContain("tok\"").doesNotContain("=tok");
        assertThat(List.of(start.mediaEncoding(), start.sampleRate(), start.channels())).containsExactly("audio/x-mulaw", 8000, 1);
        Audio a = (Audio) events.get(2);
        assertThat(a.speaker()).isEqualTo(Speaker.CALLER);
        assertThat(a.mulaw()).isEqualTo(caller);
        assertThat(a.timestampMillis()).isEqualTo(20);
        Audio b = (Audio) events.get(3);
        assertThat(b.speaker()).isEqualTo(Speaker.CALLEE);
        assertThat(b.mulaw()).isEqualTo(callee);
        assertThat(events.get(4)).isEqualTo(new Mark("greeting"));
        assertThat(events.get(5)).isEqualTo(new Dtmf("7"));
        assertThat(events.get(5).toString()).doesNotContain("7");
        assertThat(events.get(6)).isInstanceOf(Stop.class);
        assertThat(protocol.started()).isFalse();
    }

    @Test
    void theJacksonFallbackReadsWhatTheScannerLeaves() {
        startStream();
        // escaped slashes in the payload, and the timestamp as a number: the scanner gives up, Jackson reads it
        send("{\"event\":\"media\",\"media\":{\"track\":\"outbound\",\"timestamp\":60,\"payload\":\"\\/\\/8=\"}}");
        Audio a = (Audio) events.get(0);
        assertThat(a.speaker()).isEqualTo(Speaker.CALLEE);
        assertThat(a.mulaw()).containsExactly((byte) 0xFF, (byte) 0xFF);
        assertThat(a.timestampMillis()).isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"//8=\"}}",
            "{\"event\":\"stop\"}", "{\"event\":\"mark\"}", "not json", "[]",
            "{\"event\":\"start\",\"start\":{\"callSid\":\"\"}}",
    })
    void beforeTheStartAnythingButConnectedAndStartClosesWithPolicyViolation(String text) {
        send(text);
        assertThat(events).hasSize(1);
        Rejected r = (Rejected) events.get(0);
        assertThat(r.close()).isEqualTo(StreamClose.POLICY_VIOLATION);
        send(TwilioFrames.start("CA1", "tok"));
        assertThat(events).as("nothing after the close decision").hasSize(1);
        assertThat(protocol.started()).isFalse();
    }

    @Test
    void beforeTheStartTheReasonSaysWhatCame() {
        send(TwilioFrames.media(1, "MZ1", "inbound", 1, 20, audio(160, 1)));
        assertThat(((Rejected) events.get(0)).problem()).isEqualTo(StreamProblem.MEDIA_BEFORE_START);
        assertThat(StreamProblem.MEDIA_BEFORE_START.code()).isEqualTo("media_before_start");
    }

    @Test
    void unusableMessagesAreCountedUntilAHundredInARowThenBadData() {
        startStream();
        for (int i = 0; i < 99; i++) {
            send(i % 2 == 0 ? "garbage" : "{\"event\":\"media\",\"media\":{\"track\":\"sideways\",\"payload\":\"//8=\"}}");
        }
        assertThat(events).hasSize(99).allSatisfy(e -> assertThat(((Rejected) e).close()).isEqualTo(StreamClose.NONE));
        send(TwilioFrames.media(1, "MZ1", "inbound", 1, 20, audio(160, 1))); // a good frame resets the count
        for (int i = 0; i < 99; i++) {
            protocol.onBinary();
        }
        assertThat(events.get(events.size() - 1)).isEqualTo(new Rejected(StreamProblem.BINARY_FRAME, StreamClose.NONE));
        send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"!!!!\"}}");
        assertThat(events.get(events.size() - 1)).isEqualTo(new Rejected(StreamProblem.BAD_BASE64, StreamClose.BAD_DATA));
        int before = events.size();
        send(TwilioFrames.media(2, "MZ1", "inbound", 2, 40, audio(160, 1)));
        assertThat(events).as("the stream is over").hasSize(before);
    }

    @Test
    void eachKindOfBadMediaHasItsReason() {
        startStream();
        send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"\"}}");
        send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"abcde\"}}");
        send("{\"event\":\"media\",\"media\":{\"track\":\"x\",\"payload\":\"//8=\"}}");
        send(TwilioFrames.connected());
        send(TwilioFrames.start("CA2", "t"));
        send("{\"event\":\"unknown\"}");
        send("{\"event\":\"media\",\"media\":{\"track\":\"inbound\",\"payload\":\"\\u0021!!!\"}}"); // slow path
        protocol.onStrayContinuation();
        assertThat(events).extracting(e -> ((Rejected) e).problem()).containsExactly(StreamProblem.EMPTY_PAYLOAD,
                StreamProblem.BAD_BASE64, StreamProblem.UNKNOWN_TRACK, StreamProblem.UNEXPECTED_CONNECTED,
                StreamProblem.UNEXPECTED_START, StreamProblem.UNKNOWN_EVENT, StreamProblem.BAD_BASE64,
                StreamProblem.STRAY_CONTINUATION);
    }

    @Test
    void aTooLargeMessageEndsTheStreamWith1009() {
        startStream();
        protocol.onTooLarge();
        assertThat(events).containsExactly(new Rejected(StreamProblem.MESSAGE_TOO_LARGE, StreamClose.MESSAGE_TOO_LARGE));
        assertThat(StreamClose.MESSAGE_TOO_LARGE.code()).isEqualTo(1009);
        assertThat(StreamClose.BAD_DATA.code()).isEqualTo(1007);
        assertThat(StreamClose.POLICY_VIOLATION.code()).isEqualTo(1008);
    }

    @Test
    void moreFramesThanRealTimePlusABurstCloseWithPolicyViolation() {
        startStream();
        byte[] frame = audio(160, 3);
        String text = TwilioFrames.media(1, "MZ1", "inbound", 1, 20, frame);
        // 150 frames/s allowed, 5 s of burst: 750 frames at once pass, then one second buys 150 more
        for (int i = 0; i < 736; i++) {
            send(text);
        }
        assertThat(events).hasSize(736).allMatch(e -> e instanceof Audio);
        nanos.addAndGet(1_000_000_000L);
        for (int i = 0; i < 150; i++) {
            send(text);
        }
        assertThat(events).allMatch(e -> e instanceof Audio);
        for (int i = 0; i < 64; i++) {
            send(text);
        }
        assertThat(events.get(events.size() - 1)).isEqualTo(new Rejected(StreamProblem.RATE_EXCEEDED, StreamClose.POLICY_VIOLATION));
    }

    // ---------------------------------------------------------------- issue 15, item 8: closes as documented

    private void sendBytes(byte[] b) {
        protocol.onText(b, 0, b.length);
    }

    @Test
    void invalidUtf8ClosesWith1007BeforeAndAfterTheStart() {
        byte[] overlong = "{\"event\":\"connected\",\"x\":\"\u00c0\u00af\"}".getBytes(StandardCharsets.ISO_8859_1);
        sendBytes(overlong); // C0 AF: an overlong '/'
        assertThat(events).containsExactly(new Rejected(StreamProblem.INVALID_UTF8, StreamClose.BAD_DATA));

        MediaStreamProtocol streaming = new MediaStreamProtocol(events::add, 150, nanos::get);
        events.clear();
        byte[] start = TwilioFrames.start("CA1", "tok").getBytes(StandardCharsets.UTF_8);
        streaming.onText(start, 0, start.length);
        events.clear();
        // a lone continuation byte, a surrogate (ED A0 80), a truncated sequence, above U+10FFFF (F4 90 80 80)
        for (byte[] bad : List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})) {
            assertThat(Utf8.valid(bad, 0, bad.length)).isFalse();
        }
        byte[] mark = "{\"event\":\"mark\",\"mark\":{\"name\":\"\u00ed\u00a0\u0080\"}}".getBytes(StandardCharsets.ISO_8859_1);
        streaming.onText(mark, 0, mark.length);
        assertThat(events).containsExactly(new Rejected(StreamProblem.INVALID_UTF8, StreamClose.BAD_DATA));
        byte[] good = "{\"event\":\"mark\",\"mark\":{\"name\":\"café ☕ 𝄞\"}}".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.valid(good, 0, good.length)).as("valid multi-byte text passes").isTrue();
    }

    @Test
    void aBinaryFrameBeforeTheStartClosesAtOnce() {
        protocol.onBinary();
        assertThat(events).containsExactly(new Rejected(StreamProblem.BINARY_FRAME, StreamClose.POLICY_VIOLATION));
    }

    @Test
    void aHundredUnusableMessagesCloseWithTheDocumented1007() {
        startStream();
        for (int i = 0; i < MediaStreamProtocol.MAX_CONSECUTIVE_PROBLEMS; i++) {
            send("{\"event\":\"unknown\"}");
        }
        Rejected last = (Rejected) events.get(events.size() - 1);
        assertThat(last.close()).isEqualTo(StreamClose.BAD_DATA);
        assertThat(last.close().code()).isEqualTo(1007);
        assertThat(events).hasSize(MediaStreamProtocol.MAX_CONSECUTIVE_PROBLEMS);
    }

    @Test
    void numbersAreNeverReadAsStrings() {
        send("{\"event\":\"start\",\"start\":{\"callSid\":5,\"customParameters\":{\"token\":\"tok\"}}}");
        assertThat(events).containsExactly(new Rejected(StreamProblem.BAD_START, StreamClose.POLICY_VIOLATION));

        MediaStreamProtocol other = new MediaStreamProtocol(events::add, 150, nanos::get);
        events.clear();
        for (String text : List.of(
                "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"accountSid\":7}}",
                "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"tracks\":[1]}}",
                "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"mediaFormat\":{\"sampleRate\":\"8000\"}}}")) {
            MediaStreamProtocol p = new MediaStreamProtocol(events::add, 150, nanos::get);
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            p.onText(b, 0, b.length);
        }
        assertThat(events).as("a start with a field of the wrong type is not a start")
                .containsOnly(new Rejected(StreamProblem.BAD_START, StreamClose.POLICY_VIOLATION)).hasSize(3);
        events.clear();
        byte[] start = TwilioFrames.start("CA1", "tok").getBytes(StandardCharsets.UTF_8);
        other.onText(start, 0, start.length);
        events.clear();
        for (String text : List.of("{\"event\":\"mark\",\"mark\":{\"name\":5}}",
                "{\"event\":\"mark\",\"mark\":{\"name\":true}}", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":1}}",
                "{\"event\":5}")) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            other.onText(b, 0, b.length);
        }
        assertThat(events).containsOnly(new Rejected(StreamProblem.WRONG_TYPE, StreamClose.NONE)).hasSize(4);
    }

    @Test
    void theRateCountsAudioNotFrames() {
        startStream();
        // 1.4 s of audio in each frame: 150 frames/s of 20 ms allow 3 s of audio a second, plus 15 s of burst.
        String fat = TwilioFrames.media(1, "MZ1", "inbound", 1, 20, audio(11_200, 4));
        int accepted = 0;
        for (int i = 0; i < 50 && !(events.isEmpty() ? false : events.get(events.size() - 1) instanceof Rejected); i++) {
            send(fat);
            accepted = (int) events.stream().filter(e -> e instanceof Audio).count();
        }
        assertThat(events.get(events.size() - 1))
                .isEqualTo(new Rejected(StreamProblem.RATE_EXCEEDED, StreamClose.POLICY_VIOLATION));
        double secondsAccepted = accepted * 1.4;
        assertThat(secondsAccepted).as("audio let through before the close, with no time passing")
                .isLessThanOrEqualTo(MediaStreamProtocol.BURST_SECONDS * 150 * 0.020 + 1.4);
        // The same audio in real-time frames, paced, passes: a real call is never cut.
        MediaStreamProtocol paced = new MediaStreamProtocol(events::add, 150, nanos::get);
        events.clear();
        byte[] start = TwilioFrames.start("CA1", "tok").getBytes(StandardCharsets.UTF_8);
        paced.onText(start, 0, start.length);
        byte[] frame = TwilioFrames.media(1, "MZ1", "inbound", 1, 20, audio(160, 5)).getBytes(StandardCharsets.UTF_8);
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 100; i++) {
                paced.onText(frame, 0, frame.length);
            }
            nanos.addAndGet(1_000_000_000L);
        }
        assertThat(events).filteredOn(e -> e instanceof Rejected).isEmpty();
    }

    /** The frame path allocates nothing per frame once warm (the transport batches from the listener's copy). */
    @Test
    void theHotPathAllocatesNothingPerFrame() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] sum = new long[1];
        MediaStreamProtocol.Listener hot = new MediaStreamProtocol.Listener() {
            @Override
            public void onEvent(MediaStreamEvent event) {
                throw new AssertionError("unexpected " + event);
            }

            @Override
            public void onAudio(Speaker speaker, byte[] audio, int offset, int length, long timestampMillis) {
                sum[0] += audio[offset] + length + speaker.ordinal();
            }
        };
        MediaStreamProtocol p = new MediaStreamProtocol(new MediaStreamProtocol.Listener() {
            @Override
            public void onEvent(MediaStreamEvent event) {
                // connected and start
            }

            @Override
            public void onAudio(Speaker speaker, byte[] audio, int offset, int length, long timestampMillis) {
                hot.onAudio(speaker, audio, offset, length, timestampMillis);
            }
        }, Integer.MAX_VALUE / 1000, System::nanoTime);
        byte[] start = TwilioFrames.start("CA1", "tok").getBytes(StandardCharsets.UTF_8);
        p.onText(start, 0, start.length);
        byte[][] frames = new byte[2][];
        frames[0] = TwilioFrames.media(1, "MZ1", "inbound", 1, 20, audio(160, 4)).getBytes(StandardCharsets.US_ASCII);
        frames[1] = TwilioFrames.media(2, "MZ1", "outbound", 1, 20, audio(160, 5)).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 200_000; i++) { // warm-up: let the JIT compile the path
            p.onText(frames[i & 1], 0, frames[i & 1].length);
        }
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            p.onText(frames[i & 1], 0, frames[i & 1].length);
        }
        long perFrame = (threads.getThreadAllocatedBytes(tid) - before) / n;
        assertThat(sum[0]).isNotZero();
        assertThat(perFrame).as("bytes allocated per media frame").isLessThan(8);
    }
}
