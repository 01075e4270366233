package com.ethiq.adapter.speech;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One track's audio between push() and the network, as pushed: the caller already batches (the media edge hands over
 * 100 ms chunks, see {@code AudioBatches} in app-javalin), so nothing is copied or re-batched here; a push above the
 * largest request is only split into views of the same array. The queue is bounded: when the service is slower than
 * the phone, the oldest audio is dropped (the newest matters most for a live warning) and reported. Thread-safe;
 * every method is short and never waits for anything but this object's monitor.
 */
final class PendingAudio {
    private final int maxChunkBytes;
    private final long maxBytes;
    private final LongConsumer onDropped;
    private final LongConsumer onQueuedDelta;
    private final Deque<AudioChunk> queue = new ArrayDeque<>();
    private long accepted;
    private long queuedBytes;

    /**
     * @param maxChunkBytes largest chunk queued (a request's worth): longer pushes are split
     * @param maxBytes      audio kept waiting at most; beyond it the oldest chunks are dropped (never the newest)
     * @param onDropped     told how many bytes were dropped (oldest-first overflow or {@link #clear})
     * @param onQueuedDelta told how the number of bytes waiting here changes
     */
    PendingAudio(int maxChunkBytes, long maxBytes, LongConsumer onDropped, LongConsumer onQueuedDelta) {
        if (maxChunkBytes <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("'maxChunkBytes' and 'maxBytes' must be > 0");
        }
        this.maxChunkBytes = maxChunkBytes;
        this.maxBytes = maxBytes;
        this.onDropped = onDropped;
        this.onQueuedDelta = onQueuedDelta;
    }

    /** Queues the audio, keeping the array (the caller never writes it again). Returns true if anything was queued. */
    synchronized boolean offer(byte[] audio) {
        for (int offset = 0; offset < audio.length; offset += maxChunkBytes) {
            int n = Math.min(maxChunkBytes, audio.length - offset);
            queue.addLast(new AudioChunk(audio, offset, n, accepted));
            accepted += n;
            queuedBytes += n;
        }
        onQueuedDelta.accept(audio.length);
        enforceBound();
        return audio.length > 0;
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

    /** Track position of the oldest byte not yet sent. */
    synchronized long headTrackPos() {
        return queue.isEmpty() ? accepted : queue.peekFirst().trackPos();
    }

    /** Bytes pushed on the track so far. */
    synchronized long accepted() {
        return accepted;
    }

    /** Drops everything waiting; returns the bytes dropped. */
    synchronized long clear() {
        long dropped = queuedBytes;
        queue.clear();
        queuedBytes = 0;
        if (dropped > 0) {
            onQueuedDelta.accept(-dropped);
            onDropped.accept(dropped);
        }
        return dropped;
    }

    private void enforceBound() {
        long dropped = 0;
        while (queuedBytes > maxBytes && queue.size() > 1) {
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
