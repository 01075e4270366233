package com.ethiq.core.fake;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.PersistenceException;
import com.ethiq.core.port.SpeechScripts;
import com.ethiq.core.port.SpeechTranscriber;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated speech whose scripts live in a {@link SpeechScripts} store, so every node of a cluster hears the same
 * call: lines scripted through any node are heard by the node that streams the call, and a survivor that streams a
 * call again after its node died hears the lines not yet heard, not the script from its first line. The pacing is
 * the wrapped {@link ScriptedSpeechTranscriber}'s (this class only decides where its lines come from): a stream's
 * track is loaded with the store's unheard lines when it opens, and again as soon as the store tells that lines were
 * appended to it ({@link SpeechScripts#watch}: in-process in memory, {@code NOTIFY} between the nodes of a database);
 * a track with none left also asks every {@link #FALLBACK_POLL}, for a notice missed. Each final segment marks the
 * line it ends as heard in the store.
 *
 * <p>The media path never waits for the store: reads and writes run in order on one thread of this object's own
 * ({@code push} never blocks, as the port requires); a store that is away is asked again a second later, and a heard
 * line it could not record may be heard again by a survivor (never lost). Thread-safe. Close it to stop its thread.
 */
public final class SharedScriptTranscriber implements SpeechTranscriber, AutoCloseable {
    /**
     * How often a track that has heard every line it knows asks the store for more when it was told of none: only a
     * fallback for a notice lost (a LISTEN connection reconnecting), since every dry track of every call polls.
     */
    public static final Duration FALLBACK_POLL = Duration.ofSeconds(10);
    /** How soon a track whose read failed (the store away) asks again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SharedScriptTranscriber.class);

    private final ScriptedSpeechTranscriber recogniser;
    private final SpeechScripts scripts;
    private final LongSupplier nanoTime;
    private final long pollNanos;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ethiq-sim-scripts");
        t.setDaemon(true);
        return t;
    });
    /** The calls with a stream open on this node. */
    private final ConcurrentHashMap<CallSid, CallScript> calls = new ConcurrentHashMap<>();

    public SharedScriptTranscriber(ScriptedSpeechTranscriber recogniser, SpeechScripts scripts) {
        this(recogniser, scripts, FALLBACK_POLL, System::nanoTime);
    }

    SharedScriptTranscriber(ScriptedSpeechTranscriber recogniser, SpeechScripts scripts, Duration poll, LongSupplier nanoTime) {
        this.recogniser = Objects.requireNonNull(recogniser, "'recogniser' must not be null");
        this.scripts = Objects.requireNonNull(scripts, "'scripts' must not be null");
        this.nanoTime = Objects.requireNonNull(nanoTime, "'nanoTime' must not be null");
        this.pollNanos = Objects.requireNonNull(poll, "'poll' must not be null").toNanos();
        scripts.watch(track -> linesAppended(track.tenant(), track.callSid(), track.speaker()));
    }

    /**
     * Appends lines to what the track of this call will say, in the store (every node's streams of the call hear
     * them). When this node streams the call, its track loads them at once; another node when the store tells it.
     *
     * @throws PersistenceException when the store is unavailable (nothing scripted)
     */
    public void script(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
        scripts.append(tenant, callSid, speaker, lines);
        // without waiting for the store's notice (which may come late, or never)
        linesAppended(tenant, callSid, speaker);
    }

    /** Lines were appended to this track: if this node streams the call, its track reads them now. */
    private void linesAppended(TenantId tenant, CallSid callSid, Speaker speaker) {
        CallScript local = calls.get(callSid);
        if (local != null && local.tenant.equals(tenant)) {
            local.track(speaker).refillSoon(true);
        }
    }

    /** The audio these lines need to be fully recognised with the recogniser's pacing. */
    public Duration audioNeeded(List<String> lines) {
        return recogniser.audioNeeded(lines);
    }

    /** The pacing recogniser this one loads (for tests and metrics: open streams, remaining lines on this node). */
    public ScriptedSpeechTranscriber recogniser() {
        return recogniser;
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        Objects.requireNonNull(request, "'request' must not be null");
        Objects.requireNonNull(listener, "'listener' must not be null");
        CallScript call = calls.compute(request.callSid(), (sid, existing) -> {
            CallScript c = existing == null ? new CallScript(request.tenant(), sid) : existing;
            c.streams++;
            return c;
        });
        TrackScript track = call.track(request.speaker());
        track.refillSoon(true);
        TranscriptionStream inner = recogniser.open(request, new HeardListener(track, listener));
        return new Stream(inner, call, track);
    }

    /** Stops the store thread once the writes already queued (lines heard) are done, waiting up to 2 s. */
    @Override
    public void close() {
        io.shutdown();
        try {
            if (!io.awaitTermination(2, TimeUnit.SECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void onIo(Runnable work) {
        try {
            io.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.debug("simulated speech scripts: closed, store work dropped");
        }
    }

    private void streamClosed(CallScript call) {
        calls.computeIfPresent(call.callSid, (sid, c) -> {
            if (--c.streams > 0) {
                return c;
            }
            // the last stream of the call on this node: what it loaded and did not hear goes back to the store's
            // truth (a later stream here, or on a survivor, loads the unheard lines again)
            c.retire();
            recogniser.forget(sid);
            return null;
        });
    }

    /** One call's tracks on this node, while a stream of it is open. Guarded by {@code calls}' compute. */
    private final class CallScript {
        final TenantId tenant;
        final CallSid callSid;
        int streams;
        private final Map<Speaker, TrackScript> tracks = new EnumMap<>(Speaker.class);

        CallScript(TenantId tenant, CallSid callSid) {
            this.tenant = tenant;
            this.callSid = callSid;
        }

        synchronized TrackScript track(Speaker speaker) {
            return tracks.computeIfAbsent(speaker, s -> new TrackScript(tenant, callSid, s));
        }

        synchronized void retire() {
            tracks.values().forEach(TrackScript::retire);
        }
    }

    /** The lines of one track loaded into the recogniser and not yet heard, in order; and when to ask for more. */
    private final class TrackScript {
        final TenantId tenant;
        final CallSid callSid;
        final Speaker speaker;
        // guarded by this
        private final Deque<SpeechScripts.Line> pending = new ArrayDeque<>();
        private int nextIndex;
        private boolean refilling;
        /** Lines were appended while a read was under way (it may have missed them): read again after it. */
        private boolean readAgain;
        private long lastPoll;
        private boolean retired;

        TrackScript(TenantId tenant, CallSid callSid, Speaker speaker) {
            this.tenant = tenant;
            this.callSid = callSid;
            this.speaker = speaker;
            this.lastPoll = nanoTime.getAsLong() - pollNanos;
        }

        /** Queues one read of the store's new lines: at once when {@code now}, else only when this track is dry and due. */
        void refillSoon(boolean now) {
            synchronized (this) {
                if (retired || (!now && (refilling || !pending.isEmpty() || nanoTime.getAsLong() - lastPoll < pollNanos))) {
                    return;
                }
                if (refilling) {
                    readAgain = true;
                    return;
                }
                refilling = true;
            }
            onIo(this::refill);
        }

        private void refill() {
            int from;
            synchronized (this) {
                from = nextIndex;
            }
            List<SpeechScripts.Line> lines;
            long nextPollIn = pollNanos;
            try {
                lines = scripts.unheard(tenant, callSid, speaker, from);
            } catch (RuntimeException e) {
                // no notice will come for lines already appended: ask again soon, not at the slow fallback poll
                nextPollIn = Math.min(pollNanos, RETRY_AFTER_FAILURE.toNanos());
                LOG.warn("simulated speech: the scripts store could not be read ({}); retried in {} ms",
                        e.getClass().getSimpleName(), nextPollIn / 1_000_000);
                lines = List.of();
            }
            boolean again;
            synchronized (this) {
                refilling = false;
                lastPoll = nanoTime.getAsLong() - pollNanos + nextPollIn;
                again = readAgain && !retired;
                readAgain = false;
                if (!retired && !lines.isEmpty()) {
                    // loaded under this lock, so a final segment of these lines finds them pending
                    recogniser.script(callSid, speaker, lines.stream().map(SpeechScripts.Line::text).toList());
                    pending.addAll(lines);
                    nextIndex = lines.get(lines.size() - 1).index() + 1;
                }
            }
            if (again) {
                refillSoon(true);
            }
        }

        /** A final segment ended the oldest pending line (the recogniser speaks its lines in order, each once). */
        void finalHeard() {
            SpeechScripts.Line line;
            synchronized (this) {
                line = pending.pollFirst();
            }
            if (line != null) {
                onIo(() -> {
                    try {
                        scripts.heard(tenant, callSid, speaker, line.index());
                    } catch (RuntimeException e) {
                        LOG.warn("simulated speech: a heard line could not be recorded ({}); a survivor may hear it again",
                                e.getClass().getSimpleName());
                    }
                });
            }
        }

        synchronized void retire() {
            retired = true;
            pending.clear();
        }
    }

    /** Passes every callback on; after a final segment, records its line as heard. */
    private record HeardListener(TrackScript track, TranscriptListener listener) implements TranscriptListener {
        @Override
        public void onSegment(TranscriptSegment segment) {
            listener.onSegment(segment);
            if (segment.isFinal()) {
                track.finalHeard();
            }
        }

        @Override
        public void onBilled(Duration billed) {
            listener.onBilled(billed);
        }

        @Override
        public void onFailure(TranscriptionFailure failure) {
            listener.onFailure(failure);
        }

        @Override
        public void onClosed() {
            listener.onClosed();
        }
    }

    private final class Stream implements TranscriptionStream {
        private final TranscriptionStream inner;
        private final CallScript call;
        private final TrackScript track;
        private boolean closed;

        Stream(TranscriptionStream inner, CallScript call, TrackScript track) {
            this.inner = inner;
            this.call = call;
            this.track = track;
        }

        @Override
        public void push(byte[] mulaw) {
            track.refillSoon(false);
            inner.push(mulaw);
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            inner.close();
            streamClosed(call);
        }
    }
}
