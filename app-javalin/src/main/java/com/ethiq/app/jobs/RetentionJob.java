package com.ethiq.app.jobs;

import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.CallLogs;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes transcripts older than each tenant's retention (GDPR storage limitation): for every tenant, the segments of
 * calls that started before now minus its {@code transcriptRetention}. Idempotent; a failure on one tenant does not
 * stop the others. Thread-safe.
 */
public final class RetentionJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final TenantRoster roster;
    private final CallLogs callLogs;
    private final Clock clock;

    public RetentionJob(TenantRoster roster, CallLogs callLogs, Clock clock) {
        this.roster = Objects.requireNonNull(roster, "'roster' must not be null");
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    @Override
    public void run() {
        purge();
    }

    /** One pass; returns how many segments went. */
    public int purge() {
        Instant now = clock.instant();
        int removed = 0;
        for (Tenant tenant : roster.all()) {
            try {
                removed += callLogs.purgeTranscripts(tenant.id(), now.minus(tenant.settings().transcriptRetention()));
            } catch (RuntimeException e) {
                log.warn("retention for tenant {} failed: {}", tenant.id(), e.toString());
            }
        }
        if (removed > 0) {
            log.info("retention removed {} transcript segment(s)", removed);
        }
        return removed;
    }
}
