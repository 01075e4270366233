package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.identity.AuditChain;
import com.ethiq.core.identity.AuditChainVerifier;
import com.ethiq.core.identity.AuditHashing;
import com.ethiq.core.identity.ChainedAuditEvent;
import com.ethiq.core.port.AuditTrail;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of an audit trail with per-tenant hash chains: what {@link AuditTrail#append} writes, {@link AuditChain}
 * reads back exactly, linked with {@link AuditHashing}, and the verifier accepts it.
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
                "JUnit \"agent\"", T0.plusMillis(i), Map.of("k", "v" + i, "a|b", "x:y"));
    }

    @Test
    void appendsAreChainedInOrderPerTenant() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        for (int i = 0; i < 5; i++) {
            s.trail().append(event(a, "contact.added", i));
        }
        s.trail().append(event(b, "contact.added", 99));
        List<ChainedAuditEvent> chain = s.chain().read(a, 0, 100);
        assertThat(chain).extracting(ChainedAuditEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain.get(0).previousHash()).isEqualTo(AuditHashing.GENESIS);
        for (int i = 1; i < chain.size(); i++) {
            assertThat(chain.get(i).previousHash()).isEqualTo(chain.get(i - 1).hash());
        }
        for (ChainedAuditEvent e : chain) {
            assertThat(AuditHashing.link(e.previousHash(), e.sequence(), e.event())).isEqualTo(e.hash());
        }
        assertThat(s.chain().read(b, 0, 100)).hasSize(1).first().extracting(ChainedAuditEvent::sequence).isEqualTo(1L);
    }

    @Test
    void readsBackEveryField() {
        TenantId a = newTenant();
        AuditEvent e = event(a, "settings.updated", 7);
        s.trail().append(e);
        assertThat(s.chain().read(a, 0, 10)).singleElement().extracting(ChainedAuditEvent::event).isEqualTo(e);
    }

    @Test
    void pagesNewestFirstAndReadsAfterASequence() {
        TenantId a = newTenant();
        for (int i = 0; i < 7; i++) {
            s.trail().append(event(a, "x", i));
        }
        assertThat(s.chain().page(a, Long.MAX_VALUE, 3)).extracting(ChainedAuditEvent::sequence).containsExactly(7L, 6L, 5L);
        assertThat(s.chain().page(a, 5, 3)).extracting(ChainedAuditEvent::sequence).containsExactly(4L, 3L, 2L);
        assertThat(s.chain().read(a, 5, 10)).extracting(ChainedAuditEvent::sequence).containsExactly(6L, 7L);
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
        for (int i = 0; i < 12; i++) {
            s.trail().append(event(a, "x", i));
        }
        var v = new AuditChainVerifier(s.chain()).verify(a, Optional.empty());
        assertThat(v.intact()).isTrue();
        assertThat(v.eventsChecked()).isEqualTo(12);
        assertThat(v.headSequence()).isEqualTo(12);
    }
}
