package com.ethiq.app.metrics;

import com.ethiq.core.usecase.RingOutcome;
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
 * cardinality on purpose (never a tenant or call id). Fast and never throws, as an observer must be. Thread-safe.
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
    private final Timer ringQueue;

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

    private void count(String name, String k1, String v1, String k2, String v2) {
        try {
            counters.computeIfAbsent(key(name, k1, v1, k2, v2), k -> {
                Counter.Builder b = Counter.builder(name).tag(k1, v1);
                if (k2 != null) {
                    b.tag(k2, v2);
                }
                return b.register(registry);
            }).increment();
        } catch (RuntimeException ignored) {
            // metrics must never break the call path
        }
    }

    private static String key(String name, String k1, String v1, String k2, String v2) {
        return name + '|' + k1 + '=' + v1 + (k2 == null ? "" : '|' + k2 + '=' + v2);
    }
}
