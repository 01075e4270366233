package com.ethiq.core.usecase;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.caller.CallerContext;
import com.ethiq.core.caller.CallerSignals;
import com.ethiq.core.caller.InstitutionDirectory;
import com.ethiq.core.detection.DetectionSession;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.SpeechTranscriber.TranscriptionStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about one live protected call: its recognition streams (one per track), its detection window, its
 * escalation state and its alert flag. Owned by one media connection; nothing here is shared with other calls.
 * Audio arrives on the connection's thread, transcripts on the thread that delivers them (judged there, after the push
 * that produced them: {@link TranscriptHandOff}), AI answers on the AI executor, a scam's raise on the raise executor:
 * the state they share is atomic or guarded. Thread-safe.
 */
public final class CallSession {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    private static final int MAX_CALLER_WORDS = 4000;

    private final Tenant tenant;
    private final CallSid callSid;
    private final ConferenceName conference;
    private final CallPath path;
    private final DetectionSession detection;
    /** Who is calling (lists, reputation, attestation) and the thresholds that follow from it (raised if trusted). */
    private final CallerContext caller;
    private final DetectionThresholds thresholds;
    /**
     * The caller's final words, for the claim check (bounded: claims come early in a call), normalised once as each
     * final arrives ({@link InstitutionDirectory#normalize}): the check reads them on every segment, partials included,
     * so they are kept as one string, replaced per final (written under {@link #window}'s lock, read without one).
     */
    private volatile String callerWords = "";
    private final Map<Speaker, TranscriptionStream> streams = new EnumMap<>(Speaker.class);
    /** Per track: only speech goes on to the recogniser (billed per second sent). */
    private final Map<Speaker, SpeechGate> gates = new EnumMap<>(Speaker.class);
    private final Map<Speaker, AtomicLong> audioBytes = new EnumMap<>(Speaker.class);
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AnnouncementEcho echo = new AnnouncementEcho();
    /**
     * Per track, added to the utterance numbers of this session's streams: after the utterances heard before by a
     * dead node's stream (a new stream numbers from 0 again, and a number already heard would revise that turn, i.e.
     * replace the first half of a straddling scam with what is said next). Written in {@code open} before any stream.
     */
    private final int[] utteranceBase = new int[Speaker.values().length];
    private final AtomicBoolean alerted = new AtomicBoolean();
    private final AtomicBoolean aiInFlight = new AtomicBoolean();
    private final AtomicReference<AiAnalysis> latestAi = new AtomicReference<>();
    private final AtomicReference<String> lastVerdictLabel = new AtomicReference<>("clear");
    /** Billed speech time reported before the call ended; later reports are recorded on arrival. */
    private final Object billing = new Object();
    private long billedSpeechMillis;
    private boolean billingClosed;
    private final ArrayDeque<ScamAnalyzer.Turn> window = new ArrayDeque<>();
    private final Instant startedAt;
    private volatile Instant lastAiRequestAt = Instant.EPOCH;
    private volatile int turnsAtLastAiRequest = -1;
    private volatile Runnable onEnd = () -> { };

    CallSession(Tenant tenant, CallSid callSid, CallPath path, CallerContext caller) {
        this.tenant = tenant;
        this.callSid = callSid;
        this.conference = ConferenceName.forCall(tenant.id(), callSid);
        this.path = path;
        this.caller = caller;
        var settings = tenant.settings();
        this.thresholds = caller.thresholds(settings.thresholds(), path.signals().policy());
        this.detection = path.engine().newSession(settings.language(), thresholds, settings.customPhrases());
        this.startedAt = path.clock().instant();
        for (Speaker s : Speaker.values()) {
            audioBytes.put(s, new AtomicLong());
        }
    }

    /** Opens one recognition stream per track. Called once by {@link CallSessions#start}. */
    void open(List<String> phraseHints) {
        open(phraseHints, List.of());
    }

