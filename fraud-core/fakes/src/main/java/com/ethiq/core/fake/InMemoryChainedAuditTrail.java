package com.ethiq.core.fake;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.backoffice.AuditHashing;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import com.ethiq.core.port.AuditTrail;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * In-memory audit trail that chains events per tenant with {@link AuditHashing} (one chain for platform events),
 * exactly as the store does. {@link #tamper} and {@link #delete} simulate an attacker with write access to the
 * store so verification can be tested. Thread-safe.
 */
public final class InMemoryChainedAuditTrail implements AuditTrail, AuditChain {
    private static final UUID PLATFORM = new UUID(0, 0);
    private final Map<UUID, List<ChainedAuditEvent>> chains = new HashMap<>();

    @Override
    public synchronized void append(AuditEvent event) {
        // Stored times have microsecond precision, like PostgreSQL's timestamptz.
        AuditEvent e = new AuditEvent(event.id(), event.tenant(), event.actor(), event.action(), event.target(), event.ip(),
                event.userAgent(), event.at().truncatedTo(ChronoUnit.MICROS), event.details());
        List<ChainedAuditEvent> chain = chains.computeIfAbsent(key(e.tenant()), k -> new ArrayList<>());
        if (chain.stream().anyMatch(c -> c.event().id().equals(e.id()))) {
            return; // a retried append must not double the trail
        }
        String previous = chain.isEmpty() ? AuditHashing.GENESIS : chain.get(chain.size() - 1).hash();
        long seq = chain.isEmpty() ? 1 : chain.get(chain.size() - 1).sequence() + 1;
        chain.add(new ChainedAuditEvent(seq, e, previous, AuditHashing.link(previous, seq, e)));
    }

    @Override
    public synchronized List<AuditEvent> recent(TenantId tenant, int limit) {
        return page(tenant, Long.MAX_VALUE, limit).stream().map(ChainedAuditEvent::event).toList();
    }

    @Override
    public synchronized List<ChainedAuditEvent> read(TenantId tenant, long afterSequence, int limit) {
        return chains.getOrDefault(key(tenant), List.of()).stream().filter(e -> e.sequence() > afterSequence)
                .limit(Math.max(0, limit)).toList();
    }

    @Override
    public synchronized List<ChainedAuditEvent> page(TenantId tenant, long beforeSequence, int limit) {
        List<ChainedAuditEvent> chain = chains.getOrDefault(key(tenant), List.of());
        List<ChainedAuditEvent> out = new ArrayList<>();
        for (int i = chain.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (chain.get(i).sequence() < beforeSequence) {
                out.add(chain.get(i));
            }
        }
        return out;
    }

    /** Every event of the tenant's chain (null = platform), oldest first. */
    public synchronized List<AuditEvent> events(TenantId tenant) {
        return chains.getOrDefault(key(tenant), List.of()).stream().map(ChainedAuditEvent::event).toList();
    }

    /** Every event of every chain, in no particular order across chains. */
    public synchronized List<AuditEvent> all() {
        return chains.values().stream().flatMap(List::stream).map(ChainedAuditEvent::event).toList();
    }

    /** Rewrites one stored event in place, leaving its hashes: what an UPDATE by a privileged attacker would do. */
    public synchronized boolean tamper(TenantId tenant, long sequence, UnaryOperator<AuditEvent> edit) {
        List<ChainedAuditEvent> chain = chains.getOrDefault(key(tenant), List.of());
        for (int i = 0; i < chain.size(); i++) {
            ChainedAuditEvent e = chain.get(i);
            if (e.sequence() == sequence) {
                chain.set(i, new ChainedAuditEvent(e.sequence(), edit.apply(e.event()), e.previousHash(), e.hash()));
                return true;
            }
        }
        return false;
    }

    /** Removes one stored event: what a DELETE by a privileged attacker would do. */
    public synchronized boolean delete(TenantId tenant, long sequence) {
        return chains.getOrDefault(key(tenant), new ArrayList<>()).removeIf(e -> e.sequence() == sequence);
    }

    public synchronized Optional<ChainedAuditEvent> head(TenantId tenant) {
        List<ChainedAuditEvent> chain = chains.getOrDefault(key(tenant), List.of());
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    private static UUID key(TenantId tenant) {
        return tenant == null ? PLATFORM : tenant.value();
    }
}
