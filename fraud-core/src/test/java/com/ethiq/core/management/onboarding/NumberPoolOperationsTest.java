package com.ethiq.core.management.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.RecordingTelephonyNumbers;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.StepUpRequiredException;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.onboarding.NumberPoolOperations.State;
import com.ethiq.core.management.onboarding.TelephonyNumbers.Webhooks;
import com.ethiq.core.domain.TenantId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operators' pool use cases: who may call them, step-up, states, audit, and the "onboarding off" answer. */
class NumberPoolOperationsTest {
    private static final TelephonyCredentials PLATFORM = new TelephonyCredentials("AC" + "a".repeat(32), Secret.of("platform-token"));
    private static final Webhooks OURS = Webhooks.at(URI.create("https://voice.example.com"), "/twilio/voice", "/twilio/call-status", "/twilio/sms");
    private static final RequestOrigin ORIGIN = new RequestOrigin("198.51.100.7", "curl/8");

    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryNumberPool pool = new InMemoryNumberPool(tenants);
    private final InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
    private final RecordingTelephonyNumbers twilio = new RecordingTelephonyNumbers();
    private final AuditRecorder recorder = new AuditRecorder(audit, new SequentialIdGenerator(1), clock);
    private final AccessPolicy access = new AccessPolicy(new InMemoryMemberships(), tenants, new InMemoryTwoFactorSecrets(), recorder,
            clock, Duration.ofMinutes(5));
    private final NumberProvisioning provisioning = new NumberProvisioning(pool, twilio, tenants, t -> PLATFORM, PLATFORM, OURS, audit,
            new SequentialIdGenerator(100), clock, Duration.ofDays(90));
    private final NumberPoolOperations ops = new NumberPoolOperations(pool, Optional.of(provisioning), access, recorder, clock);

    private Actor actor(boolean operator, Duration authAge) {
        return new Actor(new UserId(UUID.randomUUID()), operator, UUID.randomUUID(), clock.instant().minus(authAge),
                Set.of(AuthMethod.PWD), ORIGIN);
    }

    private static PhoneNumber fr(int i) {
        return PhoneNumber.of("+3397100" + String.format("%04d", i));
    }

    @Test
    void onlyOperatorsPassAndNothingReachesTheProvider() {
        Actor tenantOwner = actor(false, Duration.ZERO);
        twilio.offer("FR", null, fr(1));
        assertThatThrownBy(() -> ops.list(tenantOwner, null, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ops.search(tenantOwner, "FR", null, 5)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ops.buy(tenantOwner, "FR", List.of(fr(1)), null, null, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ops.importOwned(tenantOwner, "FR", List.of(fr(1)))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> ops.reconcile(tenantOwner, false)).isInstanceOf(ForbiddenException.class);
        assertThat(twilio.requests()).isEmpty();
        assertThat(pool.entries()).isEmpty();
    }

    @Test
    void changingThePoolNeedsARecentStepUpButReadingDoesNot() {
        Actor stale = actor(true, Duration.ofMinutes(6));
        twilio.offer("FR", null, fr(2));
        twilio.own(PLATFORM, fr(3), null);
        assertThatThrownBy(() -> ops.buy(stale, "FR", List.of(fr(2)), null, null, null)).isInstanceOf(StepUpRequiredException.class);
        assertThatThrownBy(() -> ops.importOwned(stale, "FR", List.of(fr(3)))).isInstanceOf(StepUpRequiredException.class);
        assertThatThrownBy(() -> ops.reconcile(stale, true)).isInstanceOf(StepUpRequiredException.class);
        assertThat(pool.entries()).isEmpty();
        assertThat(ops.search(stale, "FR", null, 5)).extracting(TelephonyNumbers.Offered::number).containsExactly(fr(2));
        assertThat(ops.reconcile(stale, false)).extracting(NumberProvisioning.Drift::kind).containsExactly(NumberProvisioning.Drift.Kind.NOT_IN_POOL);
    }

    @Test
    void buysImportsListsByStateAndAuditsEveryCallWithTheOperatorsOrigin() {
        Actor op = actor(true, Duration.ZERO);
        twilio.offer("FR", "Bretagne", fr(4), fr(5));
        twilio.own(PLATFORM, fr(6), null);
        assertThat(ops.buy(op, "FR", List.of(fr(4)), null, null, null)).containsExactly(fr(4));
        assertThat(ops.buy(op, "FR", null, "FR", "Bretagne", 1)).containsExactly(fr(5));
        assertThat(ops.importOwned(op, "FR-B", List.of(fr(6)))).containsExactly(fr(6));
        assertThatThrownBy(() -> ops.buy(op, "FR", null, "FR", null, null)).hasMessageContaining("'count'");

        TenantId tenant = TenantId.random();
        tenants.create(new com.ethiq.core.domain.Tenant(tenant, "Mamie", com.ethiq.core.domain.AccountStatus.ACTIVE, null,
                com.ethiq.core.domain.SipAddress.of("sip:m@example.sip.twilio.com"), com.ethiq.core.domain.TenantSettings.defaults(),
                clock.instant()));
        pool.assign(tenant, "FR", clock.instant());
        pool.release(tenant, pool.entries().stream().filter(e -> tenant.equals(e.assignedTo())).findFirst().orElseThrow().number(),
                clock.instant().plus(Duration.ofDays(90)));
        assertThat(ops.list(op, "FR", null)).hasSize(2);
        assertThat(ops.list(op, null, State.QUARANTINED)).hasSize(1);
        assertThat(ops.list(op, "FR-B", State.FREE)).extracting(p -> p.entry().number()).containsExactly(fr(6));
        assertThatThrownBy(() -> State.fromWire("lost")).hasMessageContaining("'state'");

        List<AuditEvent> operatorEvents = audit.all().stream().filter(e -> e.actor().equals(op.auditName())).toList();
        assertThat(operatorEvents).extracting(AuditEvent::action).contains("pool.bought", "pool.imported", "pool.listed",
                "pool.number_bought", "pool.number_imported");
        assertThat(operatorEvents.stream().filter(e -> e.action().startsWith("pool.") && !e.action().startsWith("pool.number_")))
                .allSatisfy(e -> {
                    assertThat(e.ip()).isEqualTo("198.51.100.7");
                    assertThat(e.userAgent()).isEqualTo("curl/8");
                });
        // the trail keeps masked numbers only
        assertThat(audit.all()).noneSatisfy(e -> assertThat(e.target() + e.details()).contains(fr(4).e164()));
    }

    @Test
    void withoutOnboardingOnlyListingWorks() {
        NumberPoolOperations off = new NumberPoolOperations(pool, Optional.empty(), access, recorder, clock);
        Actor op = actor(true, Duration.ZERO);
        pool.add(fr(7), "FR");
        assertThat(off.onboardingConfigured()).isFalse();
        assertThat(off.list(op, null, State.FREE)).hasSize(1);
        assertThatThrownBy(() -> off.search(op, "FR", null, 5)).isInstanceOf(OnboardingUnavailableException.class)
                .hasMessageContaining("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID");
        assertThatThrownBy(() -> off.reconcile(op, false)).isInstanceOf(OnboardingUnavailableException.class);
    }
}
