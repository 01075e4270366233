package com.ethiq.core.fake;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.privacy.PiiRedactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Fake {@link ScamAnalyzer} for tests and the simulated mode: answers are scripted (fixed, or computed from the
 * request), so are failures and latency; every request is recorded. Like a real adapter it redacts the window before
 * the scripted "AI" sees it, validates what the script returns (an invalid answer surfaces as
 * {@link AnalysisUnavailableException}, never as another exception), and bounds its latency by an optional deadline.
 * One-shot steps ({@code then...}) run first, in order; then the standing answer applies. Thread-safe.
 */
public final class ScriptedScamAnalyzer implements ScamAnalyzer {

    /** The model name the helpers put in their answers. */
    public static final String MODEL = "scripted";
    /** Token usage the helpers put in their answers. */
    public static final TokenUsage USAGE = new TokenUsage(120, 30);

    private final PiiRedactor redactor;
    private final ConcurrentLinkedDeque<Function<AnalysisRequest, AiAnalysis>> steps = new ConcurrentLinkedDeque<>();
    private final List<AnalysisRequest> received = new CopyOnWriteArrayList<>();
    private final List<AnalysisRequest> seen = new CopyOnWriteArrayList<>();
    private volatile Function<AnalysisRequest, AiAnalysis> standing = request -> clear();
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration deadline;

    /** Answers {@link #clear()} to everything until scripted otherwise. */
    public ScriptedScamAnalyzer() {
        this(PiiRedactor.standard());
    }

    public ScriptedScamAnalyzer(PiiRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "'redactor' must not be null");
    }

    /** From now on, answers this to every request (after any pending one-shot steps). */
    public ScriptedScamAnalyzer alwaysAnswer(AiAnalysis answer) {
        Objects.requireNonNull(answer, "'answer' must not be null");
        return alwaysAnswer(request -> answer);
    }

    /** From now on, answers with this function of the (redacted) request. It may throw to simulate a failure. */
    public ScriptedScamAnalyzer alwaysAnswer(Function<AnalysisRequest, AiAnalysis> responder) {
        this.standing = Objects.requireNonNull(responder, "'responder' must not be null");
        return this;
    }

    /** From now on, every request fails with {@link AnalysisUnavailableException} carrying this vendor code. */
    public ScriptedScamAnalyzer alwaysFail(String vendorCode) {
        return alwaysAnswer(failure(vendorCode));
    }

    /** The next request not already scripted gets this answer. */
    public ScriptedScamAnalyzer thenAnswer(AiAnalysis answer) {
        Objects.requireNonNull(answer, "'answer' must not be null");
        return thenAnswer(request -> answer);
    }

    public ScriptedScamAnalyzer thenAnswer(Function<AnalysisRequest, AiAnalysis> responder) {
        steps.addLast(Objects.requireNonNull(responder, "'responder' must not be null"));
        return this;
    }

    /** The next request not already scripted fails with this vendor code. */
    public ScriptedScamAnalyzer thenFail(String vendorCode) {
        return thenAnswer(failure(vendorCode));
    }

    /** Every answer takes this long (use small values: tests should stay fast). */
    public ScriptedScamAnalyzer withLatency(Duration latency) {
        Objects.requireNonNull(latency, "'latency' must not be null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("'latency' must not be negative, got " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** A latency beyond this deadline ends in {@link AnalysisUnavailableException} ("timeout") once it has passed. */
    public ScriptedScamAnalyzer withDeadline(Duration deadline) {
        Objects.requireNonNull(deadline, "'deadline' must not be null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("'deadline' must be positive, got " + deadline);
        }
        this.deadline = deadline;
        return this;
    }

    @Override
    public AiAnalysis analyze(AnalysisRequest request) {
        Objects.requireNonNull(request, "'request' must not be null");
        received.add(request);
        AnalysisRequest redacted = redact(request);
        seen.add(redacted);
        waitForLatency();
        Function<AnalysisRequest, AiAnalysis> step = steps.pollFirst();
        if (step == null) {
            step = standing;
        }
        AiAnalysis answer;
        try {
            answer = step.apply(redacted);
        } catch (AnalysisUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AnalysisUnavailableException("scripted answer is invalid: " + e.getMessage(), false, "invalid_output", null);
        }
        if (answer == null) {
            throw new AnalysisUnavailableException("scripted answer is missing", false, "invalid_output", null);
        }
        Set<Integer> indexes = new HashSet<>();
        redacted.window().forEach(turn -> indexes.add(turn.index()));
        for (Integer turn : answer.evidenceTurns()) {
            if (!indexes.contains(turn)) {
                throw new AnalysisUnavailableException("scripted answer cites turn " + turn + " outside the window", false,
                        "invalid_output", null);
            }
        }
        return answer;
    }

    /** Requests as the caller passed them, in arrival order. */
    public List<AnalysisRequest> requests() {
        return List.copyOf(received);
    }

    /** Requests as the scripted AI saw them: turn texts redacted, as a real adapter sends them out. */
    public List<AnalysisRequest> sentRequests() {
        return List.copyOf(seen);
    }

    public int calls() {
        return received.size();
    }

    /** A scam answer citing these turns, with {@link #MODEL} and {@link #USAGE}. */
    public static AiAnalysis scam(ScamCategory category, double confidence, String warning, Integer... evidenceTurns) {
        return new AiAnalysis(true, confidence, category, List.of("scripted: " + category.wire()),
                List.of(evidenceTurns), warning, MODEL, USAGE);
    }

    /** A "not a scam" answer, with {@link #MODEL} and {@link #USAGE}. */
    public static AiAnalysis clear() {
        return new AiAnalysis(false, 0.05, ScamCategory.NONE, List.of("scripted: nothing suspicious"), List.of(), "",
                MODEL, USAGE);
    }

    private AnalysisRequest redact(AnalysisRequest request) {
        List<Turn> turns = new ArrayList<>(request.window().size());
        for (Turn turn : request.window()) {
            turns.add(new Turn(turn.index(), turn.speaker(), redactor.redact(turn.text())));
        }
        return new AnalysisRequest(request.tenant(), request.callSid(), request.language(), turns, request.ruleVerdict());
    }

    private void waitForLatency() {
        Duration wait = latency;
        Duration limit = deadline;
        boolean timesOut = limit != null && wait.compareTo(limit) > 0;
        Duration sleep = timesOut ? limit : wait;
        if (!sleep.isZero()) {
            try {
                Thread.sleep(sleep.toMillis(), sleep.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AnalysisUnavailableException("interrupted while waiting for the scripted answer", false,
                        "interrupted", null);
            }
        }
        if (timesOut) {
            throw new AnalysisUnavailableException("no answer within " + limit.toMillis() + " ms", false, "timeout", null);
        }
    }

    private static Function<AnalysisRequest, AiAnalysis> failure(String vendorCode) {
        Objects.requireNonNull(vendorCode, "'vendorCode' must not be null");
        return request -> {
            throw new AnalysisUnavailableException("scripted failure", false, vendorCode, null);
        };
    }
}
