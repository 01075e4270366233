package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.AuditChain;
import com.ethiq.core.management.backoffice.AuditChainVerifier;
import com.ethiq.core.management.backoffice.AuditHashing;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import com.ethiq.core.port.AuditTrail;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of an audit trail with per-tenant hash chains: what {@link AuditTrail#append} writes, {@link AuditChain}
 * reads back exactly, linked with {@link AuditHashing}, and the verifier accepts it. A new tenant may already have
 * events (a store may audit its creation), so the suite works relative to the chain's length at the start.
 */
public abstract class AuditChainContract {
    /** The write side and the read side over one store. */
    public record Store(AuditTrail trail, AuditChain chain) {
    }

    protected abstract Store create();

    protected TenantId newTenant() {
        return IdentityFixtures.tenantId();
    }

    private Store s;

    @BeforeEach
    void setUp() {
        s = create();
    }

    private static AuditEvent event(TenantId t, String action, int i) {
        return new AuditEvent(UUID.randomUUID(), t, "user:" + UUID.randomUUID(), action, "target-" + i, "203.0.113.9",
                "JUnit \"agent\"", T0.plusMillis(i), Map.of("k", "v" + i, "a|b", "x:y", "esc", "é\t\"\\\u0007 ü/<>", "longer_key", "v"));
    }

    private long length(TenantId t) {
        return s.chain().read(t, 0, 100_000).size();
    }

    @Test
    void appendsAreChainedInOrderPerTenant() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        long base = length(a);
        long baseB = length(b);
        for (int i = 0; i < 5; i++) {
            s.trail().append(event(a, "contact.added", i));
        }
        s.trail().append(event(b, "contact.added", 99));
        List<ChainedAuditEvent> chain = s.chain().read(a, 0, 100);
        assertThat(chain).extracting(ChainedAuditEvent::sequence)
                .containsExactly(java.util.stream.LongStream.rangeClosed(1, base + 5).boxed().toArray(Long[]::new));
        assertThat(chain.get(0).previousHash()).isEqualTo(AuditHashing.GENESIS);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).previousHash()).isEqualTo(chain.get(i - 1).hash());
        }
        for (ChainedAuditEvent e : chain) {
            assertThat(AuditHashing.link(e.previousHash(), e.sequence(), e.event())).isEqualTo(e.hash());
        }
        assertThat(s.chain().read(b, 0, 100)).hasSize((int) baseB + 1).last().extracting(ChainedAuditEvent::sequence).isEqualTo(baseB + 1);
    }

    @Test
    void readsBackEveryField() {
        TenantId a = newTenant();
        long base = length(a);
        AuditEvent e = event(a, "settings.updated", 7);
        s.trail().append(e);
        assertThat(s.chain().read(a, base, 10)).singleElement().extracting(ChainedAuditEvent::event).isEqualTo(e);
    }

    @Test
    void pagesNewestFirstAndReadsAfterASequence() {
        TenantId a = newTenant();
        long b = length(a);
        for (int i = 0; i < 7; i++) {
            s.trail().append(event(a, "x", i));
        }
        assertThat(s.chain().page(a, Long.MAX_VALUE, 3)).extracting(ChainedAuditEvent::sequence).containsExactly(b + 7, b + 6, b + 5);
        assertThat(s.chain().page(a, b + 5, 3)).extracting(ChainedAuditEvent::sequence).containsExactly(b + 4, b + 3, b + 2);
        assertThat(s.chain().read(a, b + 5, 10)).extracting(ChainedAuditEvent::sequence).containsExactly(b + 6, b + 7);
    }

    @Test
    void platformEventsHaveTheirOwnChain() {
        int before = s.chain().read(null, 0, 100_000).size();
        s.trail().append(event(null, "auth.login_failed", 1));
        List<ChainedAuditEvent> platform = s.chain().read(null, 0, 100_000);
        assertThat(platform).hasSize(before + 1);
        assertThat(platform.get(platform.size() - 1).event().tenant()).isNull();
    }

    @Test
    void theVerifierAcceptsAnUntouchedChain() {
        TenantId a = newTenant();
        long base = length(a);
        for (int i = 0; i < 12; i++) {
            s.trail().append(event(a, "x", i));
        }
        var v = new AuditChainVerifier(s.chain()).verify(a, Optional.empty());
        assertThat(v.intact()).isTrue();
        assertThat(v.eventsChecked()).isEqualTo(base + 12);
        assertThat(v.headSequence()).isEqualTo(base + 12);
    }
}
