package com.ethiq.app.calls;

import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallControl.CallControlException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings the protected person's SIP phone into the call's conference, after the webhook has answered (a REST call to
 * the telephony provider takes far longer than Twilio should wait for TwiML). Transient failures are retried a few
 * times quickly: a person who is not rung misses the call. Thread-safe.
 */
public final class ParticipantInviter {
    private static final Logger log = LoggerFactory.getLogger(ParticipantInviter.class);
    private static final long[] BACKOFF_MILLIS = {0, 400, 1200};

    private final CallControl callControl;
    private final ScheduledExecutorService executor;
    private final Consumer<String> outcomes;

    /** {@code outcomes} receives "invited", "retried", "failed" (metrics). */
    public ParticipantInviter(CallControl callControl, ScheduledExecutorService executor, Consumer<String> outcomes) {
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.executor = Objects.requireNonNull(executor, "'executor' must not be null");
        this.outcomes = Objects.requireNonNull(outcomes, "'outcomes' must not be null");
    }

    public void invite(Tenant tenant, ConferenceName conference) {
        schedule(tenant, conference, 0);
    }

    private void schedule(Tenant tenant, ConferenceName conference, int attempt) {
        try {
            executor.schedule(() -> attempt(tenant, conference, attempt), BACKOFF_MILLIS[attempt], TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("cannot ring tenant {} into {}: shutting down", tenant.id(), conference);
            outcomes.accept("failed");
        }
    }

    private void attempt(Tenant tenant, ConferenceName conference, int attempt) {
        try {
            callControl.addSipParticipant(tenant.id(), conference, tenant.sipAddress(),
                    tenant.number().orElseThrow(() -> new CallControlException("tenant has no number", true, null, null)));
            outcomes.accept("invited");
        } catch (RuntimeException e) {
            boolean permanent = e instanceof CallControlException cce && cce.permanent();
            if (!permanent && attempt + 1 < BACKOFF_MILLIS.length) {
                outcomes.accept("retried");
                log.info("ringing tenant {} into {} failed (attempt {}), retrying: {}", tenant.id(), conference, attempt + 1, e.getMessage());
                schedule(tenant, conference, attempt + 1);
            } else {
                outcomes.accept("failed");
                log.error("could not ring tenant {} into {} after {} attempt(s): {}", tenant.id(), conference, attempt + 1, e.getMessage());
            }
        }
    }
}
