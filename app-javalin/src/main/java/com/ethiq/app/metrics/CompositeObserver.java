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
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans call-path notifications out to several observers; one that throws is logged and skipped. Thread-safe. */
public final class CompositeObserver implements CallObserver {
    private static final Logger log = LoggerFactory.getLogger(CompositeObserver.class);
    private final List<CallObserver> observers;

    public CompositeObserver(List<CallObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    private void each(Consumer<CallObserver> call) {
        for (CallObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                log.warn("call observer {} failed: {}", o.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void sessionStarted(TenantId tenant, CallSid callSid) {
        each(o -> o.sessionStarted(tenant, callSid));
    }

    @Override
    public void segment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
        each(o -> o.segment(tenant, callSid, segment));
    }

    @Override
    public void falseAlarm(TenantId tenant, CallSid callSid, String explanation) {
        each(o -> o.falseAlarm(tenant, callSid, explanation));
    }

    @Override
    public void verdictChanged(TenantId tenant, CallSid callSid, Verdict verdict) {
        each(o -> o.verdictChanged(tenant, callSid, verdict));
    }

    @Override
    public void detectionLatency(TenantId tenant, long nanos) {
        each(o -> o.detectionLatency(tenant, nanos));
    }

    @Override
    public void aiOutcome(TenantId tenant, CallSid callSid, String outcome) {
        each(o -> o.aiOutcome(tenant, callSid, outcome));
    }

    @Override
    public void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
        each(o -> o.alertRaised(tenant, callSid, alert));
    }

    @Override
    public void alertStage(TenantId tenant, CallSid callSid, com.ethiq.core.usecase.AlertStage stage,
                           java.util.Optional<com.ethiq.core.domain.AlertKind> kind) {
        each(o -> o.alertStage(tenant, callSid, stage, kind));
    }

    @Override
    public void alertDelivered(TenantId tenant, Alert alert, boolean success, boolean permanent) {
        each(o -> o.alertDelivered(tenant, alert, success, permanent));
    }

    @Override
    public void speechFailed(TenantId tenant, CallSid callSid, Speaker speaker, String reason) {
        each(o -> o.speechFailed(tenant, callSid, speaker, reason));
    }

    @Override
    public void speechGated(TenantId tenant, CallSid callSid, Speaker speaker, SpeechGate.Figures figures) {
        each(o -> o.speechGated(tenant, callSid, speaker, figures));
    }

    @Override
    public void sessionEnded(TenantId tenant, CallSid callSid) {
        each(o -> o.sessionEnded(tenant, callSid));
    }

    @Override
    public void protectedPersonRung(TenantId tenant, CallSid callSid, RingOutcome outcome) {
        each(o -> o.protectedPersonRung(tenant, callSid, outcome));
    }

    @Override
    public void protectedPersonQueued(TenantId tenant, java.time.Duration queueTime) {
        each(o -> o.protectedPersonQueued(tenant, queueTime));
    }

    @Override
    public void announcementRequested(TenantId tenant, boolean replay) {
        each(o -> o.announcementRequested(tenant, replay));
    }

    @Override
    public void storeAvailability(boolean available) {
        each(o -> o.storeAvailability(available));
    }

    @Override
    public void storeWriteDropped(CallSid callSid) {
        each(o -> o.storeWriteDropped(callSid));
    }

    @Override
    public void alertSentFromMemory(TenantId tenant, CallSid callSid, Alert alert) {
        each(o -> o.alertSentFromMemory(tenant, callSid, alert));
    }
}
