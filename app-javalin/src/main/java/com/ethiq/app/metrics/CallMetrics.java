package com.ethiq.app.metrics;

import com.ethiq.core.usecase.RingOutcome;
import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.usecase.CallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Meters of calls, webhooks, detection and alerts, and the {@link CallObserver} that feeds them. Tags are low
 * cardinality on purpose (never a call id). The one exception is field precision: {@code ethiq.alerts.judged} and
 * {@code ethiq.alerts.false} are tagged by tenant and rule id (rule ids are a fixed set, checked and capped here;
 * tenants are per account). Fast and never throws, as an observer must be. Thread-safe.
 */
public final class CallMetrics implements CallObserver {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> webhookTimers = new ConcurrentHashMap<>();
    private final AtomicInteger liveSessions = new AtomicInteger();
    /** 1 while the call path's writes reach the store, 0 while they wait in memory. */
    private final AtomicInteger storeAvailable = new AtomicInteger(1);
    private final Timer detection;
    private final Timer alertLatency;
    private final Timer alertAccepted;
    private final Map<String, Timer> alertStages = new ConcurrentHashMap<>();
    private final Timer ringQueue;
    /** Rules already counted as judged, per live call (a call's verdict rises, each rule counts once). */
    private final Map<CallSid, java.util.Set<String>> judgedRules = new ConcurrentHashMap<>();
    /** Calls whose false alarm was counted (a relative and a member may both press), most recent kept. */
    private final java.util.Set<String> falseAlarmCalls = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_REMEMBERED_CALLS;
                }
            }));
    private final java.util.Set<String> ruleIds = ConcurrentHashMap.newKeySet();
    private static final int MAX_REMEMBERED_CALLS = 10_000;
    /** More distinct rule ids than the engine has means something else got in: they count as "other". */
    private static final int MAX_RULE_IDS = 200;
    private static final java.util.regex.Pattern RULE_ID = java.util.regex.Pattern.compile("[a-z0-9_.\\-]{1,64}");

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("ethiq.calls.sessions.live", liveSessions);
        registry.gauge("ethiq.store.available", storeAvailable);
        this.detection = Timer.builder("ethiq.detection.segment")
                .description("time to judge one transcript segment (rules + verdict)")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofSeconds(30)).register(registry);
        this.alertLatency = Timer.builder("ethiq.alerts.latency")
                .description("from the transcript segment that made the verdict a scam to the delivery request")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry);
        this.alertAccepted = Timer.builder("ethiq.alerts.latency.accepted")
                .description("from the transcript segment that made the verdict a scam to the SMS accepted by the provider")
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry);
        // Twilio's queue_time of the protected person's leg: >0 means the account's calls-per-second limit queues it
        this.ringQueue = Timer.builder("ethiq.calls.participants.queue")
                .description("time Twilio said it would queue the protected person's leg before placing it (queue_time)")
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry);
    }

    /** One webhook answered: route, outcome (ok, forbidden, bad_request...) and the time it took. */
    public void webhook(String route, String outcome, long nanos) {
        count("ethiq.webhooks", "route", route, "outcome", outcome);
        webhookTimers.computeIfAbsent(route, r -> Timer.builder("ethiq.webhooks.latency").tag("route", r)
                .publishPercentiles(0.5, 0.99).distributionStatisticExpiry(Duration.ofSeconds(30)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void decision(String decision) {
        count("ethiq.calls.decisions", "decision", decision, null, null);
    }

    /** Attempts to ring the protected person in: invited, retried, failed. */
    @Override
    public void protectedPersonRung(TenantId tenant, CallSid callSid, RingOutcome outcome) {
        count("ethiq.calls.participants", "outcome", outcome.wire(), null, null);
    }

    @Override
    public void protectedPersonQueued(TenantId tenant, Duration queueTime) {
        ringQueue.record(queueTime);
        if (!queueTime.isZero()) {
            count("ethiq.calls.participants.queued", "cause", "rate_limit", null, null);
        }
    }

    @Override
    public void announcementRequested(TenantId tenant, boolean replay) {
        count("ethiq.announcements", "kind", replay ? "replay" : "first", null, null);
    }

    public void alertLatency(long nanos) {
        alertLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * From the transcript segment that made the verdict a scam to one stage of its alerts ({@code record_started},
     * {@code recorded}, {@code sms_send_started}, {@code announcement_send_started}): where the alert latency waits.
     */
    public void alertStageLatency(String stage, long nanos) {
        alertStages.computeIfAbsent(stage, s -> Timer.builder("ethiq.alerts.stage.latency")
                .description("from the transcript segment that made the verdict a scam to a stage of its alerts")
                .tag("stage", s)
                .publishPercentiles(0.5, 0.9, 0.99).distributionStatisticExpiry(Duration.ofMinutes(2)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void alertAcceptedLatency(long nanos) {
        alertAccepted.record(nanos, TimeUnit.NANOSECONDS);
    }

    public Timer alertLatencyTimer() {
        return alertLatency;
    }

    public double count(String name, String tagKey, String tagValue) {
        Counter c = counters.get(key(name, tagKey, tagValue, null, null));
        return c == null ? 0 : c.count();
    }

    public int liveSessions() {
        return liveSessions.get();
    }

    // ---------------------------------------------------------------- CallObserver

    @Override
    public void sessionStarted(TenantId tenant, CallSid callSid) {
        liveSessions.incrementAndGet();
        count("ethiq.calls.sessions", "event", "started", null, null);
    }

    @Override
    public void sessionEnded(TenantId tenant, CallSid callSid) {
        judgedRules.remove(callSid);
        liveSessions.decrementAndGet();
        count("ethiq.calls.sessions", "event", "ended", null, null);
    }

    @Override
    public void segment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
        count("ethiq.transcripts.segments", "final", Boolean.toString(segment.isFinal()), null, null);
    }

    @Override
    public void verdictChanged(TenantId tenant, CallSid callSid, Verdict verdict) {
        count("ethiq.detection.verdicts", "verdict", verdict.label(), null, null);
        if (verdict instanceof Verdict.Scam || verdict instanceof Verdict.Suspicious) {
            java.util.Set<String> seen = judgedRules.computeIfAbsent(callSid, c -> ConcurrentHashMap.newKeySet());
            for (var cue : verdict.cues()) {
                String rule = rule(cue.ruleId());
                if (seen.add(rule)) {
                    count("ethiq.alerts.judged", "tenant", String.valueOf(tenant.value()), "rule", rule);
                }
            }
        }
    }

    /** Once per call: each rule of its verdict explanation (parsed as the evidence pack does) counts one false alarm. */
    @Override
    public void falseAlarm(TenantId tenant, CallSid callSid, String explanation) {
        if (!falseAlarmCalls.add(tenant.value() + "|" + callSid.value())) {
            return;
        }
        java.util.Set<String> rules = new java.util.LinkedHashSet<>();
        for (var cue : com.ethiq.core.management.backoffice.evidence.CueSpans.parse(explanation)) {
            rules.add(rule(cue.ruleId()));
        }
        if (rules.isEmpty()) {
            rules.add("none");
        }
        rules.forEach(r -> count("ethiq.alerts.false", "tenant", String.valueOf(tenant.value()), "rule", r));
    }

    /** The count of a two-tag counter (0 if never incremented). */
    public double countOf(String name, String k1, String v1, String k2, String v2) {
        Counter c = counters.get(key(name, k1, v1, k2, v2));
        return c == null ? 0 : c.count();
    }

    private String rule(String id) {
        if (id == null || !RULE_ID.matcher(id).matches()) {
            return "other";
        }
        if (ruleIds.contains(id) || (ruleIds.size() < MAX_RULE_IDS && ruleIds.add(id))) {
            return id;
        }
        return "other";
    }

    @Override
    public void detectionLatency(TenantId tenant, long nanos) {
        detection.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void aiOutcome(TenantId tenant, CallSid callSid, String outcome) {
        count("ethiq.ai.outcomes", "outcome", outcome, null, null);
    }

    @Override
    public void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
        count("ethiq.alerts.raised", "kind", alert.kind().wire(), null, null);
    }

    @Override
    public void alertDelivered(TenantId tenant, Alert alert, boolean success, boolean permanent) {
        count("ethiq.alerts.deliveries", "kind", alert.kind().wire(), "outcome",
                success ? "sent" : permanent ? "failed" : "retry");
    }

    @Override
    public void storeAvailability(boolean available) {
        storeAvailable.set(available ? 1 : 0);
        count("ethiq.store.transitions", "to", available ? "available" : "unavailable", null, null);
    }

    @Override
    public void storeWriteDropped(CallSid callSid) {
        count("ethiq.store.writes.dropped", "kind", "transcript_line", null, null);
    }

    @Override
    public void alertSentFromMemory(TenantId tenant, CallSid callSid, Alert alert) {
        count("ethiq.alerts.from_memory", "kind", alert.kind().wire(), null, null);
    }

    @Override
    public void speechFailed(TenantId tenant, CallSid callSid, Speaker speaker, String reason) {
        count("ethiq.speech.failures", "track", speaker.wire(), null, null);
    }

    /**
     * Where the recogniser's bill goes, per track: seconds offered to the gate and sent on, and of those sent, the
     * pre-roll before onsets and the tail after each burst's last voiced frame (the endpointer's silence); bursts, and
     * bursts closed early by the recogniser's final.
     */
    @Override
    public void speechGated(TenantId tenant, CallSid callSid, Speaker speaker, SpeechGate.Figures figures) {
        String track = speaker.wire();
        add("ethiq.speech.gate.seconds", "track", track, "part", "offered", figures.offeredBytes() / 8000.0);
        add("ethiq.speech.gate.seconds", "track", track, "part", "sent", figures.sentBytes() / 8000.0);
        add("ethiq.speech.gate.seconds", "track", track, "part", "pre_roll", figures.preRollBytes() / 8000.0);
        add("ethiq.speech.gate.seconds", "track", track, "part", "tail", figures.tailBytes() / 8000.0);
        add("ethiq.speech.gate.bursts", "track", track, "closed", "by_hang_over", figures.onsets() - figures.earlyCloses());
        add("ethiq.speech.gate.bursts", "track", track, "closed", "by_final", figures.earlyCloses());
    }

    private void count(String name, String k1, String v1, String k2, String v2) {
        add(name, k1, v1, k2, v2, 1);
    }

    private void add(String name, String k1, String v1, String k2, String v2, double amount) {
        try {
            counters.computeIfAbsent(key(name, k1, v1, k2, v2), k -> {
                Counter.Builder b = Counter.builder(name).tag(k1, v1);
                if (k2 != null) {
                    b.tag(k2, v2);
                }
                return b.register(registry);
            }).increment(amount);
        } catch (RuntimeException ignored) {
            // metrics must never break the call path
        }
    }

    private static String key(String name, String k1, String v1, String k2, String v2) {
        return name + '|' + k1 + '=' + v1 + (k2 == null ? "" : '|' + k2 + '=' + v2);
    }
}
