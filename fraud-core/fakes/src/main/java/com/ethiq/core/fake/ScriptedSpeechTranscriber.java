package com.ethiq.core.fake;

import com.ethiq.core.audio.MuLaw;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated transcriber: "recognises" lines scripted per (call, track), paced by the audio actually pushed on that
 * track, so results arrive when they would with a real recogniser. Used by tests and by the app's no-configuration
 * mode. Thread-safe; it has no threads of its own: results are computed and delivered on the pushing (or closing)
 * thread, one callback at a time per stream.
 *
 * <p>Pacing: a line of W words is "spoken" over W × {@code perWord} of audio, starting when the track has audio and
 * the line is available (not before the previous line ended plus {@code pauseBetweenLines}). The k-th word yields
 * a partial segment halfway through it (the first k words), the line's end yields its final segment.
 *
 * <p>{@link #pacedBySpeech()}: a line starts only where its audio starts, at the first 20 ms frame loud enough to be
 * speech (≥ {@value #SPEECH_DB} dB over one 16-bit step, ≈ -50 dBFS) once the line is available and the previous one
 * has ended; quiet audio before it (the gaps of a conversation, line noise, the speech gate's pre-roll) does not count.
 * With audio of exactly W × {@code perWord} a line (the simulator's clips are fitted to that), each line is released
 * when its own audio has been received, whether or not the silences around it were sent: a speech gate in front
 * changes nothing in what it hears.
 *
 * <p>Endpointing ({@link #pacedBySpeech(Duration)}, default {@link #DEFAULT_ENDPOINTING} 400 ms): like a real
 * recogniser, it makes a line final only once it has received that much non-speech audio after the line's last speech
 * frame (a final cannot come from audio not sent), so a speech gate that stops sending early starves it. The final
 * still carries the line's end as its end offset; partials keep their timing. If the track's next line starts
 * speaking before the silence was heard, the line is made final there (its lines never merge, a real recogniser's
 * utterances would). Why 500 ms: Google publishes no figure for its streaming endpointer (users report finals
 * seconds after the speaker stops, or only with the next speech); endpointers that publish one default to 10 ms
 * (Deepgram) to 150-500 ms (Microsoft's, others), 300-500 ms being the usual "general purpose" advice. 400 ms is the
 * middle of that range, 100 ms over the brief's floor of 300 ms, and 100 ms (5 frames) under the speech gate's
 * 500 ms hang-over: at 500 ms the simulated recogniser and the gate, which place the last speech frame with
 * different thresholds, disagree by a frame often enough that a final waits for the track's next speech (measured:
 * docs/performance.md, "Speech gate"). Other values show what a faster or slower endpointer would do.
 */
public final class ScriptedSpeechTranscriber implements SpeechTranscriber {
    public static final Duration DEFAULT_PER_WORD = Duration.ofMillis(300);
    /** Non-speech audio {@link #pacedBySpeech()} needs after a line's last speech frame to make it final. */
    public static final Duration DEFAULT_ENDPOINTING = Duration.ofMillis(400);
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedSpeechTranscriber.class);
    private static final int BYTES_PER_MS = 8; // 8 kHz, one byte per mu-law sample
    /** A frame at least this loud (dB over one 16-bit step) starts a line in {@link #pacedBySpeech()} mode. */
    static final double SPEECH_DB = 40;
    private static final int FRAME = 160;
    /** {@link #SPEECH_DB} as a mean square (+1): every frame is tested, so without a logarithm. */
    private static final double SPEECH_POWER = Math.pow(10, SPEECH_DB / 10);

    private final long wordBytes;
    private final long pauseBytes;
    private final Duration perWord;
    private final Duration pauseBetweenLines;
    private final ConcurrentHashMap<TrackKey, Track> tracks = new ConcurrentHashMap<>();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final boolean startOnSpeech;
    private final long endpointingBytes;

    public ScriptedSpeechTranscriber() {
        this(DEFAULT_PER_WORD, Duration.ZERO);
    }

    public ScriptedSpeechTranscriber(Duration perWord, Duration pauseBetweenLines) {
        this(perWord, pauseBetweenLines, false, Duration.ZERO);
    }

    /**
     * 300 ms a word, each line starting at the first speech frame of its audio and made final after
     * {@link #DEFAULT_ENDPOINTING} of non-speech audio (see the class comment).
     */
    public static ScriptedSpeechTranscriber pacedBySpeech() {
        return pacedBySpeech(DEFAULT_ENDPOINTING);
    }

    /** As {@link #pacedBySpeech()}, with this endpointing delay (zero: final as soon as the line's audio is heard). */
    public static ScriptedSpeechTranscriber pacedBySpeech(Duration endpointing) {
        return new ScriptedSpeechTranscriber(DEFAULT_PER_WORD, Duration.ZERO, true, endpointing);
    }

    private ScriptedSpeechTranscriber(Duration perWord, Duration pauseBetweenLines, boolean startOnSpeech,
                                      Duration endpointing) {
        this.startOnSpeech = startOnSpeech;
        Objects.requireNonNull(endpointing, "'endpointing' must not be null");
        if (endpointing.isNegative() || endpointing.toMillis() > 10_000) {
            throw new IllegalArgumentException("'endpointing' must be 0 to 10 s, got " + endpointing);
        }
        this.endpointingBytes = endpointing.toMillis() * BYTES_PER_MS;
        Objects.requireNonNull(perWord, "'perWord' must not be null");
        Objects.requireNonNull(pauseBetweenLines, "'pauseBetweenLines' must not be null");
        if (perWord.toMillis() < 1) {
            throw new IllegalArgumentException("'perWord' must be at least 1 ms, got " + perWord);
        }
        if (pauseBetweenLines.isNegative()) {
            throw new IllegalArgumentException("'pauseBetweenLines' must not be negative, got " + pauseBetweenLines);
        }
        this.perWord = perWord;
        this.pauseBetweenLines = pauseBetweenLines;
        this.wordBytes = perWord.toMillis() * BYTES_PER_MS;
        this.pauseBytes = pauseBetweenLines.toMillis() * BYTES_PER_MS;
    }

    /**
     * Appends lines to what the given track will say. May be called before the track's stream opens or while it
     * runs; lines are consumed in order, each exactly once, by the stream(s) of that track.
     */
    public void script(CallSid callSid, Speaker speaker, List<String> lines) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(speaker, "'speaker' must not be null");
        Objects.requireNonNull(lines, "'lines' must not be null");
        List<String> checked = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("'lines' must not contain null or blank lines");
            }
            checked.add(line.strip());
        }
        tracks.compute(new TrackKey(callSid, speaker), (key, track) -> {
            Track t = track == null ? new Track() : track;
            t.addLines(checked);
            return t;
        });
    }

    /** True while any track of this call still has a line not yet delivered as a final segment. */
    public boolean hasScriptRemaining(CallSid callSid) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        for (Speaker speaker : Speaker.values()) {
            if (remainingLines(callSid, speaker) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Lines of this track not yet delivered as a final segment (waiting or being spoken). */
    public int remainingLines(CallSid callSid, Speaker speaker) {
        Track track = tracks.get(new TrackKey(callSid, speaker));
        return track == null ? 0 : track.remaining();
    }

    /** Drops the lines still scripted for this call (e.g. the call ended early). Open streams keep running. */
    public void forget(CallSid callSid) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        for (Speaker speaker : Speaker.values()) {
            TrackKey key = new TrackKey(callSid, speaker);
            Track track = tracks.get(key);
            if (track != null) {
                track.clearWaiting();
                removeIfIdle(key);
            }
        }
    }

    /** The audio these lines need to be fully recognised with this pacing (pauses included). */
    public Duration audioNeeded(List<String> lines) {
        long ms = 0;
        for (String line : lines) {
            ms += words(line).length * perWord.toMillis() + pauseBetweenLines.toMillis();
        }
        return Duration.ofMillis(ms);
    }

    /** Streams opened and not yet closed. */
    public int openStreams() {
        return openStreams.get();
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        Objects.requireNonNull(request, "'request' must not be null");
        Objects.requireNonNull(listener, "'listener' must not be null");
        TrackKey key = new TrackKey(request.callSid(), request.speaker());
        Track track = tracks.compute(key, (k, existing) -> {
            Track t = existing == null ? new Track() : existing;
            t.streamOpened();
            return t;
        });
        openStreams.incrementAndGet();
        return new ScriptedStream(key, track, request.speaker(), listener);
    }

    private void removeIfIdle(TrackKey key) {
        tracks.computeIfPresent(key, (k, t) -> t.idle() ? null : t);
    }

    private static String[] words(String line) {
        return line.strip().split("\\s+");
    }

    private record TrackKey(CallSid callSid, Speaker speaker) {
    }

    /** Lines of one track, shared by its streams. Its monitor also guards the progress of those streams. */
    private static final class Track {
        private final Deque<String> waiting = new ArrayDeque<>();
        private int speaking;
        private int streams;

        synchronized void addLines(List<String> lines) {
            waiting.addAll(lines);
        }

        synchronized void streamOpened() {
            streams++;
        }

        synchronized void streamClosed() {
            streams--;
        }

        synchronized int remaining() {
            return waiting.size() + speaking;
        }

        synchronized void clearWaiting() {
            waiting.clear();
        }

        synchronized boolean idle() {
            return streams == 0 && waiting.isEmpty() && speaking == 0;
        }
    }

    /** One open stream: progress of the line being spoken, and an outbox delivered one callback at a time. */
    private final class ScriptedStream implements TranscriptionStream {
        private final TrackKey key;
        private final Track track;
        private final Speaker speaker;
        private final TranscriptListener listener;
        private final Queue<Runnable> outbox = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean delivering = new AtomicBoolean();

        // guarded by track
        private long position;
        private long nextLineEarliest;
        private String[] lineWords;
        private String lineText;
        private long lineStart;
        private int partialsSent;
        private int utteranceIndex;
        private boolean closed;
        /** Non-speech audio received since the last speech frame ({@link #pacedBySpeech} mode). */
        private long silentBytes;

        ScriptedStream(TrackKey key, Track track, Speaker speaker, TranscriptListener listener) {
            this.key = key;
            this.track = track;
            this.speaker = speaker;
            this.listener = listener;
        }

        @Override
        public void push(byte[] mulaw) {
            Objects.requireNonNull(mulaw, "'mulaw' must not be null");
            if (mulaw.length == 0) {
                return;
            }
            synchronized (track) {
                if (closed) {
                    return;
                }
                long from = position;
                position += mulaw.length;
                advance(from, mulaw);
            }
            deliver();
        }

        @Override
        public void close() {
            synchronized (track) {
                if (closed) {
                    return;
                }
                closed = true;
                if (lineWords != null) {
                    finishLineAtClose();
                }
                track.streamClosed();
                Duration billed = Duration.ofMillis(position / BYTES_PER_MS);
                outbox.add(() -> listener.onBilled(billed));
                outbox.add(listener::onClosed);
            }
            openStreams.decrementAndGet();
            removeIfIdle(key);
            deliver();
        }

        /** Emits every partial and final whose audio position lies within what has been pushed so far. */
        private void advance(long from, byte[] chunk) {
            if (startOnSpeech) {
                advanceBySpeech(from, chunk);
                return;
            }
            while (true) {
                if (lineWords == null && !startNextLine(from)) {
                    return;
                }
                while (partialsSent < lineWords.length) {
                    long at = lineStart + partialsSent * wordBytes + wordBytes / 2;
                    if (at > position) {
                        return;
                    }
                    partialsSent++;
                    String text = String.join(" ", List.of(lineWords).subList(0, partialsSent));
                    emit(text, false, at, 0.0);
                }
                long end = lineStart + lineWords.length * wordBytes;
                if (end > position) {
                    return;
                }
                emit(lineText, true, end, 1.0);
                endLine(end);
            }
        }

        /**
         * {@link #pacedBySpeech} mode, frame by frame: a line starts on a speech frame, its words follow its audio, its
         * final waits for its audio to end and for the endpointing delay of non-speech audio after the last speech.
         */
        private void advanceBySpeech(long from, byte[] chunk) {
            for (int at = 0; at < chunk.length; at += FRAME) {
                int n = Math.min(FRAME, chunk.length - at);
                long frameAt = from + at;
                boolean speech = (double) MuLaw.energy(chunk, at, n) / n + 1 >= SPEECH_POWER; // level ≥ SPEECH_DB, no log
                if (speech) {
                    if (lineWords != null && lineHeardBy(frameAt) && !track.waiting.isEmpty()) {
                        finishLine(); // the next line starts before the endpointer heard enough silence
                    }
                    silentBytes = 0;
                } else {
                    silentBytes += n;
                }
                emitHeard(frameAt + n);
                if (speech && lineWords == null && !track.waiting.isEmpty() && frameAt + n > nextLineEarliest) {
                    startLine(Math.max(frameAt, nextLineEarliest));
                    emitHeard(frameAt + n);
                }
            }
        }

        /** The partials whose audio was heard up to {@code until}, and the final once the endpointer lets it go. */
        private void emitHeard(long until) {
            if (lineWords == null) {
                return;
            }
            while (partialsSent < lineWords.length) {
                long at = lineStart + partialsSent * wordBytes + wordBytes / 2;
                if (at > until) {
                    return;
                }
                partialsSent++;
                emit(String.join(" ", List.of(lineWords).subList(0, partialsSent)), false, at, 0.0);
            }
            if (lineHeardBy(until) && silentBytes >= endpointingBytes) {
                finishLine();
            }
        }

        private boolean lineHeardBy(long position) {
            return partialsSent == lineWords.length && lineStart + lineWords.length * wordBytes <= position;
        }

        /** Makes the line final, ending where its audio ended (not where the endpointer let it go). */
        private void finishLine() {
            long end = lineStart + lineWords.length * wordBytes;
            emit(lineText, true, end, 1.0);
            endLine(end);
        }

        private void startLine(long start) {
            lineText = track.waiting.pollFirst();
            track.speaking++;
            lineWords = words(lineText);
            lineStart = start;
            partialsSent = 0;
        }

        /** Default mode: the next line starts as soon as it is available, silence or not. */
        private boolean startNextLine(long from) {
            if (track.waiting.isEmpty()) {
                return false;
            }
            startLine(Math.max(from, nextLineEarliest));
            return true;
        }

        /** Like a recogniser flushing on half-close: what was heard becomes final; an unheard line goes back. */
        private void finishLineAtClose() {
            if (startOnSpeech && lineHeardBy(position)) {
                finishLine(); // heard whole, waiting for the endpointer: half-close flushes it
                return;
            }
            if (partialsSent == 0) {
                track.waiting.addFirst(lineText);
                track.speaking--;
                lineWords = null;
                return;
            }
            String heard = String.join(" ", List.of(lineWords).subList(0, partialsSent));
            emit(heard, true, position, 1.0);
            endLine(position);
        }

        private void endLine(long end) {
            track.speaking--;
            utteranceIndex++;
            lineWords = null;
            lineText = null;
            nextLineEarliest = end + pauseBytes;
        }

        private void emit(String text, boolean isFinal, long at, double confidence) {
            TranscriptSegment segment = new TranscriptSegment(speaker, utteranceIndex, text, isFinal,
                    Duration.ofMillis(lineStart / BYTES_PER_MS), Duration.ofMillis(at / BYTES_PER_MS), confidence);
            outbox.add(() -> listener.onSegment(segment));
        }

        /** Runs queued callbacks unless another thread already is; loops so nothing queued is left behind. */
        private void deliver() {
            while (!outbox.isEmpty() && delivering.compareAndSet(false, true)) {
                try {
                    Runnable callback;
                    while ((callback = outbox.poll()) != null) {
                        try {
                            callback.run();
                        } catch (RuntimeException e) {
                            // the listener's message may quote the transcript: log its type only
                            LOG.warn("transcript listener failed on a {} track: {}", speaker.wire(), e.getClass().getName());
                        }
                    }
                } finally {
                    delivering.set(false);
                }
            }
        }
    }
}
