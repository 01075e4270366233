package com.ethiq.core.usecase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TranscriptPurge;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: transcripts are kept as long as each tenant chose and not longer. One pass purges, at the core's clock,
 * what every tenant's retention has expired (through {@link TranscriptPurge}) and reports it. The core runs it
 * periodically once started ({@link com.ethiq.core.FraudCore#start}). Thread-safe.
 */
public final class TranscriptRetention {
    private static final Logger log = LoggerFactory.getLogger(TranscriptRetention.class);

    /** What one pass removed, per tenant. */
    public record Report(Instant ranAt, Map<TenantId, TranscriptPurge.Purged> byTenant) {
        public Report {
            Objects.requireNonNull(ranAt, "'ranAt' must not be null");
            byTenant = Collections.unmodifiableMap(new LinkedHashMap<>(byTenant));
        }

        public long segments() {
            return byTenant.values().stream().mapToLong(TranscriptPurge.Purged::segments).sum();
        }

        public long calls() {
            return byTenant.values().stream().mapToLong(TranscriptPurge.Purged::calls).sum();
        }
    }

    private final TranscriptPurge purge;
    private final Clock clock;

    public TranscriptRetention(TranscriptPurge purge, Clock clock) {
        this.purge = Objects.requireNonNull(purge, "'purge' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** One pass. */
    public Report purgeExpired() {
        Instant now = clock.instant();
        Report report = new Report(now, purge.purgeExpired(now));
        if (!report.byTenant().isEmpty()) {
            log.info("retention: {} segment(s) and {} call transcript(s) purged across {} tenant(s)", report.segments(),
                    report.calls(), report.byTenant().size());
        }
        return report;
    }
}
