package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.RecordingCallControl.Failure;
import com.ethiq.core.fake.RecordingCallControl.Operation;
import com.ethiq.core.fake.SequentialIdGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Ringing the protected person in: retried on transient failures as the policy says, never on permanent ones. */
class RingProtectedPersonTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final RecordingCallControl callControl = new RecordingCallControl(clock);
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final CoreHarness.ManualScheduler scheduler = new CoreHarness.ManualScheduler();
    private final List<RingOutcome> outcomes = new ArrayList<>();
    private final CallObserver observer = new CallObserver() {
        @Override
        public void protectedPersonRung(TenantId tenant, CallSid callSid, RingOutcome outcome) {
            outcomes.add(outcome);
        }
    };
    private final RingOutcomes ringOutcomes = ringOutcomes();
    private final RingProtectedPerson ring = new RingProtectedPerson(callControl, audit, new SequentialIdGenerator(), clock,
            scheduler, RingPolicy.DEFAULT, observer, ringOutcomes);

    private RingOutcomes ringOutcomes() {
        var logs = new com.ethiq.core.fake.InMemoryCallLogs();
        var outbox = new com.ethiq.core.fake.InMemoryAlertOutbox();
        var tenants = new com.ethiq.core.fake.InMemoryTenants();
        var ids = new SequentialIdGenerator();
        var dispatcher = new AlertDispatcher(outbox, new ComposedAlertOutcomes(outbox, new com.ethiq.core.fake.InMemoryUsageLedger(), audit),
                tenants, callControl, ids, clock,
                Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
        var offline = new PhoneOfflineNotice(logs, new com.ethiq.core.fake.InMemoryEmergencyContacts(), outbox, dispatcher, audit, ids, clock);
        return new RingOutcomes(logs, tenants, callControl, offline, audit, ids, clock, scheduler, RingPolicy.DEFAULT);
    }
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");

    private static Tenant tenant(PhoneNumber number) {
        TenantId id = TenantId.random();
        return new Tenant(id, "Mamie Jeanne", AccountStatus.ACTIVE, number, SipAddress.of("sip:jeanne@home.sip.twilio.com"),
                TenantSettings.defaults(), java.time.Instant.parse("2026-03-01T00:00:00Z"));
    }

    private List<AuditEvent> failures(Tenant t) {
        return audit.recent(t.id(), 10).stream().filter(e -> e.action().equals("call.ring_failed")).toList();
    }

    @Test
    void showsTheRealCallerOrWithheldInsteadOfTheTenantsNumberAndReportsTheQueueTime() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        List<Duration> queued = new ArrayList<>();
        RingProtectedPerson shown = new RingProtectedPerson(callControl, audit, new SequentialIdGenerator(), clock, scheduler,
                RingPolicy.DEFAULT, new CallObserver() {
                    @Override
                    public void protectedPersonQueued(TenantId tenant, Duration queueTime) {
                        queued.add(queueTime);
                    }
                }, ringOutcomes);

        shown.ring(t, call, ConferenceName.forCall(t.id(), call),
                com.ethiq.core.domain.CallerShown.fromRaw("+33612345678", com.ethiq.core.domain.Language.FRENCH));
        shown.ring(t, CallSid.of("CA0123456789abcdef0123456789abcdee"), ConferenceName.forCall(t.id(), call),
                com.ethiq.core.domain.CallerShown.fromRaw("anonymous", com.ethiq.core.domain.Language.FRENCH));
        scheduler.runAll();

        assertThat(callControl.participantsAdded()).hasSize(2);
        assertThat(callControl.participantsAdded().get(0).shown().shownNumber()).contains(PhoneNumber.of("+33612345678"));
        assertThat(callControl.participantsAdded().get(1).shown().withheld()).isTrue();
        assertThat(callControl.participantsAdded().get(1).shown().displayName()).isEqualTo("Numéro masqué");
        assertThat(callControl.participantsAdded()).allSatisfy(p -> assertThat(p.callerId()).isEqualTo(PhoneNumber.of("+33970000001")));
        assertThat(queued).containsExactly(Duration.ZERO, Duration.ZERO);
    }

    @Test
    void ringsTheSipAddressIntoTheConferenceWithTheTenantsNumberShown() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        ConferenceName room = ConferenceName.forCall(t.id(), call);

        ring.ring(t, call, room);
        assertThat(callControl.participantsAdded()).as("nothing before the scheduler runs it").isEmpty();
        scheduler.runAll();

        assertThat(callControl.participantsAdded()).singleElement().satisfies(p -> {
            assertThat(p.tenant()).isEqualTo(t.id());
            assertThat(p.conference()).isEqualTo(room);
            assertThat(p.sipAddress()).isEqualTo(t.sipAddress());
            assertThat(p.callerId()).isEqualTo(PhoneNumber.of("+33970000001"));
        });
        assertThat(outcomes).containsExactly(RingOutcome.INVITED);
        assertThat(scheduler.delays).containsExactly(Duration.ZERO);
        assertThat(failures(t)).isEmpty();
    }

    @Test
    void transientFailuresAreRetriedWithThePolicysDelays() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        callControl.failNext(Operation.ADD_PARTICIPANT, 2, Failure.TRANSIENT);

        ring.ring(t, call, ConferenceName.forCall(t.id(), call));
        scheduler.runAll();

        assertThat(callControl.participantsAdded()).hasSize(1);
        assertThat(callControl.attempts()).isEqualTo(3);
        assertThat(scheduler.delays).containsExactly(Duration.ZERO, Duration.ofMillis(400), Duration.ofMillis(1200));
        assertThat(outcomes).containsExactly(RingOutcome.RETRIED, RingOutcome.RETRIED, RingOutcome.INVITED);
        assertThat(failures(t)).isEmpty();
    }

    @Test
    void givesUpAndAuditsOnceTheAttemptsAreSpent() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        callControl.failNext(Operation.ADD_PARTICIPANT, 3, Failure.TRANSIENT);

        ring.ring(t, call, ConferenceName.forCall(t.id(), call));
        scheduler.runAll();

        assertThat(callControl.participantsAdded()).isEmpty();
        assertThat(callControl.attempts()).isEqualTo(3);
        assertThat(outcomes).containsExactly(RingOutcome.RETRIED, RingOutcome.RETRIED, RingOutcome.FAILED);
        assertThat(failures(t)).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo(call.value());
            assertThat(e.details()).containsEntry("attempts", "3").containsEntry("permanent", "false");
        });
    }

    @Test
    void aPermanentFailureIsNeverRetried() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        callControl.failNext(Operation.ADD_PARTICIPANT, 1, Failure.PERMANENT);

        ring.ring(t, call, ConferenceName.forCall(t.id(), call));
        scheduler.runAll();

        assertThat(callControl.attempts()).isEqualTo(1);
        assertThat(scheduler.delays).containsExactly(Duration.ZERO);
        assertThat(outcomes).containsExactly(RingOutcome.FAILED);
        assertThat(failures(t)).singleElement().satisfies(e ->
                assertThat(e.details()).containsEntry("attempts", "1").containsEntry("permanent", "true"));
    }

    @Test
    void aTenantWithoutANumberCannotBeRungAndIsNotRetried() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        Tenant noNumber = new Tenant(t.id(), t.displayName(), t.status(), null, t.sipAddress(), t.settings(), t.createdAt());
        assertThat(noNumber.number()).isEqualTo(Optional.empty());

        ring.ring(noNumber, call, ConferenceName.forCall(t.id(), call));
        scheduler.runAll();

        assertThat(callControl.attempts()).isZero();
        assertThat(outcomes).containsExactly(RingOutcome.FAILED);
        assertThat(failures(t)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("permanent", "true"));
    }

    @Test
    void aShutDownSchedulerFailsTheRingWithoutThrowing() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        scheduler.shutDown = true;

        ring.ring(t, call, ConferenceName.forCall(t.id(), call));

        assertThat(callControl.attempts()).isZero();
        assertThat(outcomes).containsExactly(RingOutcome.FAILED);
        assertThat(failures(t)).singleElement().satisfies(e -> assertThat(e.details()).containsEntry("attempts", "0"));
    }

    @Test
    void aTransientFailureWhileShuttingDownIsNotRetried() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        callControl.failNext(Operation.ADD_PARTICIPANT, 1, Failure.TRANSIENT);
        ring.ring(t, call, ConferenceName.forCall(t.id(), call));
        Runnable first = scheduler.pending.remove(0).task();
        scheduler.shutDown = true;

        first.run();

        assertThat(callControl.attempts()).isEqualTo(1);
        assertThat(outcomes).containsExactly(RingOutcome.RETRIED, RingOutcome.FAILED);
    }

    @Test
    void policiesAreValidated() {
        assertThat(RingPolicy.DEFAULT.attempts()).isEqualTo(3);
        assertThat(RingPolicy.DEFAULT.delayBefore(1)).isEqualTo(Duration.ofMillis(400));
        assertThatThrownBy(() -> new RingPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RingPolicy(List.of(Duration.ofMillis(-1)))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RingPolicy(null)).isInstanceOf(NullPointerException.class);
        assertThat(RingOutcome.INVITED.wire()).isEqualTo("invited");
        assertThat(RingOutcome.RETRIED.wire()).isEqualTo("retried");
        assertThat(RingOutcome.FAILED.wire()).isEqualTo("failed");
    }

    @Test
    void aSingleAttemptPolicyNeverRetries() {
        Tenant t = tenant(PhoneNumber.of("+33970000001"));
        RingProtectedPerson once = new RingProtectedPerson(callControl, audit, new SequentialIdGenerator(), clock, scheduler,
                new RingPolicy(List.of(Duration.ofMillis(5))), observer, ringOutcomes);
        callControl.failNext(Operation.ADD_PARTICIPANT, 1, Failure.TRANSIENT);

        once.ring(t, call, ConferenceName.forCall(t.id(), call));
        scheduler.runAll();

        assertThat(scheduler.delays).containsExactly(Duration.ofMillis(5));
        assertThat(outcomes).containsExactly(RingOutcome.FAILED);
    }
}
