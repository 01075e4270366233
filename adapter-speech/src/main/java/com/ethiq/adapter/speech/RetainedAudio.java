package com.ethiq.adapter.speech;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The audio sent on the current stream since the last final result: what a new stream must hear again so that an
 * utterance cut by a restart is recognised whole, once. It also maps positions in the current stream (what Google's
 * result times count) back to positions in the track (what segments report), across replays and drops. Bounded:
 * beyond {@code maxBytes} the oldest audio is forgotten. Not thread-safe: used by one track's serial executor.
 */
final class RetainedAudio {
    private final long maxBytes;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private long bytes;
    // the last mapping known when nothing is retained: stream position ↔ track position
    private long anchorStream;
    private long anchorTrack;

    RetainedAudio(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("'maxBytes' must be > 0, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** A new stream starts: its position 0 is this track position. */
    void startStream(long trackPos) {
        anchorStream = 0;
        anchorTrack = trackPos;
    }

    /** Records a chunk just sent at {@code streamPos} of the current stream. */
    void sent(AudioChunk chunk, long streamPos) {
        sent.addLast(new Sent(chunk, streamPos));
        bytes += chunk.length();
        while (bytes > maxBytes && sent.size() > 1) {
            forget(sent.pollFirst());
        }
    }

    /** Track position of the byte at {@code streamPos} of the current stream. */
    long trackPosAt(long streamPos) {
        Iterator<Sent> newestFirst = sent.descendingIterator();
        while (newestFirst.hasNext()) {
            Sent s = newestFirst.next();
            if (streamPos >= s.streamPos) {
                return s.chunk.trackPos() + (streamPos - s.streamPos);
            }
        }
        return anchorTrack + (streamPos - anchorStream);
    }

    /** Forgets the oldest chunks while at least {@code newestBytes} would remain. */
    void keepNewest(long newestBytes) {
        while (!sent.isEmpty() && bytes - sent.peekFirst().chunk.length() >= newestBytes) {
            forget(sent.pollFirst());
        }
    }

    /** A final result covered everything before {@code streamPos}: it never needs to be sent again. */
    void discardBefore(long streamPos) {
        while (!sent.isEmpty()) {
            Sent head = sent.peekFirst();
            long end = head.streamPos + head.chunk.length();
            if (end <= streamPos) {
                forget(sent.pollFirst());
            } else if (head.streamPos < streamPos) {
                int skip = (int) (streamPos - head.streamPos);
                sent.pollFirst();
                bytes -= skip;
                anchorStream = streamPos;
                anchorTrack = head.chunk.trackPos() + skip;
                sent.addFirst(new Sent(head.chunk.skip(skip), streamPos));
                return;
            } else {
                return;
            }
        }
    }

    /** Everything retained, oldest first, for replay on a new stream; this buffer is then empty. */
    List<AudioChunk> takeAll() {
        List<AudioChunk> all = new ArrayList<>(sent.size());
        for (Sent s : sent) {
            all.add(s.chunk);
        }
        sent.clear();
        bytes = 0;
        return all;
    }

    /** Track position just after the newest audio retained (or last known). */
    long newestTrackEnd() {
        Sent newest = sent.peekLast();
        return newest == null ? anchorTrack : newest.chunk.trackPos() + newest.chunk.length();
    }

    long bytes() {
        return bytes;
    }

    private void forget(Sent s) {
        bytes -= s.chunk.length();
        anchorStream = s.streamPos + s.chunk.length();
        anchorTrack = s.chunk.trackPos() + s.chunk.length();
    }

    private record Sent(AudioChunk chunk, long streamPos) {
    }
}
