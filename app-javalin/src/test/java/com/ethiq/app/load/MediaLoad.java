package com.ethiq.app.load;

import com.ethiq.app.sim.MediaMessages;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Twilio's media streams at scale, on one thread: thousands of WebSocket clients over non-blocking sockets, each
 * sending {@code connected}, {@code start}, then one {@code media} frame per track every 20 ms on its own phase, the
 * speech of a conversation over line noise ({@link LoadConversation}, pre-encoded: no work per frame) (calls
 * start at random times), written straight into the socket buffers. Frames are RFC 6455 client frames with a zero
 * masking key (legal, and it spares the generator the XOR); the JSON has Twilio's exact shape. Records how late the
 * generator itself sends (so a slow generator is never mistaken for a slow server) and how the server closes sockets.
 * Thread-safe for {@link #add}; the rest runs on its own thread.
 */
final class MediaLoad implements AutoCloseable {
    /** One call to stream. */
    record CallSpec(String callSid, String accountSid, String signature, Map<String, String> parameters) {
    }

    private static final byte[] P1 = ascii("{\"event\":\"media\",\"sequenceNumber\":\"");
    private static final byte[] P2_IN = ascii("\",\"media\":{\"track\":\"inbound\",\"chunk\":\"");
    private static final byte[] P2_OUT = ascii("\",\"media\":{\"track\":\"outbound\",\"chunk\":\"");
    private static final byte[] P3 = ascii("\",\"timestamp\":\"");
    private static final byte[] P4 = ascii("\",\"payload\":\"");
    private static final byte[] P5 = ascii("\"},\"streamSid\":\"");
    private static final byte[] P6 = ascii("\"}");
    private static final int SLOTS = 20;

    private final InetSocketAddress server;
    private final String path;
    private final Selector selector;
    private final Queue<CallSpec> pending = new ConcurrentLinkedQueue<>();
    private final List<List<Stream>> slots = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean stopRequested;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);

    final AtomicLong framesSent = new AtomicLong();
    final AtomicInteger streaming = new AtomicInteger();
    final AtomicInteger upgradeFailures = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    final Map<Integer, AtomicInteger> closeCodes = new ConcurrentHashMap<>();
    /** Generator lateness per tick, in ms buckets (0..999). */
    final long[] lateness = new long[1000];
    final AtomicLong backlogEvents = new AtomicLong();

    MediaLoad(InetSocketAddress server, String path) throws IOException {
        this.server = server;
        this.path = path;
        this.selector = Selector.open();
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new ArrayList<>());
        }
        this.thread = new Thread(this::loop, "media-load");
        thread.setDaemon(true);
        thread.start();
    }

    void add(CallSpec call) {
        pending.add(call);
        selector.wakeup();
    }

    /** Sends {@code stop} and a close frame on every stream, then closes the sockets. */
    void stopAll() {
        stopRequested = true;
    }

    /** Generator lateness percentile in ms. */
    synchronized long latenessPercentile(double p) {
        long total = 0;
        for (long c : lateness) {
            total += c;
        }
        long target = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i < lateness.length; i++) {
            seen += lateness[i];
            if (seen >= target && total > 0) {
                return i;
            }
        }
        return 0;
    }

    synchronized void resetLateness() {
        java.util.Arrays.fill(lateness, 0);
    }

    private void loop() {
        long t0 = System.nanoTime();
        long nextTick = 0; // in ms since t0
        try {
            while (running) {
                CallSpec spec;
                while ((spec = pending.poll()) != null) {
                    connect(spec);
                }
                long nowMs = (System.nanoTime() - t0) / 1_000_000;
                while (nextTick <= nowMs) {
                    long late = nowMs - nextTick;
                    synchronized (this) {
                        lateness[(int) Math.min(late, 999)]++;
                    }
                    tick(slots.get((int) (nextTick % SLOTS)));
                    nextTick++;
                }
                if (stopRequested) {
                    stopStreams();
                    stopRequested = false;
                }
                long waitNanos = t0 + nextTick * 1_000_000 - System.nanoTime();
                if (waitNanos > 200_000) {
                    selector.select(Math.max(1, waitNanos / 1_000_000));
                } else {
                    selector.selectNow();
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Stream s = (Stream) key.attachment();
                    try {
                        if (!key.isValid()) {
                            continue;
                        }
                        if (key.isConnectable()) {
                            s.finishConnect();
                        }
                        if (key.isValid() && key.isReadable()) {
                            s.read();
                        }
                        if (key.isValid() && key.isWritable()) {
                            s.flush();
                        }
                    } catch (IOException | RuntimeException e) {
                        s.fail();
                    }
                }
                if (waitNanos <= 200_000 && waitNanos > 0) {
                    LockSupport.parkNanos(waitNanos);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void tick(List<Stream> slot) {
        for (int i = slot.size() - 1; i >= 0; i--) {
            Stream s = slot.get(i);
            if (s.state != Stream.OPEN) {
                slot.remove(i);
                continue;
            }
            s.mediaPair();
        }
    }

    private void stopStreams() {
        for (List<Stream> slot : slots) {
            for (Stream s : slot) {
                if (s.state == Stream.OPEN) {
                    s.sendText(MediaMessages.stop(++s.sequence, s.streamSid, s.spec.accountSid(), s.spec.callSid()));
                    s.sendClose();
                    s.state = Stream.CLOSING;
                    streaming.decrementAndGet();
                }
            }
        }
    }

    private void connect(CallSpec spec) {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Stream s = new Stream(ch, spec);
            if (ch.connect(server)) {
                s.key = ch.register(selector, SelectionKey.OP_READ, s);
                s.sendHandshake();
            } else {
                s.key = ch.register(selector, SelectionKey.OP_CONNECT, s);
            }
        } catch (IOException e) {
            upgradeFailures.incrementAndGet();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey k : selector.keys()) {
            try {
                k.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One WebSocket of one call. Touched only by the loop thread. */
    private final class Stream {
        static final int HANDSHAKE = 0;
        static final int OPEN = 1;
        static final int CLOSING = 2;
        static final int DEAD = 3;

        final SocketChannel ch;
        final CallSpec spec;
        final String streamSid = "MZ" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "0000000000000000";
        final byte[] streamSidBytes = ascii(streamSid);
        /** What this call says (speech and line noise, shared by every call of its kind). */
        final LoadConversation conversation;
        final ByteBuffer out = ByteBuffer.allocateDirect(32 * 1024);
        SelectionKey key;
        int state = HANDSHAKE;
        long sequence;
        long chunk;
        long timestamp;
        private final StringBuilder response = new StringBuilder();

        Stream(SocketChannel ch, CallSpec spec) {
            this.ch = ch;
            this.spec = spec;
            this.conversation = LoadConversation.of(LoadPlan.isScam(spec.callSid()));
        }

        void finishConnect() throws IOException {
            if (ch.finishConnect()) {
                key.interestOps(SelectionKey.OP_READ);
                sendHandshake();
            }
        }

        void sendHandshake() {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                    + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\nX-Twilio-Signature: "
                    + spec.signature() + "\r\nUser-Agent: Twilio.TmeWs/1.0\r\n\r\n";
            out.put(request.getBytes(StandardCharsets.US_ASCII));
            flushQuietly();
        }

        void read() throws IOException {
            scratch.clear();
            int n = ch.read(scratch);
            if (n < 0) {
                if (state == OPEN) {
                    streaming.decrementAndGet();
                    closedByServer.incrementAndGet();
                    closeCodes.computeIfAbsent(-1, c -> new AtomicInteger()).incrementAndGet();
                } else if (state == HANDSHAKE) {
                    upgradeFailures.incrementAndGet();
                }
                dead();
                return;
            }
            scratch.flip();
            if (state == HANDSHAKE) {
                while (scratch.hasRemaining()) {
                    response.append((char) (scratch.get() & 0xFF));
                }
                int end = response.indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                if (!response.toString().startsWith("HTTP/1.1 101")) {
                    upgradeFailures.incrementAndGet();
                    dead();
                    return;
                }
                state = OPEN;
                streaming.incrementAndGet();
                sendText(MediaMessages.connected());
                sendText(MediaMessages.start(++sequence, streamSid, spec.accountSid(), spec.callSid(), spec.parameters()));
                slots.get(ThreadLocalRandom.current().nextInt(SLOTS)).add(this);
                return;
            }
            // The server only ever sends a close frame on this unidirectional stream.
            while (scratch.remaining() >= 2) {
                int op = scratch.get() & 0x0F;
                int len = scratch.get() & 0x7F;
                if (op == 0x8) {
                    int code = len >= 2 && scratch.remaining() >= 2 ? ((scratch.get() & 0xFF) << 8) | (scratch.get() & 0xFF) : 1005;
                    closeCodes.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
                    if (state == OPEN) {
                        streaming.decrementAndGet();
                        closedByServer.incrementAndGet();
                    }
                    dead();
                    return;
                }
                scratch.position(Math.min(scratch.limit(), scratch.position() + len));
            }
        }

        void mediaPair() {
            chunk++;
            if (out.remaining() < 2048) {
                backlogEvents.incrementAndGet(); // the server is not reading: Twilio would buffer too
                flushQuietly();
                if (out.remaining() < 2048) {
                    return;
                }
            }
            frame(P2_IN, conversation.payload(true, chunk - 1));
            frame(P2_OUT, conversation.payload(false, chunk - 1));
            timestamp += 20;
            framesSent.addAndGet(2);
            flushQuietly();
        }

        private void frame(byte[] trackPart, byte[] payload) {
            long seq = ++sequence;
            int len = P1.length + digits(seq) + trackPart.length + digits(chunk) + P3.length + digits(timestamp)
                    + P4.length + payload.length + P5.length + streamSidBytes.length + P6.length;
            header(len);
            out.put(P1);
            putLong(seq);
            out.put(trackPart);
            putLong(chunk);
            out.put(P3);
            putLong(timestamp);
            out.put(P4);
            out.put(payload);
            out.put(P5);
            out.put(streamSidBytes);
            out.put(P6);
        }

        void sendText(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            header(bytes.length);
            out.put(bytes);
            flushQuietly();
        }

        void sendClose() {
            out.put((byte) 0x88);
            out.put((byte) (0x80 | 2));
            out.putInt(0);
            out.put((byte) 0x03);
            out.put((byte) 0xE8); // 1000
            flushQuietly();
        }

        /** FIN + text, masked with the key 0 (the payload bytes are then the clear text). */
        private void header(int len) {
            out.put((byte) 0x81);
            if (len < 126) {
                out.put((byte) (0x80 | len));
            } else {
                out.put((byte) (0x80 | 126));
                out.putShort((short) len);
            }
            out.putInt(0);
        }

        private void putLong(long v) {
            if (v == 0) {
                out.put((byte) '0');
                return;
            }
            int d = digits(v);
            int start = out.position();
            for (int i = d - 1; i >= 0; i--) {
                out.put(start + i, (byte) ('0' + (v % 10)));
                v /= 10;
            }
            out.position(start + d);
        }

        void flush() throws IOException {
            out.flip();
            ch.write(out);
            out.compact();
            if (out.position() == 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void flushQuietly() {
            try {
                out.flip();
                ch.write(out);
                boolean left = out.hasRemaining();
                out.compact();
                if (left && key != null && key.isValid()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            } catch (IOException e) {
                fail();
            }
        }

        void fail() {
            if (state == OPEN) {
                streaming.decrementAndGet();
                closedByServer.incrementAndGet();
            } else if (state == HANDSHAKE) {
                upgradeFailures.incrementAndGet();
            }
            dead();
        }

        private void dead() {
            state = DEAD;
            if (key != null) {
                key.cancel();
            }
            try {
                ch.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }
}