    /**
     * As above, for a call streamed again after its node died: {@code heardBefore} (the final segments stored so far)
     * is judged first, so a scam whose first half was heard by the dead node is caught by what this node hears next.
     * A scam already in it raises at once (the outbox's idempotency keys make an alert already recorded a no-op).
     */
    void open(List<String> phraseHints, List<TranscriptSegment> heardBefore) {
        for (TranscriptSegment segment : heardBefore) {
            int next = segment.utteranceIndex() + 1;
            utteranceBase[segment.speaker().ordinal()] = Math.max(utteranceBase[segment.speaker().ordinal()], next);
        }
        for (Speaker speaker : Speaker.values()) {
            var request = new SpeechTranscriber.TranscriptionRequest(tenant.id(), callSid, speaker,
                    tenant.settings().language(), phraseHints);
            TrackListener listener = new TrackListener(speaker);
            TranscriptionStream stream = path.transcriber().open(request, listener);
            streams.put(speaker, stream);
            SpeechGate gate = new SpeechGate(gateSettings(), stream::push);
            gates.put(speaker, gate);
            listener.gate = gate;
        }
        // turn-taking: once the other side speaks, a track's hang-over is cut short (both are fed by the media thread)
        gates.get(Speaker.CALLER).pairWith(gates.get(Speaker.CALLEE));
        later("call in progress", () -> path.callLogs().updateState(tenant.id(), callSid, CallState.IN_PROGRESS, startedAt));
        path.alerts().rememberContacts(tenant, callSid);
        path.observer().sessionStarted(tenant.id(), callSid);
        if (heardBefore.isEmpty()) {
            // A blocked-but-warned or reported caller starts suspicious, before a word is spoken.
            publish(judge(Verdict.Clear.empty()).verdict());
            return;
        }
        Verdict rules = Verdict.Clear.empty();
        for (TranscriptSegment segment : heardBefore) {
            if (segment.isFinal() && !segment.text().isBlank()) {
                rules = detection.onSegment(segment);
                remember(segment);
            }
        }
        log.info("call {} streams again: {} segment(s) heard before judged first", callSid, heardBefore.size());
        CallerSignals.Judged judged = judge(rules);
        Verdict effective = VerdictCombiner.combine(judged.verdict(), latestAi.get(), thresholds);
        publish(effective);
        if (effective.isScam()) {
            raiseOnce(effective, judged.advice());
        }
    }

    /**
     * The node's gate settings, unless this account turned the gate off (read from the tenant as resolved when the call
     * started, i.e. the cached tenant config). A node whose gate is off ({@code ETHIQ_SPEECH_GATE=false}) sends
     * everything whatever the account says.
     */
    private SpeechGate.Settings gateSettings() {
        return tenant.settings().speechGate() ? path.speechGate() : SpeechGate.Settings.OFF;
    }

    /** A final segment joins the AI window and, if the caller's, the words the claim check reads. */
    private void remember(TranscriptSegment segment) {
        synchronized (window) {
            window.addLast(new ScamAnalyzer.Turn(detection.turnCount() - 1, segment.speaker(), segment.text()));
            while (window.size() > path.escalation().windowTurns()) {
                window.removeFirst();
            }
        }
        if (segment.speaker() == Speaker.CALLER) {
            String words = InstitutionDirectory.normalize(segment.text());
            synchronized (window) {
                String before = callerWords;
                if (before.length() < MAX_CALLER_WORDS && !words.isEmpty()) {
                    callerWords = before.isEmpty() ? words : before + " " + words;
                }
            }
        }
    }

    void onEnd(Runnable action) {
        this.onEnd = action;
    }

    public Tenant tenant() {
        return tenant;
    }

    public CallSid callSid() {
        return callSid;
    }

    public ConferenceName conference() {
        return conference;
    }

    public boolean isEnded() {
        return ended.get();
    }

    public boolean alertRaised() {
        return alerted.get();
    }

    public Verdict verdict() {
        return VerdictCombiner.combine(judge(detection.current()).verdict(), latestAi.get(), thresholds);
    }

    public CallerContext caller() {
        return caller;
    }

    /** The rules' verdict with the caller's cues (lists, reputation, attestation, claim check) folded in. */
    private CallerSignals.Judged judge(Verdict rules) {
        return path.signals().apply(rules, caller, callerWords, thresholds);
    }

