package com.ethiq.adapter.speech;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One track's audio between push() and the network: frames are copied into a batch buffer (a request's worth of
 * audio) and full batches are queued. The queue is bounded: when the service is slower than the phone, the oldest
 * audio is dropped (the newest matters most for a live warning) and reported. Thread-safe; every method is short and
 * never waits for anything but this object's monitor.
 */
final class PendingAudio {
    private final int batchBytes;
    private final long maxBytes;
    private final LongConsumer onDropped;
    private final LongConsumer onQueuedDelta;
    private final Deque<AudioChunk> queue = new ArrayDeque<>();
    private byte[] batch;
    private int batchLength;
    private long batchStart;
    private long accepted;
    private long queuedBytes;

    /**
     * @param onDropped     told how many bytes were dropped (oldest-first overflow or {@link #clear})
     * @param onQueuedDelta told how the number of bytes waiting here changes (batch buffer included)
     */
    PendingAudio(int batchBytes, long maxBytes, LongConsumer onDropped, LongConsumer onQueuedDelta) {
        if (batchBytes <= 0 || maxBytes < batchBytes) {
            throw new IllegalArgumentException("'maxBytes' must hold at least one batch of " + batchBytes + " bytes");
        }
        this.batchBytes = batchBytes;
        this.maxBytes = maxBytes;
        this.onDropped = onDropped;
        this.onQueuedDelta = onQueuedDelta;
    }

    /** Copies the audio; returns true when at least one full batch became ready to send. */
    synchronized boolean offer(byte[] audio) {
        boolean ready = false;
        int offset = 0;
        while (offset < audio.length) {
            if (batch == null) {
                batch = new byte[batchBytes];
                batchLength = 0;
                batchStart = accepted;
            }
            int n = Math.min(audio.length - offset, batchBytes - batchLength);
            System.arraycopy(audio, offset, batch, batchLength, n);
            batchLength += n;
            offset += n;
            accepted += n;
            if (batchLength == batchBytes) {
                enqueueBatch();
                ready = true;
            }
        }
        onQueuedDelta.accept(audio.length);
        enforceBound();
        return ready;
    }

    /** Queues a partly filled batch (at close). Returns true if there is anything to send. */
    synchronized boolean flush() {
        if (batch != null && batchLength > 0) {
            enqueueBatch();
        }
        return !queue.isEmpty();
    }

    /** Removes whole chunks from the head, at least one and up to about {@code maxBytes} in total. */
    synchronized List<AudioChunk> poll(int maxBytes) {
        List<AudioChunk> out = new ArrayList<>();
        int total = 0;
        while (!queue.isEmpty() && (out.isEmpty() || total + queue.peekFirst().length() <= maxBytes)) {
            AudioChunk chunk = queue.pollFirst();
            out.add(chunk);
            total += chunk.length();
        }
        queuedBytes -= total;
        onQueuedDelta.accept(-total);
        return out;
    }

    synchronized boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Track position of the oldest byte not yet sent (queued or in the batch buffer). */
    synchronized long headTrackPos() {
        if (!queue.isEmpty()) {
            return queue.peekFirst().trackPos();
        }
        return batch != null && batchLength > 0 ? batchStart : accepted;
    }

    /** Bytes pushed on the track so far. */
    synchronized long accepted() {
        return accepted;
    }

    /** Drops everything waiting, batch buffer included; returns the bytes dropped. */
    synchronized long clear() {
        long dropped = queuedBytes + (batch == null ? 0 : batchLength);
        queue.clear();
        queuedBytes = 0;
        batch = null;
        batchLength = 0;
        if (dropped > 0) {
            onQueuedDelta.accept(-dropped);
            onDropped.accept(dropped);
        }
        return dropped;
    }

    private void enqueueBatch() {
        queue.addLast(new AudioChunk(batch, 0, batchLength, batchStart));
        queuedBytes += batchLength;
        batch = null;
        batchLength = 0;
    }

    private void enforceBound() {
        long dropped = 0;
        while (queuedBytes + batchLength > maxBytes && !queue.isEmpty()) {
            AudioChunk oldest = queue.pollFirst();
            queuedBytes -= oldest.length();
            dropped += oldest.length();
        }
        if (dropped > 0) {
            onQueuedDelta.accept(-dropped);
            onDropped.accept(dropped);
        }
    }
}
