package com.ethiq.app.calls.media;

import static com.ethiq.app.calls.media.ClientFrames.concat;
import static com.ethiq.app.calls.media.ClientFrames.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.app.calls.media.ClientFrames.Length;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.eclipse.jetty.websocket.core.exception.CloseException;
import org.eclipse.jetty.websocket.core.exception.MessageTooLargeException;
import org.eclipse.jetty.websocket.core.exception.ProtocolException;
import org.junit.jupiter.api.Test;

/**
 * {@link MediaFrameReader} over byte streams cut everywhere: a frame a byte at a time, many frames in one read, frames
 * across reads; masks, the three length encodings, fragments with control frames between them, stops, and every
 * refusal with its close code. The buffer handling mirrors {@link LeanWebSocketConnection}'s: what the reader leaves is
 * moved to the front and the next bytes appended.
 */
class MediaFrameReaderTest {
    private static final int MAX = 16_384;

    /** A frame as the handler saw it. */
    private record Seen(byte opcode, boolean fin, boolean control, String payload) {
        static Seen data(int opcode, boolean fin, byte[] payload) {
            return new Seen((byte) opcode, fin, false, hex(payload));
        }

        static Seen control(int opcode, byte[] payload) {
            return new Seen((byte) opcode, true, true, hex(payload));
        }
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    /** Records frames; says stop on the frames whose index is in {@code stopAt}. */
    private static final class Recorder implements MediaFrameReader.Frames {
        final List<Seen> seen = new ArrayList<>();
        int stopEvery;

        @Override
        public boolean onData(byte opcode, boolean fin, byte[] bytes, int from, int to) {
            seen.add(new Seen(opcode, fin, false, hex(Arrays.copyOfRange(bytes, from, to))));
            return stopEvery == 0 || seen.size() % stopEvery != 0;
        }

        @Override
        public boolean onControl(byte opcode, byte[] bytes, int from, int to) {
            seen.add(new Seen(opcode, true, true, hex(Arrays.copyOfRange(bytes, from, to))));
            return stopEvery == 0 || seen.size() % stopEvery != 0;
        }
    }

    /** The connection's buffer discipline: append what arrives, read, keep the rest at the front. */
    private static final class Feed {
        final MediaFrameReader reader = new MediaFrameReader(MAX);
        final Recorder frames = new Recorder();
        byte[] buffer = new byte[64];
        int start;
        int end;

