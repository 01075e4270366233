package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.KnownCallers;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KnownCallers} must do. Unique ids per test, so it can run against a shared database. */
public abstract class KnownCallersContract {

    protected abstract KnownCallers create();

    /** A tenant that exists in the store the entries belong to. */
    protected abstract TenantId newTenant();

    protected KnownCallers callers;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpKnownCallers() {
        callers = create();
        a = newTenant();
        b = newTenant();
    }

    private static KnownCaller entry(TenantId tenant, PhoneNumber phone, CallerListing listing, int secondsAfterT0) {
        return new KnownCaller(UUID.randomUUID(), tenant, phone, "Dr Martin", listing, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void entriesAreListedOldestFirstAndFoundByIdAndByPhone() {
        KnownCaller second = entry(a, phone(), CallerListing.BLOCKED_REJECT, 20);
        KnownCaller first = entry(a, phone(), CallerListing.TRUSTED, 10);
        KnownCaller third = entry(a, phone(), CallerListing.BLOCKED_WARN, 30);
        callers.add(second);
        callers.add(first);
        callers.add(third);

        assertThat(callers.list(a)).containsExactly(first, second, third);
        assertThat(callers.find(a, second.id())).contains(second);
        assertThat(callers.findByPhone(a, third.phone())).contains(third);
        assertThat(callers.findByPhone(a, phone())).isEmpty();
        assertThat(callers.list(b)).isEmpty();
    }

    @Test
    void oneTenantCannotListTheSamePhoneTwiceButTwoTenantsCan() {
        PhoneNumber shared = phone();
        KnownCaller mine = entry(a, shared, CallerListing.TRUSTED, 0);
        callers.add(mine);

        assertThatThrownBy(() -> callers.add(entry(a, shared, CallerListing.BLOCKED_REJECT, 1)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("phone");
        KnownCaller theirs = entry(b, shared, CallerListing.BLOCKED_REJECT, 0);
        callers.add(theirs);

        assertThat(callers.findByPhone(a, shared)).contains(mine);
        assertThat(callers.findByPhone(b, shared)).contains(theirs);
    }

    @Test
    void addingTheSameIdTwiceIsAConflict() {
        KnownCaller c = entry(a, phone(), CallerListing.TRUSTED, 0);
        callers.add(c);

        assertThatThrownBy(() -> callers.add(new KnownCaller(c.id(), a, phone(), "", CallerListing.TRUSTED, T0)))
                .isInstanceOf(ConflictException.class);
        assertThat(callers.list(a)).containsExactly(c);
    }

    @Test
    void updateReplacesPhoneNameAndListingAndKeepsCreationTime() {
        KnownCaller c = entry(a, phone(), CallerListing.TRUSTED, 0);
        callers.add(c);
        KnownCaller changed = new KnownCaller(c.id(), a, phone(), "Plombier", CallerListing.BLOCKED_WARN, T0.plusSeconds(999));

        assertThat(callers.update(changed)).isTrue();

        KnownCaller expected = new KnownCaller(c.id(), a, changed.phone(), "Plombier", CallerListing.BLOCKED_WARN, c.createdAt());
        assertThat(callers.find(a, c.id())).contains(expected);
        assertThat(callers.findByPhone(a, changed.phone())).contains(expected);
        assertThat(callers.findByPhone(a, c.phone())).isEmpty();
    }

    @Test
    void updatingToAPhoneAnotherEntryHasIsAConflictAndChangesNothing() {
        KnownCaller c1 = entry(a, phone(), CallerListing.TRUSTED, 0);
        KnownCaller c2 = entry(a, phone(), CallerListing.TRUSTED, 1);
        callers.add(c1);
        callers.add(c2);

        assertThatThrownBy(() -> callers.update(new KnownCaller(c2.id(), a, c1.phone(), "", CallerListing.TRUSTED, T0)))
                .isInstanceOf(ConflictException.class);
        assertThat(callers.list(a)).containsExactly(c1, c2);
    }

    @Test
    void removeDeletesOnce() {
        KnownCaller c1 = entry(a, phone(), CallerListing.BLOCKED_REJECT, 0);
        KnownCaller c2 = entry(a, phone(), CallerListing.TRUSTED, 1);
        callers.add(c1);
        callers.add(c2);

        assertThat(callers.remove(a, c1.id())).isTrue();
        assertThat(callers.remove(a, c1.id())).isFalse();
        assertThat(callers.list(a)).containsExactly(c2);
        assertThat(callers.findByPhone(a, c1.phone())).isEmpty();
    }

    @Test
    void anotherTenantsEntryBehavesAsAbsent() {
        KnownCaller theirs = entry(b, phone(), CallerListing.BLOCKED_REJECT, 0);
        callers.add(theirs);

        assertThat(callers.find(a, theirs.id())).isEmpty();
        assertThat(callers.findByPhone(a, theirs.phone())).isEmpty();
        assertThat(callers.update(new KnownCaller(theirs.id(), a, phone(), "Hijack", CallerListing.TRUSTED, T0))).isFalse();
        assertThat(callers.remove(a, theirs.id())).isFalse();
        assertThat(callers.list(b)).containsExactly(theirs);
        assertThat(callers.list(TenantId.random())).isEmpty();
    }
}
