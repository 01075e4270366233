package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link Invitations}. */
public abstract class InvitationsContract {
    protected abstract Invitations create();

    protected TenantId newTenant() {
        return IdentityFixtures.tenantId();
    }

    protected UserId newUser() {
        return IdentityFixtures.userId();
    }

    private Invitations inv;

    @BeforeEach
    void setUp() {
        inv = create();
    }

    private Invitation invitation(TenantId t, UserId by) {
        return new Invitation(UUID.randomUUID(), t, IdentityFixtures.email(), Role.VIEWER, IdentityFixtures.hex64("i"), by,
                T0, T0.plus(Duration.ofDays(7)), null);
    }

    @Test
    void findsByTokenHashAndAcceptsOnce() {
        TenantId t = newTenant();
        Invitation i = invitation(t, newUser());
        inv.create(i);
        assertThat(inv.findByTokenHash(i.tokenHash())).contains(i);
        assertThat(inv.findByTokenHash(IdentityFixtures.hex64("other"))).isEmpty();
        assertThat(inv.markAccepted(i.id(), T0.plusSeconds(1))).isTrue();
        assertThat(inv.markAccepted(i.id(), T0.plusSeconds(2))).isFalse();
        assertThat(inv.findByTokenHash(i.tokenHash()).orElseThrow().acceptedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(inv.pending(t, T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void pendingExcludesExpiredAndOtherTenants() {
        TenantId t = newTenant();
        TenantId other = newTenant();
        UserId by = newUser();
        Invitation i = invitation(t, by);
        inv.create(i);
        inv.create(invitation(other, by));
        assertThat(inv.pending(t, T0.plusSeconds(1))).extracting(Invitation::id).containsExactly(i.id());
        assertThat(inv.pending(t, i.expiresAt())).isEmpty();
    }

    @Test
    void revokeIsScopedToTheTenant() {
        TenantId t = newTenant();
        Invitation i = invitation(t, newUser());
        inv.create(i);
        assertThat(inv.revoke(newTenant(), i.id())).isFalse();
        assertThat(inv.revoke(t, i.id())).isTrue();
        assertThat(inv.findByTokenHash(i.tokenHash())).isEmpty();
        Invitation j = invitation(t, newUser());
        inv.create(j);
        assertThat(inv.removeAll(t)).isEqualTo(1);
    }
}