        void arrive(byte[] bytes, int from, int to) {
            int n = to - from;
            if (end + n > buffer.length) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                if (end + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + n));
                }
            }
            System.arraycopy(bytes, from, buffer, end, n);
            end += n;
            do {
                start = reader.read(buffer, start, end, frames);
            } while (reader.stopped());
        }
    }

    /** A frame's header alone (mask 1, 2, 3, 4): its length is declared, its payload not sent. */
    private static byte[] header(int firstByte, long declaredLength, Length encoding) {
        return frame(firstByte, new byte[0], new byte[] {1, 2, 3, 4}, declaredLength, encoding);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A stream of every kind of legal frame, with what the handler must see. */
    private static final class Script {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<Seen> expected = new ArrayList<>();
        private final Random random = new Random(7);

        Script data(int firstByte, byte[] payload) {
            wire.writeBytes(frame(firstByte, payload, mask()));
            expected.add(Seen.data(firstByte & 0x0F, (firstByte & 0x80) != 0, payload));
            return this;
        }

        Script control(int opcode, byte[] payload) {
            wire.writeBytes(frame(0x80 | opcode, payload, mask()));
            expected.add(Seen.control(opcode, payload));
            return this;
        }

        private byte[] mask() {
            byte[] m = new byte[4];
            random.nextBytes(m);
            return m;
        }
    }

    private static Script everyKind() {
        return new Script()
                .data(0x81, "{\"event\":\"connected\"}".getBytes(StandardCharsets.UTF_8))
                .data(0x81, new byte[0])
                .data(0x81, bytes(125, 1))          // longest 7-bit length
                .data(0x82, bytes(126, 2))          // shortest 16-bit length
                .data(0x81, bytes(333, 3))          // a media frame's size
                .data(0x01, bytes(10, 4))           // a fragmented message ...
                .control(0x9, bytes(5, 5))          // ... with a ping between its fragments
                .data(0x00, bytes(7, 6))
                .control(0xA, new byte[0])
                .data(0x80, bytes(3, 7))            // ... ends
                .data(0x02, bytes(1, 8))            // a fragmented binary message
                .data(0x80, new byte[0])
                .control(0x9, bytes(125, 9))        // largest control payload
                .data(0x81, bytes(MAX, 10))         // largest frame
                .control(0x8, new byte[] {0x03, (byte) 0xE8});
    }

    @Test
    void aStreamOfEveryKindOfFrameReadsTheSameCutAtEveryOffset() {
        Script script = everyKind();
        byte[] wire = script.wire.toByteArray();
        for (int cut = 0; cut <= wire.length; cut += cut < 400 ? 1 : 97) {
            Feed feed = new Feed();
            feed.arrive(wire, 0, cut);
            feed.arrive(wire, cut, wire.length);
            assertThat(feed.frames.seen).as("cut at %d", cut).isEqualTo(script.expected);
            assertThat(feed.start).isEqualTo(feed.end);
        }
    }

    @Test
    void aStreamArrivingOneByteAtATimeReadsTheSame() {
        Script script = everyKind();
        byte[] wire = script.wire.toByteArray();
        Feed feed = new Feed();
        for (int i = 0; i < wire.length; i++) {
            feed.arrive(wire, i, i + 1);
        }
        assertThat(feed.frames.seen).isEqualTo(script.expected);
    }

    @Test
    void aStreamInRandomPiecesReadsTheSame() {
        Script script = everyKind();
        byte[] wire = script.wire.toByteArray();
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            Feed feed = new Feed();
            for (int at = 0; at < wire.length; ) {
                int n = Math.min(wire.length - at, 1 + random.nextInt(round % 2 == 0 ? 40 : 4000));
                feed.arrive(wire, at, at + n);
                at += n;
            }
            assertThat(feed.frames.seen).isEqualTo(script.expected);
        }
    }

    @Test
    void aHandlerThatSaysStopGetsTheRestOnTheNextRead() {
        Script script = everyKind();
        byte[] wire = script.wire.toByteArray();
        MediaFrameReader reader = new MediaFrameReader(MAX);
        Recorder frames = new Recorder();
        frames.stopEvery = 1;
        int at = 0;
        int reads = 0;
        while (at < wire.length) {
            int next = reader.read(wire, at, wire.length, frames);
            assertThat(reader.stopped()).isTrue();
            assertThat(frames.seen).hasSize(++reads);
            at = next;
        }
        assertThat(frames.seen).isEqualTo(script.expected);
        assertThat(reader.read(wire, at, wire.length, frames)).isEqualTo(wire.length);
        assertThat(reader.stopped()).isFalse();
    }

    @Test
    void aPartialFrameSaysHowManyBytesItNeedsOnceItsHeaderIsWhole() {
        byte[] big = frame(0x81, bytes(10_000, 1), new byte[] {9, 8, 7, 6});
        MediaFrameReader reader = new MediaFrameReader(MAX);
        Recorder frames = new Recorder();
        assertThat(reader.read(big, 0, 3, frames)).isZero();
        assertThat(reader.needed()).as("16-bit length not whole yet").isZero();
        assertThat(reader.read(big, 0, 8, frames)).isZero();
        assertThat(reader.needed()).isEqualTo(big.length);
        assertThat(frames.seen).isEmpty();
        assertThat(reader.read(big, 0, big.length, frames)).isEqualTo(big.length);
        assertThat(frames.seen).hasSize(1);
    }

    @Test
    void unmaskingMatchesTheByteByByteDefinitionAtEveryLengthAndOffset() {
        Random random = new Random(3);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 70; length++) {
                byte[] original = bytes(offset + length + 3, random.nextLong());
                byte[] mask = bytes(4, random.nextLong());
                byte[] expected = original.clone();
                for (int i = 0; i < length; i++) {
                    expected[offset + i] ^= mask[i % 4];
                }
                byte[] actual = original.clone();
                int maskInt = (mask[0] & 0xFF) | (mask[1] & 0xFF) << 8 | (mask[2] & 0xFF) << 16 | (mask[3] & 0xFF) << 24;
                MediaFrameReader.unmask(actual, offset, offset + length, maskInt);
                assertThat(actual).as("offset %d length %d", offset, length).isEqualTo(expected);
            }
        }
    }

    @Test
    void sixtyFourBitLengthsAreReadAndHugeOnesRefusedFromTheHeaderAlone() {
        // A legal 64-bit encoding of a small length is read like any other.
        byte[] payload = bytes(300, 4);
        byte[] mask = {5, 6, 7, 8};
        Feed feed = new Feed();
        byte[] wire = frame(0x82, payload, mask, payload.length, Length.BITS_64);
        feed.arrive(wire, 0, wire.length);
        assertThat(feed.frames.seen).containsExactly(Seen.data(2, true, payload));

        // Above the limit, above 2^31, with the top bit set: 1009 with only the 14 header bytes present.
        for (long length : new long[] {MAX + 1L, 1L << 31, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1L}) {
            byte[] head = header(0x81, length, Length.BITS_64);
            assertThat(head).hasSize(14);
            assertThatThrownBy(() -> new MediaFrameReader(MAX).read(head, 0, head.length, new Recorder()))
                    .as("length %d", length).isInstanceOf(MessageTooLargeException.class)
                    .satisfies(e -> assertThat(((CloseException) e).getStatusCode()).isEqualTo(1009));
        }
        byte[] sixteen = header(0x81, MAX + 1, Length.BITS_16);
        assertThatThrownBy(() -> new MediaFrameReader(MAX).read(sixteen, 0, sixteen.length, new Recorder()))
                .isInstanceOf(MessageTooLargeException.class);
    }

    @Test
    void everyFrameAClientMustNotSendIsRefusedWithItsCode() {
        byte[] m = {1, 2, 3, 4};
        record Case(String what, byte[] wire, int code) {
        }
        List<Case> cases = new ArrayList<>(List.of(
                new Case("RSV1", frame(0xC1, bytes(3, 1), m), 1002),
                new Case("RSV2", frame(0xA1, bytes(3, 1), m), 1002),
                new Case("RSV3", frame(0x91, bytes(3, 1), m), 1002),
                new Case("RSV on a control frame", frame(0xC9, bytes(3, 1), m), 1002),
                new Case("unmasked", frame(0x81, new byte[] {'h', 'i'}, null, 2, Length.SHORTEST), 1002),
                new Case("control above 125", frame(0x89, bytes(126, 1), m), 1002),
                new Case("close above 125", header(0x88, 200, Length.BITS_16), 1002),
                new Case("fragmented ping", frame(0x09, bytes(1, 1), m), 1002),
                new Case("fragmented close", frame(0x08, new byte[] {3, (byte) 0xE8}, m), 1002),
                new Case("stray continuation", frame(0x80, bytes(3, 1), m), 1002),
                new Case("text inside a fragmented message", concat(frame(0x01, bytes(3, 1), m), frame(0x81, bytes(3, 1), m)), 1002),
                new Case("binary inside a fragmented message", concat(frame(0x02, bytes(3, 1), m), frame(0x02, bytes(3, 1), m)), 1002),
                new Case("data frame above the limit", header(0x81, MAX + 1, Length.BITS_16), 1009)));
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            cases.add(new Case("reserved opcode " + opcode, frame(0x80 | opcode, new byte[0], m), 1002));
        }
        for (Case c : cases) {
            assertThatThrownBy(() -> new Feed().arrive(c.wire(), 0, c.wire().length)).as(c.what())
                    .isInstanceOf(c.code() == 1009 ? MessageTooLargeException.class : ProtocolException.class)
                    .satisfies(e -> assertThat(((CloseException) e).getStatusCode()).as(c.what()).isEqualTo(c.code()));
        }
    }

    @Test
    void aRefusedHeaderIsRefusedBeforeItsPayloadArrives() {
        byte[] wire = frame(0xC1, bytes(1000, 1), new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> new MediaFrameReader(MAX).read(wire, 0, 8, new Recorder())).isInstanceOf(ProtocolException.class);
    }

    @Test
    void readingFramesAllocatesNothing() {
        byte[] oneFrame = frame(0x81, bytes(333, 5), new byte[] {0x11, 0x22, 0x33, 0x44});
        byte[] wire = new byte[oneFrame.length * 100];
        MediaFrameReader reader = new MediaFrameReader(MAX);
        MediaFrameReader.Frames sink = new MediaFrameReader.Frames() {
            long sum;

            @Override
            public boolean onData(byte opcode, boolean fin, byte[] bytes, int from, int to) {
                sum += bytes[from] + to;
                return true;
            }

            @Override
            public boolean onControl(byte opcode, byte[] bytes, int from, int to) {
                return true;
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long frames = 0;
        long allocated = 0;
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < 100; i++) {
                System.arraycopy(oneFrame, 0, wire, i * oneFrame.length, oneFrame.length); // masked again
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            int at = reader.read(wire, 0, wire.length, sink);
            long after = threads.getCurrentThreadAllocatedBytes();
            assertThat(at).isEqualTo(wire.length);
            if (round >= 200) {
                allocated += after - before;
                frames += 100;
            }
        }
        assertThat((double) allocated / frames).as("bytes allocated per frame").isLessThan(1.0);
    }
}
