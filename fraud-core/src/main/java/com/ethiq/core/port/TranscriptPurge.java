package com.ethiq.core.port;

import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Outgoing port: removes the transcript content of every tenant's calls that started before {@code now} minus that
 * tenant's {@code transcriptRetention}, and of its calls judged clear after the shorter {@code clearCallRetention}
 * (GDPR storage limitation), and says what went, per tenant (tenants with
 * nothing to remove are left out). Idempotent; safe to run on several nodes at once. A store may do it in one
 * statement for all tenants; {@link #perTenant} does it tenant by tenant through {@link CallLogs}. Thread-safe.
 */
@FunctionalInterface
public interface TranscriptPurge {

    Map<TenantId, Purged> purgeExpired(Instant now);

    /** Segments deleted and calls whose stored transcript/analysis were cleared (0 when the store keeps none). */
    record Purged(long segments, long calls) {
        public Purged {
            if (segments < 0 || calls < 0) {
                throw new IllegalArgumentException("'segments' and 'calls' must be >= 0");
            }
        }
    }

    /** Nothing to purge (a host without stored transcripts). */
    TranscriptPurge NONE = now -> Map.of();

    /**
     * For stores that cannot purge across tenants in one go (the in-memory one): each listed tenant's segments older
     * than its retention, through {@link CallLogs#purgeTranscripts}. A failing tenant does not stop the others.
     */
    static TranscriptPurge perTenant(Supplier<? extends Collection<Tenant>> tenants, CallLogs callLogs) {
        Objects.requireNonNull(tenants, "'tenants' must not be null");
        Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        return now -> {
            Map<TenantId, Purged> out = new LinkedHashMap<>();
            for (Tenant tenant : tenants.get()) {
                try {
                    int removed = callLogs.purgeTranscripts(tenant.id(), now.minus(tenant.settings().transcriptRetention()))
                            + callLogs.purgeClearTranscripts(tenant.id(), now.minus(tenant.settings().effectiveClearCallRetention()));
                    if (removed > 0) {
                        out.put(tenant.id(), new Purged(removed, 0));
                    }
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(TranscriptPurge.class)
                            .warn("retention for tenant {} failed: {}", tenant.id(), e.toString());
                }
            }
            return out;
        };
    }
}
