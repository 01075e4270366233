package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.Memberships.ChangeOutcome;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Memberships}. Stores with foreign keys override {@link #newTenant()} and {@link #newUser()} to
 * create the rows memberships point at.
 */
public abstract class MembershipsContract {
    protected abstract Memberships create();

    protected TenantId newTenant() {
        return IdentityFixtures.tenantId();
    }

    protected UserId newUser() {
        return IdentityFixtures.userId();
    }

    private Memberships m;

    @BeforeEach
    void setUp() {
        m = create();
    }

    @Test
    void addsFindsAndListsBothWays() {
        TenantId t = newTenant();
        UserId owner = newUser();
        UserId viewer = newUser();
        m.add(new Membership(t, owner, Role.OWNER, T0));
        m.add(new Membership(t, viewer, Role.VIEWER, T0.plusSeconds(1)));
        assertThat(m.find(t, owner)).get().extracting(Membership::role).isEqualTo(Role.OWNER);
        assertThat(m.ofTenant(t)).extracting(Membership::user).containsExactly(owner, viewer);
        assertThat(m.ofUser(viewer)).extracting(Membership::tenant).containsExactly(t);
        assertThat(m.find(newTenant(), owner)).isEmpty();
    }

    @Test
    void oneMembershipPerUserAndAccount() {
        TenantId t = newTenant();
        UserId u = newUser();
        m.add(new Membership(t, u, Role.VIEWER, T0));
        assertThatThrownBy(() -> m.add(new Membership(t, u, Role.ADMIN, T0))).isInstanceOf(ConflictException.class);
    }

    @Test
    void theLastOwnerCanBeNeitherDemotedNorRemoved() {
        TenantId t = newTenant();
        UserId owner = newUser();
        UserId admin = newUser();
        m.add(new Membership(t, owner, Role.OWNER, T0));
        m.add(new Membership(t, admin, Role.ADMIN, T0));
        assertThat(m.changeRole(t, owner, Role.ADMIN)).isEqualTo(ChangeOutcome.LAST_OWNER);
        assertThat(m.remove(t, owner)).isEqualTo(ChangeOutcome.LAST_OWNER);
        assertThat(m.changeRole(t, admin, Role.OWNER)).isEqualTo(ChangeOutcome.CHANGED);
        assertThat(m.changeRole(t, owner, Role.VIEWER)).isEqualTo(ChangeOutcome.CHANGED);
        assertThat(m.remove(t, owner)).isEqualTo(ChangeOutcome.CHANGED);
        assertThat(m.find(t, owner)).isEmpty();
        assertThat(m.find(t, admin)).get().extracting(Membership::role).isEqualTo(Role.OWNER);
    }

    @Test
    void unknownMembersAreNotFoundAndOtherTenantsUntouched() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        UserId u = newUser();
        m.add(new Membership(a, u, Role.OWNER, T0));
        m.add(new Membership(b, u, Role.VIEWER, T0));
        assertThat(m.changeRole(b, newUser(), Role.ADMIN)).isEqualTo(ChangeOutcome.NOT_FOUND);
        assertThat(m.remove(b, newUser())).isEqualTo(ChangeOutcome.NOT_FOUND);
        assertThat(m.removeAll(b)).isEqualTo(1);
        assertThat(m.find(a, u)).isPresent();
        assertThat(m.ofUser(u)).extracting(Membership::tenant).containsExactly(a);
    }
}
