package com.ethiq.app.sim;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Twilio's side of one media stream WebSocket: the signed upgrade, then {@code connected}, {@code start}, {@code media}
 * frames of both tracks every 20 ms (real time), {@code stop}. Also sends anything else a test wants (raw text,
 * binary, bad tokens). Uses the JDK WebSocket client. One sender at a time (methods are synchronized). Thread-safe.
 */
public final class MediaStream implements AutoCloseable {
    /** How a socket closed: its code and reason, or -1 if it broke without a close frame. */
    public record Closed(int code, String reason) {
    }

    /** The app answered the upgrade with an HTTP status instead of 101. */
    public static final class UpgradeRefused extends RuntimeException {
        private final int status;

        UpgradeRefused(int status, Throwable cause) {
            super("upgrade refused with HTTP " + status, cause);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final WebSocket socket;
    private final String accountSid;
    private final String callSid;
    private final String streamSid;
    private final CompletableFuture<Closed> closed;
    private final AtomicLong sequence = new AtomicLong();
    private long chunk;
    private long mediaMillis;

    private MediaStream(WebSocket socket, String accountSid, String callSid, String streamSid, CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.accountSid = accountSid;
        this.callSid = callSid;
        this.streamSid = streamSid;
        this.closed = closed;
    }

    /**
     * Opens the socket. {@code signature} goes in {@code X-Twilio-Signature} (null: no header). Fails if the upgrade is
     * refused (the app answered 403, 503...).
     */
    static MediaStream connect(HttpClient http, URI target, String signature, String accountSid, String callSid) {
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (signature != null) {
            builder.header("X-Twilio-Signature", signature);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(target, new WebSocket.Listener() {
            @Override
            public void onOpen(WebSocket webSocket) {
                webSocket.request(Long.MAX_VALUE);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(-1, String.valueOf(error)));
            }
            }).orTimeout(10, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                throw new UpgradeRefused(h.getResponse().statusCode(), h);
            }
            throw e;
        }
        String streamSid = "MZ" + java.util.UUID.randomUUID().toString().replace("-", "");
        return new MediaStream(socket, accountSid, callSid, streamSid, closed);
    }

    public String callSid() {
        return callSid;
    }

    public String streamSid() {
        return streamSid;
    }

    public MediaStream sendConnected() {
        return send(MediaMessages.connected());
    }

    /** {@code start} with these custom parameters (the TwiML's {@code <Parameter>}s). */
    public MediaStream sendStart(Map<String, String> customParameters) {
        return send(MediaMessages.start(sequence.incrementAndGet(), streamSid, accountSid, callSid, customParameters));
    }

    /** {@code start} naming another call than the one this stream was opened for. */
    public MediaStream sendStartFor(String otherCallSid, Map<String, String> customParameters) {
        return send(MediaMessages.start(sequence.incrementAndGet(), streamSid, accountSid, otherCallSid, customParameters));
    }

    /**
     * One 20 ms frame on each track, both voiced (a steady tone): the node's speech gate passes it on to the scripted
     * recogniser, which paces its lines by the audio it receives (digital silence would never reach it).
     */
    public synchronized MediaStream sendFramePair() {
        chunk++;
        long seq1 = sequence.incrementAndGet();
        long seq2 = sequence.incrementAndGet();
        send(MediaMessages.media(seq1, streamSid, "inbound", chunk, mediaMillis, MediaMessages.VOICE_FRAME));
        send(MediaMessages.media(seq2, streamSid, "outbound", chunk, mediaMillis, MediaMessages.VOICE_FRAME));
        mediaMillis += 20;
        return this;
    }

    public synchronized MediaStream sendMedia(String track, byte[] mulaw) {
        chunk++;
        send(MediaMessages.media(sequence.incrementAndGet(), streamSid, track, chunk, mediaMillis, mulaw));
        return this;
    }

    /**
     * Streams both tracks in real time (a pair of frames every 20 ms) for {@code duration}, or until the socket is
     * closed by the app. Returns the number of frame pairs sent.
     */
    public int stream(Duration duration) {
        long pairs = duration.toMillis() / 20;
        long start = System.nanoTime();
        int sent = 0;
        for (long i = 0; i < pairs && !closed.isDone(); i++) {
            long due = start + i * 20_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            try {
                sendFramePair();
            } catch (CompletionException | IllegalStateException e) {
                break; // closed by the app meanwhile
            }
            sent++;
        }
        return sent;
    }

    public MediaStream sendStop() {
        return send(MediaMessages.stop(sequence.incrementAndGet(), streamSid, accountSid, callSid));
    }

    public MediaStream sendMark(String name) {
        return send(MediaMessages.mark(sequence.incrementAndGet(), streamSid, name));
    }

    public MediaStream sendDtmf(String digit) {
        return send(MediaMessages.dtmf(sequence.incrementAndGet(), streamSid, digit));
    }

    public synchronized MediaStream send(String text) {
        socket.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
        return this;
    }

    public synchronized MediaStream sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).orTimeout(5, TimeUnit.SECONDS).join();
        return this;
    }

    /** A text message in two fragments. */
    public synchronized MediaStream sendFragmented(String text, int splitAt) {
        socket.sendText(text.substring(0, splitAt), false).orTimeout(5, TimeUnit.SECONDS).join();
        socket.sendText(text.substring(splitAt), true).orTimeout(5, TimeUnit.SECONDS).join();
        return this;
    }

    /** Waits for the app to close the socket. */
    public Optional<Closed> awaitClosed(Duration timeout) {
        try {
            return Optional.of(closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes from Twilio's side (1000), as at the end of a call. */
    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException ignored) {
                // already closing
            }
        }
        socket.abort();
    }

    /** Drops the TCP connection without a close frame (a network failure). */
    public void abort() {
        socket.abort();
    }
}