    /**
     * A warning is about to be spoken to everyone in the conference: the conference mix (the callee track) will carry
     * it, and its recognised words must not count as the protected person's speech. Segments of that track made of
     * the warning's words ({@link AnnouncementEcho}) are dropped before the transcript and detection see them.
     */
    public void announcedToEveryone(String text) {
        echo.add(text);
    }

    public long audioBytes(Speaker speaker) {
        return audioBytes.get(speaker).get();
    }

    /** Audio of this track sent on to its recogniser (the speech gate holds back silence). */
    public long recognisedBytes(Speaker speaker) {
        return gates.get(speaker).passedBytes();
    }

    /**
     * Hot path: hands 8 kHz mu-law audio of one track to its speech gate and, when someone speaks, to its recogniser.
     * Never blocks. One thread at a time per track (the media connection's).
     */
    public void onAudio(Speaker speaker, byte[] mulaw) {
        if (ended.get()) {
            return;
        }
        audioBytes.get(speaker).addAndGet(mulaw.length);
        gates.get(speaker).accept(mulaw);
    }

    /**
     * Ends the call: closes the recognition streams (their last results are still judged), completes the call log,
     * records usage. Idempotent; later calls do nothing.
     */
    public void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
            endOnce();
        }
    }

    private void endOnce() {
        for (TranscriptionStream stream : streams.values()) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.warn("closing a recognition stream of call {} failed: {}", callSid, e.toString());
            }
        }
        Instant now = path.clock().instant();
        var t = tenant.id();
        later("call ended", () -> path.callLogs().updateState(t, callSid, CallState.ENDED, now));
        long speechMillis;
        synchronized (billing) {
            billingClosed = true;
            speechMillis = billedSpeechMillis;
        }
        var calls = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.CALLS, 1, now, "protected call");
        later("usage", () -> path.usage().record(calls));
        Duration callTime = Duration.between(startedAt, now);
        if (callTime.toMillis() > 0) {
            var time = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.CALL_MILLIS, callTime.toMillis(), now, "protected call time");
            later("usage", () -> path.usage().record(time));
        }
        if (speechMillis > 0) {
            var speech = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.SPEECH_MILLIS, speechMillis, now, "both tracks");
            later("usage", () -> path.usage().record(speech));
        }
        var ended = AuditEvent.system(path.ids().newId(), t, "call.ended", callSid.value(), now,
                Map.of("durationSeconds", Long.toString(callTime.toSeconds()),
                        "verdict", verdict().label()));
        later("audit", () -> path.audit().append(ended));
        gates.forEach((speaker, gate) -> path.observer().speechGated(t, callSid, speaker, gate.figures()));
        path.observer().sessionEnded(t, callSid);
        onEnd.run();
    }

    private void onSegment(TranscriptSegment segment) {
        long t0 = System.nanoTime();
        var t = tenant.id();
        Verdict rules = detection.onSegment(segment);
        if (segment.isFinal() && !segment.text().isBlank()) {
            remember(segment);
            // Detection above never waits for the store: the line is written behind, in order, kept through an outage.
            path.writes().submit(callSid, WriteBehind.Write.droppable("segment",
                    () -> path.callLogs().appendSegment(t, callSid, segment)));
        }
        path.observer().segment(t, callSid, segment);
        CallerSignals.Judged judged = judge(rules);
        Verdict effective = VerdictCombiner.combine(judged.verdict(), latestAi.get(), thresholds);
        publish(effective);
        path.observer().detectionLatency(t, System.nanoTime() - t0);
        if (effective.isScam()) {
            raiseOnce(effective, judged.advice());
        } else if (segment.isFinal() && effective.score() >= thresholds.suspicious()) {
            maybeEscalate(rules);
        }
    }

    private void publish(Verdict verdict) {
        String previous = lastVerdictLabel.getAndSet(verdict.label());
        if (!previous.equals(verdict.label())) {
            later("verdict", () -> path.callLogs().recordVerdict(tenant.id(), callSid, verdict));
            path.observer().verdictChanged(tenant.id(), callSid, verdict);
        }
    }

    /**
     * Raises the call's alerts once. The flag is taken here, on the judging thread (exactly once however many segments
     * or AI answers say scam); the raise itself, which waits for the alerts' commit (up to
     * {@code AlertService.RECORD_WAIT}), runs on the call path's raise executor: judging runs on the thread that
     * delivered the segment (the media socket's selector thread for the simulated recogniser, a gRPC thread for a real
     * one), which must not wait for the store. During shutdown, when that executor refuses work, it runs here.
     */
    private void raiseOnce(Verdict verdict, String advice) {
        if (!alerted.compareAndSet(false, true)) {
            return;
        }
        AiAnalysis ai = latestAi.get();
        Runnable raise = () -> {
            try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
                raiseNow(verdict, advice, ai);
            } catch (RuntimeException e) {
                log.error("raising the alerts of call {} failed: a later segment raises again", callSid, e);
            }
        };
        try {
            path.raises().execute(raise);
        } catch (RejectedExecutionException e) {
            raise.run();
        }
    }

    private void raiseNow(Verdict verdict, String advice, AiAnalysis ai) {
        List<com.ethiq.core.domain.Alert> alerts;
        try {
            // Recorded, or sent from memory and recorded when the store returns: either way the flag may stay set.
            alerts = path.alerts().raise(tenant, callSid, conference, verdict, ai == null ? null : ai.warning(),
                    advice);
        } catch (RuntimeException e) {
            alerted.set(false); // a later segment raises again
            throw e;
        } finally {
            // After the alerts' write, not before: the scam's label was written as it changed (publish), this one
            // (the verdict the alerts were raised on) must not be one more commit between the verdict and the SMS.
            later("verdict", () -> path.callLogs().recordVerdict(tenant.id(), callSid, verdict));
        }
        log.info("scam detected on call {} (tenant {}, {} {}): {} alert(s) raised", callSid, tenant.id(),
                verdict.category().wire(), String.format(java.util.Locale.ROOT, "%.2f", verdict.score()), alerts.size());
        alerts.forEach(a -> path.observer().alertRaised(tenant.id(), callSid, a));
        if (path.screening() != null) {
            // Shared reputation: only for opted-in accounts, as a keyed fingerprint; withdrawn if marked a false alarm.
            path.screening().reputation().ifPresent(r -> r.reportScam(tenant.id(), callSid, caller.number(), verdict.category()));
        }
    }

    private void maybeEscalate(Verdict rules) {
        ScamAnalyzer analyzer = path.analyzer();
        var settings = tenant.settings();
        if (analyzer == null || !settings.aiAnalysisEnabled() || ended.get()) {
            return;
        }
        Instant now = path.clock().instant();
        int turns = detection.turnCount();
        if (turns == turnsAtLastAiRequest || now.isBefore(lastAiRequestAt.plus(path.escalation().minInterval()))) {
            return;
        }
        if (!aiInFlight.compareAndSet(false, true)) {
            return;
        }
        lastAiRequestAt = now;
        turnsAtLastAiRequest = turns;
        List<ScamAnalyzer.Turn> turnsWindow;
        synchronized (window) {
            turnsWindow = List.copyOf(window);
        }
        if (turnsWindow.isEmpty()) {
            aiInFlight.set(false);
            return;
        }
        var request = new ScamAnalyzer.AnalysisRequest(tenant.id(), callSid, settings.language(), turnsWindow, rules);
        int budget = settings.aiDailyRequestBudget();
        // The budget is shared by the cluster (it may ask the store): taken on the AI thread, never on this one.
        CompletableFuture.supplyAsync(() -> path.aiBudget().tryTake(tenant.id(), budget)
                        ? analyzeInContext(analyzer, request) : null, path.aiExecutor())
                .orTimeout(path.escalation().deadline().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete(this::onAiCompleted);
    }

    private ScamAnalyzer.AiAnalysis analyzeInContext(ScamAnalyzer analyzer, ScamAnalyzer.AnalysisRequest request) {
        try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
            return analyzer.analyze(request);
        }
    }

    private void onAiCompleted(AiAnalysis analysis, Throwable error) {
        try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
            aiInFlight.set(false);
            if (error == null && analysis == null) {
                path.observer().aiOutcome(tenant.id(), callSid, "budget_exhausted");
                return;
            }
            if (error != null) {
                // The rules keep deciding alone: the call stays protected.
                path.observer().aiOutcome(tenant.id(), callSid, "unavailable");
                log.info("AI analysis unavailable for call {}: {}", callSid, rootMessage(error));
                return;
            }
            onAiAnalysis(analysis);
        }
    }

    private void onAiAnalysis(AiAnalysis analysis) {
        var t = tenant.id();
        Instant now = path.clock().instant();
        latestAi.set(analysis);
        path.observer().aiOutcome(t, callSid, analysis.scam() ? "scam" : "not_scam");
        var requests = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.AI_REQUESTS, 1, now, analysis.model());
        var prompt = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.AI_PROMPT_TOKENS, analysis.usage().promptTokens(), now, analysis.model());
        var completion = new UsageEvent(path.ids().newId(), t, callSid, UsageKind.AI_COMPLETION_TOKENS, analysis.usage().completionTokens(), now, analysis.model());
        // One write each: a retry after a refused write never records one twice.
        later("usage", () -> path.usage().record(requests));
        later("usage", () -> path.usage().record(prompt));
        later("usage", () -> path.usage().record(completion));
        later("ai analysis", () -> path.callLogs().recordAiAnalysis(t, callSid, analysis));
        CallerSignals.Judged judged = judge(detection.current());
        Verdict effective = VerdictCombiner.combine(judged.verdict(), analysis, thresholds);
        publish(effective);
        if (effective.isScam()) {
            raiseOnce(effective, judged.advice());
        }
    }

    /** A store write of this call, behind its earlier ones; kept through an outage and written once it ends. */
    private void later(String what, Runnable write) {
        path.writes().submit(callSid, WriteBehind.Write.kept(what, write));
    }

    private static String rootMessage(Throwable error) {
        Throwable e = error;
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** Receives one track's recognition results. */
    private final class TrackListener implements SpeechTranscriber.TranscriptListener {
        private final Speaker speaker;
        /** This track's gate, set once the stream is open (results come on the recogniser's threads). */
        volatile SpeechGate gate;

        TrackListener(Speaker speaker) {
            this.speaker = speaker;
        }

        @Override
        public void onSegment(TranscriptSegment segment) {
            SpeechGate g = gate;
            if (segment.isFinal() && g != null) {
                // the recogniser closed this utterance: the gate's hang-over need not go on feeding its endpointer
                g.utteranceFinalised(segment.endOffset());
            }
            try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
                // The track decides who spoke, whatever the recogniser labelled; numbered after what was heard before.
                TranscriptSegment s = segment.withSpeaker(speaker)
                        .withUtteranceIndex(segment.utteranceIndex() + utteranceBase[speaker.ordinal()]);
                if (speaker == Speaker.CALLEE && echo.matches(s.text())) {
                    log.debug("callee segment {} of call {} is our own warning: not transcribed", s.utteranceIndex(), callSid);
                    return;
                }
                CallSession.this.onSegment(s);
            } catch (RuntimeException e) {
                try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
                    log.error("handling a transcript segment of call {} failed", callSid, e);
                }
            }
        }

        @Override
        public void onBilled(Duration billed) {
            synchronized (billing) {
                if (!billingClosed) {
                    billedSpeechMillis += billed.toMillis();
                    return;
                }
            }
            // Transcribers may report the last stream's billing after the call ended (asynchronous close).
            var late = new UsageEvent(path.ids().newId(), tenant.id(), callSid, UsageKind.SPEECH_MILLIS,
                    billed.toMillis(), path.clock().instant(), speaker.wire() + " track");
            later("usage", () -> path.usage().record(late));
        }

        @Override
        public void onFailure(SpeechTranscriber.TranscriptionFailure failure) {
            try (LogContext ignored = LogContext.of(tenant.id(), callSid)) {
                log.warn("speech recognition lost on call {} track {}: {} — the call continues unprotected on this track",
                        callSid, speaker.wire(), failure.reason());
                later("protection", () -> path.callLogs().updateProtection(tenant.id(), callSid, CallProtection.UNPROTECTED_SPEECH_UNAVAILABLE));
                path.observer().speechFailed(tenant.id(), callSid, speaker, failure.reason());
            }
        }
    }
}
