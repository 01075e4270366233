package com.ethiq.core.management.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.*;
import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.ManagementCore;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.backoffice.NoNumberAvailableException;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.onboarding.NumberProvisioning.Drift;
import com.ethiq.core.management.onboarding.TelephonyNumbers.Webhooks;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NumberProvisioningTest {
    private static final TelephonyCredentials PLATFORM = new TelephonyCredentials("AC" + "a".repeat(32), Secret.of("platform-token"));
    private static final TelephonyCredentials SUBACCOUNT = new TelephonyCredentials("AC" + "b".repeat(32), Secret.of("tenant-token"));
    private static final Webhooks OURS = Webhooks.at(URI.create("https://voice.example.com"), "/twilio/voice", "/twilio/call-status", "/twilio/sms");
    private static final RequestOrigin ORIGIN = new RequestOrigin("198.51.100.1", "JUnit");

    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
    private final InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(clock);
    private final InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
    private final InMemoryTokenIssuer tokens = new InMemoryTokenIssuer(clock);
    private final RecordingTelephonyNumbers twilio = new RecordingTelephonyNumbers();
    private final NumberProvisioning provisioning = new NumberProvisioning(pool, twilio, tenants,
            t -> secrets.telephony(t).orElse(PLATFORM), PLATFORM, OURS, audit, new SequentialIdGenerator(7), clock, Duration.ofDays(30));
    private final ManagementCore core;
    private final AtomicInteger seq = new AtomicInteger();

    NumberProvisioningTest() {
        InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
        InMemoryCallLogs calls = new InMemoryCallLogs();
        core = ManagementCore.builder().users(new InMemoryUsers()).memberships(new InMemoryMemberships())
                .refreshTokens(new InMemoryRefreshTokens()).twoFactorSecrets(new InMemoryTwoFactorSecrets())
                .invitations(new InMemoryInvitations()).attemptCounters(new InMemoryAttemptCounters())
                .passwordHasher(new InsecureFastPasswordHasher()).totpCodes(new ScriptedTotpCodes()).tokenIssuer(tokens)
                .tenants(tenants).emergencyContacts(contacts).tenantSecrets(secrets)
                .numberPool(provisioning.resettingPool()).numberProvisioner(provisioning)
                .tenantEraser(new InMemoryTenantEraser(contacts, secrets, calls)).callLogs(calls)
                .alertOutbox(new InMemoryAlertOutbox()).usageLedger(new InMemoryUsageLedger())
                .auditTrail(audit).auditChain(audit).clock(clock).build();
    }

    private Actor user() {
        String email = "user" + seq.incrementAndGet() + "@example.org";
        core.auth().signUp(new Credentials.SignUp(email, "correct horse battery staple", "Test"), ORIGIN);
        var tokensOut = ((LoginResult.SignedIn) core.auth().login(new Credentials.Login(email, "correct horse battery staple"), ORIGIN)).tokens();
        return core.auth().authenticate(tokens.verifyAccess(tokensOut.access().value()).orElseThrow(), ORIGIN);
    }

    private Tenant create(Actor a, String region) {
        return core.accounts().create(a, new AccountService.CreateAccount("Mamie", region,
                "sip:home" + seq.incrementAndGet() + "@example.sip.twilio.com", "fr")).tenant();
    }

    private static PhoneNumber fr(int i) {
        return PhoneNumber.of("+3397000" + String.format("%04d", i));
    }

    private List<String> actions(TenantId t) {
        return audit.all().stream().filter(e -> java.util.Objects.equals(e.tenant(), t)).map(AuditEvent::action).toList();
    }

    @Test
    void operatorsFillThePoolBySearchingAndBuyingAndByImportingOwnedNumbers() {
        twilio.offer("FR", "Paris", fr(1), fr(2), fr(3));
        List<PhoneNumber> bought = provisioning.fill("operator:ops@example.org", "FR", "Paris", "FR", 2);
        assertThat(bought).containsExactly(fr(1), fr(2));
        assertThat(twilio.requests()).extracting(RecordingTelephonyNumbers.Request::operation).containsExactly("search", "buy", "buy");
        assertThat(twilio.requests()).allMatch(r -> r.accountSid().equals(PLATFORM.accountSid()));

        twilio.own(PLATFORM, fr(9), null);
        provisioning.importOwned("operator:ops@example.org", "FR", List.of(fr(9)));
        assertThat(pool.entries()).extracting(e -> e.number()).containsExactly(fr(1), fr(2), fr(9));
        assertThat(pool.entries()).allMatch(e -> e.region().equals("FR") && e.assignedTo() == null);
        assertThatThrownBy(() -> provisioning.importOwned("operator:x", "FR", List.of(fr(42))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not owned").hasMessageNotContaining("+33970000042");
        assertThat(audit.all()).extracting(AuditEvent::action)
                .containsExactly("pool.number_bought", "pool.number_bought", "pool.number_imported");
        assertThat(audit.all()).allMatch(e -> e.tenant() == null && e.actor().equals("operator:ops@example.org"));
    }

    @Test
    void creatingAnAccountConfiguresItsNumberAtOurPublicUrlAndGoesActive() {
        twilio.own(PLATFORM, fr(1), null);
        provisioning.importOwned("operator:x", "FR", List.of(fr(1)));
        Tenant t = create(user(), "FR");
        assertThat(t.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(t.twilioNumber()).isEqualTo(fr(1));
        RecordingTelephonyNumbers.Request configure = twilio.requests().get(twilio.requests().size() - 1);
        assertThat(configure.operation()).isEqualTo("configure");
        assertThat(configure.webhooks().voiceUrl()).hasToString("https://voice.example.com/twilio/voice");
        assertThat(configure.webhooks().statusCallback()).hasToString("https://voice.example.com/twilio/call-status");
        assertThat(configure.webhooks().smsUrl()).hasToString("https://voice.example.com/twilio/sms");
        assertThat(configure.accountSid()).isEqualTo(PLATFORM.accountSid());
        assertThat(actions(t.id())).containsExactly("number.configured", "account.created");
    }

    @Test
    void aTenantWithItsOwnSubaccountHasItsNumberConfiguredWithItsCredentials() {
        twilio.own(SUBACCOUNT, fr(5), null);
        pool.add(fr(5), "FR");
        Actor a = user();
        Tenant t = create(a, "FR"); // not owned by the platform account: stays provisioning
        assertThat(t.status()).isEqualTo(AccountStatus.PROVISIONING);
        assertThat(actions(t.id())).contains("number.configure_failed");
        secrets.storeTelephony(t.id(), SUBACCOUNT);
        assertThat(provisioning.retryPending()).isEqualTo(1);
        RecordingTelephonyNumbers.Request configure = twilio.requests().get(twilio.requests().size() - 1);
        assertThat(configure.accountSid()).isEqualTo(SUBACCOUNT.accountSid());
        assertThat(configure.webhooks()).isEqualTo(OURS);
        assertThat(tenants.findById(t.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void aFailedConfigurationLeavesTheAccountProvisioningUntilTheRetryJobSucceeds() {
        twilio.own(PLATFORM, fr(1), null);
        pool.add(fr(1), "FR");
        twilio.failNextConfigures(2);
        Tenant t = create(user(), "FR");
        assertThat(t.status()).isEqualTo(AccountStatus.PROVISIONING);
        assertThat(provisioning.retryPending()).isZero(); // second failure
        assertThat(tenants.findById(t.id()).orElseThrow().status()).isEqualTo(AccountStatus.PROVISIONING);
        assertThat(provisioning.retryPending()).isEqualTo(1);
        assertThat(provisioning.retryPending()).isZero(); // nothing left: idempotent
        assertThat(tenants.findById(t.id()).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(twilio.owned(PLATFORM).get(0).webhooks()).isEqualTo(OURS);
        assertThat(actions(t.id())).containsSubsequence("number.configure_failed", "account.created",
                "number.configure_failed", "number.configured", "account.activated");
    }

    @Test
    void twoConcurrentSignUpsForOneNumberGetOneWinnerAndOneClearError() throws Exception {
        twilio.own(PLATFORM, fr(1), null);
        pool.add(fr(1), "FR");
        Actor a = user();
        Actor b = user();
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Object>> runs = List.of(a, b).stream().map(x -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
                return (Object) create(x, "FR");
            } catch (NoNumberAvailableException e) {
                return e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        List<Object> results = runs.stream().map(CompletableFuture::join).toList();
        assertThat(results).filteredOn(r -> r instanceof Tenant).singleElement()
                .satisfies(r -> assertThat(((Tenant) r).twilioNumber()).isEqualTo(fr(1)));
        assertThat(results).filteredOn(r -> r instanceof NoNumberAvailableException).singleElement()
                .satisfies(r -> assertThat(((Exception) r).getMessage()).contains("'FR'"));
        assertThat(twilio.requests()).filteredOn(r -> r.operation().equals("configure")).hasSize(1);
    }

    @Test
    void twoConcurrentSignUpsWithTwoNumbersGetOneEach() throws Exception {
        twilio.own(PLATFORM, fr(1), null);
        twilio.own(PLATFORM, fr(2), null);
        pool.add(fr(1), "FR");
        pool.add(fr(2), "FR");
        Actor a = user();
        Actor b = user();
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Tenant>> runs = List.of(a, b).stream().map(x -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return create(x, "FR");
        })).toList();
        assertThat(runs.stream().map(CompletableFuture::join).map(Tenant::twilioNumber).toList()).containsExactlyInAnyOrder(fr(1), fr(2));
    }

    @Test
    void cancelResetsTheWebhooksAndQuarantinesTheNumber() {
        twilio.own(PLATFORM, fr(1), null);
        pool.add(fr(1), "FR");
        Actor a = user();
        Tenant t = create(a, "FR");
        core.accounts().cancel(a, t.id());
        assertThat(twilio.owned(PLATFORM).get(0).webhooks()).isNull();
        assertThat(twilio.requests().get(twilio.requests().size() - 1).operation()).isEqualTo("reset");
        NumberPoolEntryAssert.free(pool.entries().get(0));
        assertThat(actions(t.id())).containsSubsequence("number.released", "number.reset", "account.cancelled");

        // quarantine (the identity settings' default): a new sign-up cannot get it the same day
        assertThatThrownBy(() -> create(user(), "FR")).isInstanceOf(NoNumberAvailableException.class);
        clock.set(pool.entries().get(0).availableAt());
        Tenant next = create(user(), "FR");
        assertThat(next.twilioNumber()).isEqualTo(fr(1));
        assertThat(twilio.owned(PLATFORM).get(0).webhooks()).isEqualTo(OURS);
    }

    @Test
    void releaseThroughTheUseCaseUsesItsOwnQuarantine() {
        twilio.own(PLATFORM, fr(1), null);
        pool.add(fr(1), "FR");
        Tenant t = create(user(), "FR");
        assertThat(provisioning.release(t.id(), fr(1))).isTrue();
        assertThat(pool.entries().get(0).availableAt()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(provisioning.release(t.id(), fr(1))).isFalse();
        assertThat(twilio.owned(PLATFORM).get(0).webhooks()).isNull();
    }

    @Test
    void reconciliationFindsNumbersReconfiguredOrReleasedBehindOurBackAndRepairsAssignedOnes() {
        for (int i = 1; i <= 3; i++) {
            twilio.own(PLATFORM, fr(i), null);
            pool.add(fr(i), "FR");
        }
        twilio.own(PLATFORM, fr(8), null); // owned, never pooled
        Tenant t = create(user(), "FR");
        Webhooks elsewhere = Webhooks.at(URI.create("https://attacker.example"), "/v", "/s", "/m");
        twilio.tamper(PLATFORM, fr(1), elsewhere);
        twilio.tamper(PLATFORM, fr(2), elsewhere);
        twilio.releaseOutside(PLATFORM, fr(3));

        List<Drift> drifts = provisioning.reconcile("system:reconcile", true);
        assertThat(drifts).containsExactlyInAnyOrder(
                new Drift(fr(1), t.id(), Drift.Kind.MISCONFIGURED, true),
                new Drift(fr(2), null, Drift.Kind.FOREIGN_WEBHOOKS, false),
                new Drift(fr(3), null, Drift.Kind.MISSING, false),
                new Drift(fr(8), null, Drift.Kind.NOT_IN_POOL, false));
        assertThat(twilio.owned(PLATFORM).stream().filter(o -> o.number().equals(fr(1))).findFirst().orElseThrow().webhooks()).isEqualTo(OURS);
        assertThat(actions(t.id())).contains("pool.drift");

        List<Drift> again = provisioning.reconcile("system:reconcile", true);
        assertThat(again).extracting(Drift::kind).containsExactlyInAnyOrder(Drift.Kind.FOREIGN_WEBHOOKS, Drift.Kind.MISSING, Drift.Kind.NOT_IN_POOL);
        long configures = twilio.requests().stream().filter(r -> r.operation().equals("configure")).count();
        provisioning.reconcile("system:reconcile", true);
        assertThat(twilio.requests().stream().filter(r -> r.operation().equals("configure")).count()).isEqualTo(configures);
    }

    @Test
    void reportOnlyReconciliationChangesNothing() {
        twilio.own(PLATFORM, fr(1), null);
        pool.add(fr(1), "FR");
        create(user(), "FR");
        twilio.tamper(PLATFORM, fr(1), Webhooks.at(URI.create("https://other.example"), "/v", "/s", "/m"));
        assertThat(provisioning.reconcile("operator:x", false)).singleElement().extracting(Drift::repaired).isEqualTo(false);
        assertThat(twilio.owned(PLATFORM).get(0).webhooks().voiceUrl()).hasToString("https://other.example/v");
    }

    @Test
    void badInputIsRefusedWithTheParameterNamed() {
        assertThatThrownBy(() -> provisioning.fill("op", "FR", null, "fr", 1)).hasMessageContaining("'region'");
        assertThatThrownBy(() -> provisioning.fill("op", "FR", null, "FR", 0)).hasMessageContaining("'count'");
        assertThatThrownBy(() -> new NumberProvisioning(pool, twilio, tenants, t -> PLATFORM, PLATFORM, OURS, audit,
                new SequentialIdGenerator(), clock, Duration.ofDays(-1))).hasMessageContaining("'quarantine'");
    }

    /** Small helper so the cancel test reads as the rule it checks. */
    private static final class NumberPoolEntryAssert {
        static void free(com.ethiq.core.port.NumberPool.PoolEntry e) {
            assertThat(e.assignedTo()).isNull();
            assertThat(e.availableAt()).isAfter(java.time.Instant.parse("2025-03-02T10:00:00Z"));
        }
    }
}
