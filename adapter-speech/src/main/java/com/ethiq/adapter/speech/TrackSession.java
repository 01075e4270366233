package com.ethiq.adapter.speech;

import com.ethiq.core.concurrent.SerialExecutor;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.SpeechTranscriber.TranscriptListener;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionFailure;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionRequest;
import com.google.cloud.speech.v1.SpeechRecognitionAlternative;
import com.google.cloud.speech.v1.StreamingRecognitionResult;
import com.google.cloud.speech.v1.StreamingRecognizeResponse;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one call track against Google: a chain of gRPC streams that looks like one endless stream to the
 * listener. Audio waits in {@link PendingAudio} until sent; what was sent since the last final result stays in
 * {@link RetainedAudio} and is sent again first on the next stream, so an utterance cut by a restart or an error is
 * recognised whole, once. Streams are replaced before Google's ~5 min limit (sooner right after a final result),
 * at once after OUT_OF_RANGE, after a backoff on transient errors; permanent errors and outages beyond the retries end
 * the track with one {@code onFailure}. Results of a replaced stream are ignored (its audio was replayed), except its
 * billed time.
 *
 * <p>Thread-safety: everything below runs on this track's {@link SerialExecutor}; the only entry points from other
 * threads are {@link #audioReady()}, {@link #close()}, {@link #acceptsAudio()}, {@link #pending()} and the
 * {@link VendorStream.Events} callbacks, all of which only hand work to the executor.
 */
final class TrackSession implements VendorStream.Events {
    private static final Logger LOG = LoggerFactory.getLogger(TrackSession.class);
    private static final int BYTES_PER_MS = 8;
    /** Google accepts up to 25 KB per request; replays and backlogs are sent in requests of up to 2 s. */
    private static final int MAX_REQUEST_BYTES = 16_000;
    /** A stream refused with OUT_OF_RANGE before this much audio is treated as failing, not as expired. */
    private static final long MIN_USEFUL_STREAM_BYTES = 1000L * BYTES_PER_MS;
    /**
     * While no interim result is pending, only this much of the newest audio is retained: older audio that produced
     * no hypothesis in that time holds no speech Google is still working on (its first interim comes well within a
     * second or two). Keeps replays of silence short: cheaper, and an idle track holds 40 KB instead of 240 KB.
     */
    static final long QUIET_RETAINED_BYTES = 5_000L * BYTES_PER_MS;

    private final TranscriptionRequest request;
    private final TranscriptListener listener;
    private final TrackContext ctx;
    private final SerialExecutor serial;
    private final PendingAudio pending;
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private volatile boolean acceptingAudio = true;

    private final RetainedAudio retained;
    private final Deque<AudioChunk> replay = new ArrayDeque<>();
    private final List<VendorStream> retiring = new ArrayList<>();
    private final long restartBytes;
    private final long softRestartBytes;
    private VendorStream current;
    private SpeechClients.Lease lease;
    private String model;
    private boolean fallbackTried;
    private int generation;
    private int consecutiveFailures;
    private ScheduledFuture<?> retryTimer;
    private ScheduledFuture<?> closeTimer;
    private boolean closing;
    private boolean failed;
    private boolean finished;
    private int utteranceIndex;
    private boolean partialOpen;
    private long lastFinalEnd;
    private boolean streamLost;
    private long replayedUpTo = -1;

    TrackSession(TranscriptionRequest request, TranscriptListener listener, TrackContext ctx) {
        this.request = request;
        this.listener = listener;
        this.ctx = ctx;
        GoogleSpeechSettings s = ctx.settings();
        this.serial = new SerialExecutor(ctx.scheduler(), "speech track", SerialExecutor.WhenRejected.DROP);
        this.pending = new PendingAudio(MAX_REQUEST_BYTES, bytes(s.maxQueuedAudio()),
                ctx.counters().droppedAudioBytes::add, ctx.counters().queuedAudioBytes::add);
        this.retained = new RetainedAudio(bytes(s.retainedAudio()));
        this.restartBytes = bytes(s.restartInterval());
        this.softRestartBytes = restartBytes * 3 / 4;
    }

    // ---- entry points from other threads ----

    PendingAudio pending() {
        return pending;
    }

    boolean acceptsAudio() {
        return acceptingAudio;
    }

    /** Audio waits in {@link #pending()}. Coalesced: at most one pump is queued at a time. */
    void audioReady() {
        if (pumpScheduled.compareAndSet(false, true)) {
            serial.execute(() -> {
                pumpScheduled.set(false);
                pump();
            });
        }
    }

    void close() {
        if (closeRequested.compareAndSet(false, true)) {
            acceptingAudio = false;
            serial.execute(this::beginClose);
        }
    }

    @Override
    public void onReady(VendorStream stream) {
        audioReady();
    }

    @Override
    public void onResponse(VendorStream stream, StreamingRecognizeResponse response) {
        serial.execute(() -> handleResponse(stream, response));
    }

    @Override
    public void onError(VendorStream stream, Throwable error) {
        serial.execute(() -> handleError(stream, error));
    }

    @Override
    public void onComplete(VendorStream stream) {
        serial.execute(() -> handleComplete(stream));
    }

    // ---- sending ----

    private void pump() {
        if (finished || failed) {
            return;
        }
        if (current == null) {
            if (retryTimer != null) {
                return; // backing off; the timer pumps again
            }
            boolean audioWaits = !replay.isEmpty() || pending.hasQueued();
            // a lost stream may have taken unrecognised speech with it: hear it again now, unless that audio was
            // already replayed once and nothing new came since (an idle track would otherwise loop on replays)
            boolean unheard = streamLost && retained.bytes() > 0 && (closing || retained.newestTrackEnd() > replayedUpTo);
            if (!audioWaits && !unheard) {
                tryFinish(); // streams are opened lazily: a silent, idle track holds none
                return;
            }
            if (!openStream()) {
                return;
            }
        }
        send();
        if (closing && current != null && replay.isEmpty() && !pending.hasQueued()) {
            current.halfClose();
        }
    }

    private boolean openStream() {
        boolean afterFailure = generation == 0 || consecutiveFailures > 0;
        if (afterFailure && !ctx.breaker().allowRequest()) {
            fail("speech service unavailable (circuit open after repeated failures)");
            return false;
        }
        if (lease == null) {
            try {
                lease = ctx.clients().acquire(request.tenant());
            } catch (SpeechClients.InvalidCredentialsException e) {
                fail(e.getMessage());
                return false;
            } catch (Exception e) {
                retryLater(new StreamError("CLIENT", StreamError.Action.RETRY, e.getClass().getSimpleName()));
                return false;
            }
        }
        if (model == null) {
            model = ctx.models().modelFor(request.language().bcp47());
        }
        replayedUpTo = retained.newestTrackEnd();
        streamLost = false;
        List<AudioChunk> again = retained.takeAll();
        for (int i = again.size() - 1; i >= 0; i--) {
            replay.addFirst(again.get(i));
        }
        retained.startStream(replay.isEmpty() ? pending.headTrackPos() : replay.peekFirst().trackPos());
        generation++;
        ctx.counters().vendorStreams.incrementAndGet();
        try {
            current = VendorStream.start(lease.client().streamingRecognizeCallable(),
                    ctx.configs().firstRequest(request, model), generation, model, ctx.clock().instant(), this,
                    ctx.counters().vendorStreams::decrementAndGet);
        } catch (RuntimeException e) {
            retryLater(new StreamError("START", StreamError.Action.RETRY, e.getClass().getSimpleName()));
            return false;
        }
        LOG.debug("speech stream #{} opened: call={} speaker={} model={} replay={} ms", generation, request.callSid(),
                request.speaker().wire(), model, replayBytes() / BYTES_PER_MS);
        return true;
    }

    private void send() {
        VendorStream s = current;
        while (s != null && s == current && s.isReady()) {
            List<AudioChunk> chunks = nextRequest();
            if (chunks.isEmpty()) {
                return;
            }
            ByteString audio = ByteString.EMPTY;
            long pos = s.bytesSent;
            for (AudioChunk c : chunks) {
                audio = audio.concat(ByteString.copyFrom(c.data(), c.offset(), c.length()));
                retained.sent(c, pos);
                pos += c.length();
            }
            if (!partialOpen) {
                retained.keepNewest(QUIET_RETAINED_BYTES);
            }
            s.sendAudio(audio);
            if (!closing && dueForRestart(s, restartBytes)) {
                restart("interval");
                return;
            }
        }
    }

    private List<AudioChunk> nextRequest() {
        if (replay.isEmpty()) {
            return pending.poll(MAX_REQUEST_BYTES);
        }
        List<AudioChunk> out = new ArrayList<>();
        int total = 0;
        while (!replay.isEmpty() && (out.isEmpty() || total + replay.peekFirst().length() <= MAX_REQUEST_BYTES)) {
            AudioChunk c = replay.pollFirst();
            out.add(c);
            total += c.length();
        }
        return out;
    }

    private boolean dueForRestart(VendorStream s, long audioBytes) {
        return s.bytesSent >= audioBytes
                || Duration.between(s.openedAt, ctx.clock().instant()).compareTo(ctx.settings().restartInterval()) >= 0;
    }

    /** Replaces the current stream: the new one hears the retained audio first; the old one only reports billing. */
    private void restart(String why) {
        VendorStream old = current;
        current = null;
        retire(old);
        ctx.counters().restarts.increment();
        LOG.debug("speech stream #{} replaced ({}): call={} speaker={}", old.generation, why, request.callSid(),
                request.speaker().wire());
        pump();
    }

    private void retire(VendorStream old) {
        old.retiring = true;
        old.halfClose();
        retiring.add(old);
        schedule(ctx.settings().closeTimeout(), () -> {
            if (!old.isTerminated()) {
                old.cancel(); // no billing from it then, but no leak either
            }
        });
    }

    // ---- results ----

    private void handleResponse(VendorStream s, StreamingRecognizeResponse response) {
        if (finished) {
            return;
        }
        if (response.hasTotalBilledTime()) {
            bill(s, response.getTotalBilledTime());
        }
        if (s != current || s.cancelled) {
            return; // a replaced stream's late results: its audio was replayed on the current stream
        }
        if (!s.gotResponse) {
            s.gotResponse = true;
            consecutiveFailures = 0;
            ctx.breaker().recordSuccess();
        }
        if (response.hasError() && response.getError().getCode() != 0) {
            current = null;
            s.cancel();
            onStreamEnded(s, StreamError.ofRpcStatus(response.getError().getCode(), response.getError().getMessage()));
            return;
        }
        StringBuilder interim = new StringBuilder();
        long interimEnd = -1;
        boolean sawFinal = false;
        for (StreamingRecognitionResult result : response.getResultsList()) {
            if (result.getAlternativesCount() == 0) {
                continue;
            }
            SpeechRecognitionAlternative best = result.getAlternatives(0);
            long end = bytes(result.getResultEndTime());
            if (result.getIsFinal()) {
                emitFinal(best.getTranscript().strip(), best.getConfidence(), end, alternatives(result));
                sawFinal = true;
            } else {
                // several interim results are consecutive pieces of the same utterance
                interim.append(best.getTranscript());
                interimEnd = Math.max(interimEnd, end);
            }
        }
        if (interim.length() > 0 && !interim.toString().isBlank()) {
            emitPartial(interim.toString().strip(), interimEnd);
        }
        if (sawFinal && !closing && current == s && dueForRestart(s, softRestartBytes)) {
            restart("quiet point after a final result"); // little to replay now
        }
    }

    /** The other hypotheses of a final, best first, blank ones left out. */
    static java.util.List<String> alternatives(StreamingRecognitionResult result) {
        java.util.List<String> out = new java.util.ArrayList<>(result.getAlternativesCount());
        for (int i = 1; i < result.getAlternativesCount(); i++) {
            String t = result.getAlternatives(i).getTranscript().strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private void emitFinal(String text, float confidence, long streamEnd, java.util.List<String> alternatives) {
        long end = Math.max(lastFinalEnd, retained.trackPosAt(streamEnd));
        retained.discardBefore(streamEnd);
        if (text.isEmpty() && !partialOpen) {
            lastFinalEnd = end;
            return; // nothing was said and nothing shown: no utterance to close
        }
        deliver(new TranscriptSegment(request.speaker(), utteranceIndex, text, true, millis(lastFinalEnd), millis(end),
                unit(confidence), alternatives));
        utteranceIndex++;
        partialOpen = false;
        lastFinalEnd = end;
    }

    private void emitPartial(String text, long streamEnd) {
        long end = Math.max(lastFinalEnd, retained.trackPosAt(streamEnd));
        partialOpen = true;
        deliver(new TranscriptSegment(request.speaker(), utteranceIndex, text, false, millis(lastFinalEnd), millis(end), 0.0));
    }

    private void bill(VendorStream s, com.google.protobuf.Duration billed) {
        if (s.billed) {
            return;
        }
        s.billed = true;
        long ms = billed.getSeconds() * 1000 + billed.getNanos() / 1_000_000;
        ctx.counters().billedMillis.add(ms);
        notifyListener(l -> l.onBilled(Duration.ofMillis(ms)));
    }

    // ---- stream ends ----

    private void handleComplete(VendorStream s) {
        boolean wasRetiring = retiring.remove(s);
        if (finished) {
            return;
        }
        if (s == current) {
            current = null;
            if (!closing) {
                streamLost = true; // the service ended it on its own: carry on with a new one
                ctx.counters().restarts.increment();
            }
            pump();
        } else if (wasRetiring) {
            tryFinish();
        }
    }

    private void handleError(VendorStream s, Throwable error) {
        boolean wasRetiring = retiring.remove(s);
        if (finished) {
            return;
        }
        if (s != current) {
            if (wasRetiring) {
                tryFinish();
            }
            return;
        }
        current = null;
        onStreamEnded(s, StreamError.of(error));
    }

    private void onStreamEnded(VendorStream s, StreamError error) {
        streamLost = true;
        switch (error.action()) {
            case RESTART -> {
                if (!s.gotResponse && s.bytesSent < MIN_USEFUL_STREAM_BYTES) {
                    retryLater(error);
                } else {
                    ctx.counters().restarts.increment();
                    LOG.debug("speech stream #{} ended by the service ({}), restarting: call={} speaker={}",
                            s.generation, error.code(), request.callSid(), request.speaker().wire());
                    pump();
                }
            }
            case RETRY, CANCELLED -> retryLater(error); // CANCELLED here was not ours (channel shut down...)
            case PERMANENT -> {
                if ("INVALID_ARGUMENT".equals(error.code()) && !s.gotResponse && !fallbackTried
                        && ctx.models().hasFallback() && ctx.models().isPrimary(s.model)) {
                    fallbackTried = true;
                    model = ctx.models().fallback();
                    if (error.mentionsModel()) {
                        ctx.models().primaryRefused(request.language().bcp47());
                    }
                    LOG.info("speech model {} refused for {} ({}); using {}", s.model, request.language().bcp47(),
                            error.message(), model);
                    pump();
                } else {
                    fail("speech request refused (" + error.code() + "): " + error.message());
                }
            }
        }
    }

    private void retryLater(StreamError error) {
        consecutiveFailures++;
        ctx.breaker().recordFailure();
        int maxAttempts = ctx.settings().backoff().maxAttempts();
        if (consecutiveFailures > maxAttempts) {
            fail("speech service unavailable after " + maxAttempts + " attempts (" + error.code() + ")");
            return;
        }
        if (ctx.breaker().isOpen()) {
            fail("speech service unavailable (" + error.code() + "; circuit open after repeated failures)");
            return;
        }
        ctx.counters().retries.increment();
        long ceiling = ctx.settings().backoff().ceiling(consecutiveFailures).toMillis();
        // equal jitter: tracks cut by the same outage do not all come back at the same instant
        long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        LOG.debug("speech stream failed ({}), attempt {} in {} ms: call={} speaker={}", error.code(), consecutiveFailures,
                delay, request.callSid(), request.speaker().wire());
        retryTimer = schedule(Duration.ofMillis(delay), () -> {
            retryTimer = null;
            pump();
        });
    }

    private void fail(String reason) {
        if (failed || finished) {
            return;
        }
        failed = true;
        acceptingAudio = false;
        ctx.counters().failures.increment();
        cancelTimer(retryTimer);
        retryTimer = null;
        if (current != null) {
            current.cancel();
            current = null;
        }
        pending.clear();
        replay.clear();
        retained.takeAll();
        LOG.warn("speech track unprotected from now on: call={} speaker={} reason={}", request.callSid(),
                request.speaker().wire(), reason);
        notifyListener(l -> l.onFailure(new TranscriptionFailure(reason, true)));
        tryFinish();
    }

    // ---- closing ----

    private void beginClose() {
        if (closing || finished) {
            return;
        }
        closing = true;
        closeTimer = schedule(ctx.settings().closeTimeout(), this::forceFinish);
        pump();
        tryFinish();
    }

    private void tryFinish() {
        if (finished || !closing || current != null || !retiring.isEmpty()) {
            return;
        }
        if (failed || (retryTimer == null && replay.isEmpty() && !pending.hasQueued())) {
            finish();
        }
    }

    /** The close deadline passed: give up on what is still in flight. */
    private void forceFinish() {
        if (finished) {
            return;
        }
        if (current != null) {
            current.cancel();
        }
        retiring.forEach(VendorStream::cancel);
        LOG.debug("speech track closed at its deadline: call={} speaker={}", request.callSid(), request.speaker().wire());
        finish();
    }

    private void finish() {
        finished = true;
        acceptingAudio = false;
        cancelTimer(closeTimer);
        cancelTimer(retryTimer);
        current = null;
        retiring.clear();
        pending.clear();
        replay.clear();
        retained.takeAll();
        if (lease != null) {
            lease.release();
        }
        ctx.counters().openStreams.decrementAndGet();
        // Forgotten by the transcriber before the listener hears onClosed: once a caller is told the track is closed,
        // nothing of it is held any more (a busy machine used to show a session still listed after onClosed).
        ctx.onFinished().accept(this);
        notifyListener(TranscriptListener::onClosed);
    }

    // ---- helpers ----

    private void deliver(TranscriptSegment segment) {
        notifyListener(l -> l.onSegment(segment));
    }

    private void notifyListener(Consumer<TranscriptListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            // the exception's message may quote the transcript: log its type only
            LOG.warn("transcript listener failed: call={} speaker={} error={}", request.callSid(), request.speaker().wire(),
                    e.getClass().getName());
        }
    }

    private ScheduledFuture<?> schedule(Duration delay, Runnable task) {
        try {
            return ctx.scheduler().schedule(() -> serial.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the transcriber is shutting down
        }
    }

    private static void cancelTimer(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private long replayBytes() {
        long total = 0;
        for (AudioChunk c : replay) {
            total += c.length();
        }
        return total;
    }

    private static int bytes(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis() * BYTES_PER_MS);
    }

    private static long bytes(com.google.protobuf.Duration d) {
        return (d.getSeconds() * 1000 + d.getNanos() / 1_000_000) * BYTES_PER_MS;
    }

    private static Duration millis(long trackBytes) {
        return Duration.ofMillis(trackBytes / BYTES_PER_MS);
    }

    private static double unit(float confidence) {
        return Float.isNaN(confidence) ? 0.0 : Math.max(0.0, Math.min(1.0, confidence));
    }
}
