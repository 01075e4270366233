package com.ethiq.app.metrics;

import com.ethiq.app.Caches;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.usecase.AlertStage;
import com.ethiq.core.usecase.CallObserver;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Measures detection-to-alert latency: from the transcript segment that made a call a scam (the last segment seen
 * before its alerts were raised) to the moment the SMS request leaves for the telephony provider, and to the moment
 * the provider accepted it. Sits both as a
 * {@link CallObserver} and as a decorator of {@link CallControl}. Memory is bounded (entries expire). Thread-safe.
 */
public final class AlertLatencyProbe implements CallObserver {
    private static final Long SPENT = -1L;
    private final CallMetrics metrics;
    private final Cache<CallSid, Long> lastSegment = Caches.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(30)).build();
    private final Cache<String, Long> raisedFrom = Caches.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(30)).build();

    /** Per raising call: the segment that raised its alerts, snapshot when their write begins (later segments move on). */
    private final Cache<CallSid, Long> stagesFrom = Caches.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(30)).build();

    public AlertLatencyProbe(CallMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "'metrics' must not be null");
    }

    @Override
    public void segment(TenantId tenant, CallSid callSid, TranscriptSegment segment) {
        lastSegment.put(callSid, System.nanoTime());
    }

    @Override
    public void alertRaised(TenantId tenant, CallSid callSid, Alert alert) {
        Long t0 = lastSegment.getIfPresent(callSid);
        if (t0 != null && alert.kind() == AlertKind.SMS) {
            raisedFrom.asMap().putIfAbsent(alert.idempotencyKey(), t0);
        }
    }

    /** Each stage of a raise, timed from the same segment as the SMS request (the first raise of a call only). */
    @Override
    public void alertStage(TenantId tenant, CallSid callSid, AlertStage stage, Optional<AlertKind> kind) {
        long now = System.nanoTime();
        Long t0;
        if (stage == AlertStage.RECORD_STARTED) {
            Long seg = lastSegment.getIfPresent(callSid);
            if (seg == null || stagesFrom.asMap().putIfAbsent(callSid, seg) != null) {
                return;
            }
            t0 = seg;
        } else {
            t0 = stagesFrom.getIfPresent(callSid);
        }
        if (t0 == null) {
            return;
        }
        String name = switch (stage) {
            case RECORD_STARTED -> "record_started";
            case RECORDED -> "recorded";
            case SEND_STARTED -> kind.orElse(AlertKind.SMS) == AlertKind.SMS ? "sms_send_started" : "announcement_send_started";
        };
        metrics.alertStageLatency(name, now - t0);
    }

    @Override
    public void sessionEnded(TenantId tenant, CallSid callSid) {
        lastSegment.invalidate(callSid);
    }

    /**
     * The first SMS request of an alert records its latency; the dispatcher may be faster than the observer that
     * reports the raise, so the call's latest segment stands in when the snapshot is missing. Retries are not
     * measured (they time the vendor, not us): a spent key keeps the marker -1.
     */
    private long measure(String idempotencyKey) {
        long now = System.nanoTime();
        Long t0 = raisedFrom.asMap().put(idempotencyKey, SPENT);
        if (t0 == null) {
            t0 = callOf(idempotencyKey) == null ? null : lastSegment.getIfPresent(callOf(idempotencyKey));
        }
        if (t0 != null && t0.longValue() != SPENT.longValue()) {
            metrics.alertLatency(now - t0);
            return t0;
        }
        return 0;
    }

    /** The call sid inside {@code tenant:callSid:kind:recipient}. */
    private static CallSid callOf(String idempotencyKey) {
        String[] parts = idempotencyKey.split(":", 4);
        try {
            return parts.length == 4 ? CallSid.of(parts[1]) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code delegate}, timing each SMS request against the segment that caused it. */
    public CallControl wrap(CallControl delegate) {
        Objects.requireNonNull(delegate, "'delegate' must not be null");
        return new CallControl() {
            @Override
            public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey) {
                long t0 = measure(idempotencyKey);
                DeliveryReceipt receipt = delegate.sendSms(tenant, from, to, body, idempotencyKey);
                if (t0 != 0) {
                    metrics.alertAcceptedLatency(System.nanoTime() - t0);
                }
                return receipt;
            }

            @Override
            public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey) {
                return delegate.announce(tenant, conference, message, language, idempotencyKey);
            }

            @Override
            public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                        PhoneNumber callerId, CallSid caller, java.time.Duration ringTimeout) {
                return delegate.addSipParticipant(tenant, conference, sipAddress, callerId, caller, ringTimeout);
            }

            @Override
            public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, com.ethiq.core.domain.Announcement announcement) {
                return delegate.announce(tenant, conference, announcement);
            }

            @Override
            public ParticipantReceipt ringProtectedPerson(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                          PhoneNumber tenantNumber, com.ethiq.core.domain.CallerShown shown, CallSid caller,
                                                          java.time.Duration ringTimeout) {
                return delegate.ringProtectedPerson(tenant, conference, sipAddress, tenantNumber, shown, caller, ringTimeout);
            }

            @Override
            public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
                delegate.divert(tenant, caller, diversion);
            }

            @Override
            public ParticipantReceipt addRelative(TenantId tenant, ConferenceName conference, PhoneNumber relative,
                                                  PhoneNumber callerId, String announcement, Language language, String idempotencyKey) {
                return delegate.addRelative(tenant, conference, relative, callerId, announcement, language, idempotencyKey);
            }

            @Override
            public void endCallWithNotice(TenantId tenant, ConferenceName conference, CallSid caller, CallSid protectedLeg,
                                          com.ethiq.core.domain.Announcement notice) {
                delegate.endCallWithNotice(tenant, conference, caller, protectedLeg, notice);
            }

            @Override
            public void hangUp(TenantId tenant, CallSid callSid) {
                delegate.hangUp(tenant, callSid);
            }

            @Override
            public void cancelLeg(TenantId tenant, CallSid leg) {
                delegate.cancelLeg(tenant, leg);
            }

            @Override
            public CallLiveness callLiveness(TenantId tenant, CallSid callSid) {
                return delegate.callLiveness(tenant, callSid);
            }

            @Override
            public StreamReceipt startStream(TenantId tenant, CallSid callSid, StreamTarget target) {
                return delegate.startStream(tenant, callSid, target);
            }
        };
    }
}
