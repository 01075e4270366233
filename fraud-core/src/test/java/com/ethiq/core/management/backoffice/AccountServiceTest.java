package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.TestWorld;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.TooManyAttemptsException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private final TestWorld w = new TestWorld();

    private AccountService.CreateAccount request(String region) {
        return new AccountService.CreateAccount("Mamie Jeanne", region, "sip:jeanne" + UUID.randomUUID().toString().substring(0, 8)
                + "@home.sip.twilio.com", "fr");
    }

    @Test
    void creationTakesANumberOfTheRegionAndMakesTheCallerOwner() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        w.addNumbers("BE", 1);
        w.addNumbers("FR", 1);
        AccountService.AccountView v = w.core.accounts().create(a, request("FR"));
        Tenant t = v.tenant();
        assertThat(t.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(t.twilioNumber()).isNotNull();
        assertThat(w.numbers.entries()).filteredOn(e -> t.id().equals(e.assignedTo())).singleElement()
                .extracting(e -> e.region()).isEqualTo("FR");
        assertThat(v.role()).isEqualTo(Role.OWNER);
        assertThat(w.core.accounts().mine(a)).extracting(x -> x.tenant().id()).containsExactly(t.id());
        assertThat(w.audit.events(t.id())).extracting(AuditEvent::action).containsExactly("account.created");
    }

    @Test
    void withNoFreeNumberTheAccountIsCancelledAndTheCallerTold() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        w.addNumbers("BE", 1);
        assertThatThrownBy(() -> w.core.accounts().create(a, request("FR"))).isInstanceOf(NoNumberAvailableException.class)
                .hasMessageContaining("'FR'");
        assertThat(w.core.accounts().mine(a)).isEmpty();
    }

    @Test
    void aFailingProvisionerLeavesTheAccountProvisioning() {
        TestWorld custom = new TestWorld();
        ManagementCore core = ManagementCore.builder().users(custom.users).memberships(custom.memberships)
                .refreshTokens(custom.refreshTokens).twoFactorSecrets(custom.twoFactor).invitations(custom.invitations)
                .attemptCounters(custom.attempts).passwordHasher(custom.hasher).totpCodes(custom.totp).tokenIssuer(custom.tokens)
                .tenants(custom.tenants).emergencyContacts(custom.contacts).tenantSecrets(custom.secrets).numberPool(custom.numbers)
                .tenantEraser(custom.eraser).callLogs(custom.callLogs).alertOutbox(custom.alerts).usageLedger(custom.usage)
                .auditTrail(custom.audit).auditChain(custom.audit).clock(custom.clock)
                .numberProvisioner((t, n) -> {
                    throw new com.ethiq.core.port.VendorException("telephony", "down", false, null, null);
                }).build();
        Actor a = custom.signUpAndLogIn(custom.newEmail());
        custom.addNumbers("FR", 1);
        assertThat(core.accounts().create(a, request("FR")).tenant().status()).isEqualTo(AccountStatus.PROVISIONING);
    }

    @Test
    void ownersMayOwnOnlySoManyAccounts() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        for (int i = 0; i < IdentitySettings.DEFAULT.maxOwnedAccounts(); i++) {
            w.newAccount(a);
            w.clock.advance(java.time.Duration.ofDays(1)); // past the daily number quota
        }
        assertThatThrownBy(() -> w.newAccount(a)).isInstanceOf(ConflictException.class);
    }

    // ---------------------------------------------------------------- issue 15, item 3: the number pool

    @Test
    void oneUserTakesAtMostItsDailyQuotaOfNumbers() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        w.addNumbers("FR", 10);
        int free = (int) w.numbers.entries().stream().filter(e -> e.assignedTo() == null).count();
        for (int i = 0; i < NumberQuota.DEFAULT.perUser(); i++) {
            w.core.accounts().create(a, request("FR"));
        }
        int assigned = (int) w.numbers.entries().stream().filter(e -> e.assignedTo() != null).count();
        assertThatThrownBy(() -> w.core.accounts().create(a, request("FR")))
                .isInstanceOfSatisfying(TooManyAttemptsException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(java.time.Duration.ofDays(1)));
        assertThat(w.numbers.entries().stream().filter(e -> e.assignedTo() != null).count())
                .as("the refused creation took no number").isEqualTo(assigned);
        assertThat(w.memberships.ofUser(a.user())).hasSize(NumberQuota.DEFAULT.perUser());
        assertThat(free).isGreaterThan(NumberQuota.DEFAULT.perUser());
        assertThat(w.audit.all()).anySatisfy(e -> assertThat(e.action()).isEqualTo("account.create_refused"));
        w.clock.advance(java.time.Duration.ofDays(1).plusSeconds(1));
        assertThat(w.core.accounts().create(a, request("FR")).tenant().status()).as("a day later").isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void manyUsersFromOneAddressShareItsQuota() {
        w.addNumbers("FR", 20);
        int created = 0;
        for (int i = 0; i < NumberQuota.DEFAULT.perOrigin() + 3; i++) {
            Actor a = w.signUpAndLogIn(w.newEmail()); // same client address (TestWorld.ORIGIN) every time
            try {
                w.core.accounts().create(a, request("FR"));
                created++;
            } catch (TooManyAttemptsException e) {
                // the address is over its quota
            }
        }
        assertThat(created).isEqualTo(NumberQuota.DEFAULT.perOrigin());
    }

    @Test
    void aFailedCreationLeavesNothingHoldingTheSipAddress() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        String sip = "sip:victim@home.sip.twilio.com";
        AccountService.CreateAccount wanted = new AccountService.CreateAccount("Mamie", "FR", sip, "fr");
        assertThatThrownBy(() -> w.core.accounts().create(a, wanted)).isInstanceOf(NoNumberAvailableException.class);
        assertThat(w.memberships.ofUser(a.user())).as("no membership left").isEmpty();
        assertThat(w.eraser.erased()).hasSize(1);
        // Another user (or the same one) can now register that SIP address.
        Actor b = w.signUpAndLogIn(w.newEmail());
        w.addNumbers("FR", 1);
        assertThat(w.core.accounts().create(b, wanted).tenant().sipAddress().uri()).isEqualTo(sip);
    }

    @Test
    void suspendResumeAndCancelFollowTheLifecycle() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(a);
        PhoneNumber n = w.tenants.findById(t).orElseThrow().twilioNumber();
        assertThat(w.core.accounts().suspend(a, t).tenant().status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThatThrownBy(() -> w.core.accounts().suspend(a, t)).isInstanceOf(ConflictException.class);
        assertThat(w.core.accounts().resume(a, t).tenant().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(w.core.accounts().cancel(a, t).tenant().status()).isEqualTo(AccountStatus.CANCELLED);
        assertThat(w.numbers.entries()).filteredOn(e -> e.number().equals(n)).singleElement().satisfies(e -> {
            assertThat(e.assignedTo()).isNull();
            assertThat(e.availableAt()).isAfter(w.clock.instant().plus(java.time.Duration.ofDays(89)));
        });
        assertThatThrownBy(() -> w.core.accounts().cancel(a, t)).isInstanceOf(ConflictException.class);
    }

    @Test
    void erasureRemovesPersonalDataAndMembershipsButKeepsTheAuditTrail() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(a);
        w.core.contacts().add(a, t, new ContactService.ContactInput("Paul", "+33612345678", "fils"));
        w.secrets.storeSecret(t, SecretKind.AI_API_KEY, Secret.of("sk-test-1234"));
        w.core.members().invite(a, t, w.newEmail(), "viewer");
        Map<String, Integer> counts = w.core.accounts().erase(a, t);
        assertThat(counts).containsEntry("contacts", 1).containsEntry("secrets", 1).containsEntry("memberships", 1)
                .containsEntry("invitations", 1);
        assertThat(w.contacts.list(t)).isEmpty();
        assertThat(w.eraser.erased()).containsExactly(t);
        assertThat(w.tenants.findById(t).orElseThrow().status()).isEqualTo(AccountStatus.CANCELLED);
        assertThatThrownBy(() -> w.core.accounts().get(a, t)).isInstanceOf(NotFoundException.class);
        assertThat(w.audit.events(t)).extracting(AuditEvent::action).endsWith("account.erased");
    }

    @Test
    void contactsAreValidatedAndScopedToTheAccount() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(a);
        Actor b = w.signUpAndLogIn(w.newEmail());
        TenantId other = w.newAccount(b);
        assertThatThrownBy(() -> new ContactService.ContactInput("Paul", "0612345678", null)).hasMessageContaining("E.164");
        EmergencyContact c = w.core.contacts().add(a, t, new ContactService.ContactInput("Paul", "+33612345678", "fils"));
        assertThatThrownBy(() -> w.core.contacts().get(b, other, c.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.core.contacts().update(b, other, c.id(), new ContactService.ContactInput("X", "+33600000000", null)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> w.core.contacts().remove(b, other, c.id())).isInstanceOf(NotFoundException.class);
        assertThat(w.core.contacts().get(a, t, c.id()).name()).isEqualTo("Paul");
        assertThat(w.core.contacts().list(a, t)).hasSize(1);
    }
}
