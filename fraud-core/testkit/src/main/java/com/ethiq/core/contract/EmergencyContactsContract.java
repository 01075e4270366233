package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.EmergencyContacts;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link EmergencyContacts} must do. Unique ids per test, so it can run against a shared database. */
public abstract class EmergencyContactsContract {

    protected abstract EmergencyContacts create();

    /** A tenant that exists in the store the contacts belong to. */
    protected abstract TenantId newTenant();

    protected EmergencyContacts contacts;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpContacts() {
        contacts = create();
        a = newTenant();
        b = newTenant();
    }

    private static EmergencyContact contact(TenantId tenant, String name, PhoneNumber phone, int secondsAfterT0) {
        return new EmergencyContact(UUID.randomUUID(), tenant, name, phone, "fille", T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void contactsAreListedOldestFirstWhateverTheOrderTheyWereAddedIn() {
        EmergencyContact second = contact(a, "Sophie", phone(), 20);
        EmergencyContact first = contact(a, "Luc", phone(), 10);
        EmergencyContact third = contact(a, "Anne", phone(), 30);
        contacts.add(second);
        contacts.add(first);
        contacts.add(third);

        assertThat(contacts.list(a)).containsExactly(first, second, third);
        assertThat(contacts.find(a, first.id())).contains(first);
        assertThat(contacts.list(b)).isEmpty();
    }

    @Test
    void unknownIdsAreAbsent() {
        assertThat(contacts.find(a, UUID.randomUUID())).isEmpty();
        assertThat(contacts.remove(a, UUID.randomUUID())).isFalse();
        assertThat(contacts.update(contact(a, "Nobody", phone(), 0))).isFalse();
        assertThat(contacts.list(TenantId.random())).isEmpty();
    }

    @Test
    void oneTenantCannotHoldTheSamePhoneTwiceButTwoTenantsCan() {
        PhoneNumber shared = phone();
        EmergencyContact mine = contact(a, "Sophie", shared, 0);
        contacts.add(mine);

        assertThatThrownBy(() -> contacts.add(contact(a, "Sophie bis", shared, 1)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("phone");
        EmergencyContact theirs = contact(b, "Sophie", shared, 0);
        contacts.add(theirs);

        assertThat(contacts.list(a)).containsExactly(mine);
        assertThat(contacts.list(b)).containsExactly(theirs);
    }

    @Test
    void addingTheSameIdTwiceIsAConflict() {
        EmergencyContact c = contact(a, "Sophie", phone(), 0);
        contacts.add(c);
        EmergencyContact sameId = new EmergencyContact(c.id(), a, "Other", phone(), "", T0);

        assertThatThrownBy(() -> contacts.add(sameId)).isInstanceOf(ConflictException.class);
        assertThat(contacts.list(a)).containsExactly(c);
    }

    @Test
    void idsAreScopedToTheirTenant() {
        EmergencyContact mine = contact(a, "Sophie", phone(), 0);
        EmergencyContact theirsWithSameId = new EmergencyContact(mine.id(), b, "Paul", phone(), "fils", T0);
        contacts.add(mine);
        contacts.add(theirsWithSameId);

        assertThat(contacts.find(a, mine.id())).contains(mine);
        assertThat(contacts.find(b, mine.id())).contains(theirsWithSameId);
    }

    @Test
    void updateReplacesNamePhoneAndRelationshipAndKeepsCreationTime() {
        EmergencyContact c = contact(a, "Sophie", phone(), 0);
        contacts.add(c);
        EmergencyContact changed = new EmergencyContact(c.id(), a, "Sophie Martin", phone(), "voisine", T0.plusSeconds(999));

        assertThat(contacts.update(changed)).isTrue();

        assertThat(contacts.find(a, c.id())).contains(
                new EmergencyContact(c.id(), a, "Sophie Martin", changed.phone(), "voisine", c.createdAt()));
    }

    @Test
    void updatingToAPhoneAnotherContactHasIsAConflictAndChangesNothing() {
        EmergencyContact c1 = contact(a, "Sophie", phone(), 0);
        EmergencyContact c2 = contact(a, "Luc", phone(), 1);
        contacts.add(c1);
        contacts.add(c2);

        assertThatThrownBy(() -> contacts.update(new EmergencyContact(c2.id(), a, "Luc", c1.phone(), "", T0)))
                .isInstanceOf(ConflictException.class);
        assertThat(contacts.list(a)).containsExactly(c1, c2);
    }

    @Test
    void removeDeletesOnce() {
        EmergencyContact c1 = contact(a, "Sophie", phone(), 0);
        EmergencyContact c2 = contact(a, "Luc", phone(), 1);
        contacts.add(c1);
        contacts.add(c2);

        assertThat(contacts.remove(a, c1.id())).isTrue();
        assertThat(contacts.remove(a, c1.id())).isFalse();
        assertThat(contacts.list(a)).containsExactly(c2);
        assertThat(contacts.find(a, c1.id())).isEmpty();
    }

    @Test
    void anotherTenantsContactBehavesAsAbsent() {
        EmergencyContact theirs = contact(b, "Paul", phone(), 0);
        contacts.add(theirs);

        assertThat(contacts.find(a, theirs.id())).isEmpty();
        assertThat(contacts.update(new EmergencyContact(theirs.id(), a, "Hijack", phone(), "", T0))).isFalse();
        assertThat(contacts.remove(a, theirs.id())).isFalse();
        assertThat(contacts.list(a)).isEmpty();
        assertThat(contacts.list(b)).containsExactly(theirs);
    }
}
