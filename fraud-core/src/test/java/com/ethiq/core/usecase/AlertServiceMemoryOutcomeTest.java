package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.PersistenceException;
import com.ethiq.core.port.UsageLedger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A scam's warnings sent from memory while the store is down are recorded, once it returns, each in one write with
 * its outcome: one {@link AlertOutcomes#recordWithAlert} per alert (the alert as sent, usage row and audit entry as one
 * unit of work, nothing else written), and an outcome recorded again (the write retried after a commit whose answer
 * was lost) writes nothing: no second usage row, no second entry.
 */
class AlertServiceMemoryOutcomeTest {
    private static final Verdict SCAM = new Verdict.Scam(0.9, ScamCategory.FAKE_BANK_ADVISER, List.of(), "banque, code");

    private final CoreHarness h = new CoreHarness();
    private final Tenant tenant = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");
    private final CallSid call = CallSid.of("CA-MEMORY");
    private final AlertOutbox outbox = h.outage.wrap(AlertOutbox.class, h.outbox);
    private final Recording outcomes = new Recording(new ComposedAlertOutcomes(outbox,
            h.outage.wrap(UsageLedger.class, h.usage), h.outage.wrap(AuditTrail.class, h.audit)));
    private final WriteBehind writes = new WriteBehind(Runnable::run, h.storeRetries, WriteBehind.Settings.DEFAULT);
    private final AlertDispatcher dispatcher = new AlertDispatcher(outbox, outcomes, h.tenants, h.callControl, h.ids,
            h.clock, Runnable::run, AlertDispatcher.Sends.on(Runnable::run), AlertDispatcher.Settings.DEFAULT);
    /** The outbox as the alert service sees it: every call it makes is logged. */
    private final List<String> serviceOutboxCalls = new CopyOnWriteArrayList<>();
    private final AlertService alerts = new AlertService(h.contacts, logged(outbox, serviceOutboxCalls), h.audit, outcomes,
            dispatcher, writes, Runnable::run, h.ids, h.clock);

    private static AlertOutbox logged(AlertOutbox delegate, List<String> calls) {
        return (AlertOutbox) Proxy.newProxyInstance(AlertOutbox.class.getClassLoader(), new Class<?>[] {AlertOutbox.class},
                (self, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Each call's outcomes and what the store recorded of them; can lose the answer of the next commits. */
    private static final class Recording implements AlertOutcomes {
        /** {@code withAlert}: asked through {@link #recordWithAlert}, not {@link #recordAll}. */
        record Call(List<Outcome> asked, List<Outcome> recorded, boolean withAlert) {
        }

        final List<Call> calls = new ArrayList<>();
        private final AlertOutcomes store;
        int answersToLose;

        Recording(AlertOutcomes store) {
            this.store = store;
        }

        @Override
        public synchronized List<Outcome> recordAll(List<? extends Outcome> asked) {
            List<Outcome> recorded = store.recordAll(asked);
            calls.add(new Call(List.copyOf(asked), List.copyOf(recorded), false));
            loseAnswer();
            return recorded;
        }

        @Override
        public synchronized boolean recordWithAlert(Sent asked) {
            boolean written = store.recordWithAlert(asked);
            calls.add(new Call(List.of(asked), written ? List.of(asked) : List.of(), true));
            loseAnswer();
            return written;
        }

        private void loseAnswer() {
            if (answersToLose > 0) {
                answersToLose--;
                throw new PersistenceException("connection lost after the commit (simulated)", null);
            }
        }
    }

    /** Raises the scam while the store is down: both SMS and the announcement go out from memory. */
    private List<Alert> raiseInAnOutage() {
        h.outage.down();
        List<Alert> raised = alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null);
        assertThat(raised).hasSize(3);
        assertThat(h.callControl.sent()).hasSize(3);
        assertThat(h.outbox.forCall(tenant.id(), call)).isEmpty();
        assertThat(outcomes.calls).as("nothing recorded during the outage").isEmpty();
        return raised;
    }

    private void storeReturns() {
        h.outage.up();
        h.storeRetries.runAll();
        assertThat(writes.pending()).isZero();
    }

    private long usage(UsageKind kind) {
        return h.usage.monthly(tenant.id(), YearMonth.from(h.clock.instant().atZone(ZoneOffset.UTC))).total(kind);
    }

    private List<AuditEvent> sentEntries() {
        return h.audit.all().stream().filter(e -> e.action().equals("alert.sent")).toList();
    }

    @Test
    void eachSendFromMemoryIsRecordedAsOneSentOutcomeWithItsUsageAndAuditEntry() {
        List<Alert> raised = raiseInAnOutage();
        storeReturns();

        List<AlertOutcomes.Outcome> recorded = outcomes.calls.stream().flatMap(c -> c.recorded().stream()).toList();
        assertThat(outcomes.calls).as("one outcome per alert, each recorded with its alert").hasSize(3)
                .allMatch(c -> c.withAlert() && c.asked().size() == 1 && c.recorded().equals(c.asked()));
        assertThat(recorded).allMatch(o -> o instanceof AlertOutcomes.Sent)
                .extracting(o -> o.alert().id()).containsExactlyInAnyOrderElementsOf(raised.stream().map(Alert::id).toList());
        List<AlertOutcomes.Sent> sent = recorded.stream().map(AlertOutcomes.Sent.class::cast).toList();
        // The mark, the usage row and the audit entry in the store are the outcome's own: written together.
        for (AlertOutcomes.Sent s : sent) {
            Alert stored = h.outbox.forCall(tenant.id(), call).stream().filter(a -> a.id().equals(s.alert().id()))
                    .findFirst().orElseThrow();
            assertThat(stored.status()).isEqualTo(AlertStatus.SENT);
            assertThat(stored.providerReference()).isEqualTo(s.providerReference()).isNotNull();
            assertThat(stored.attempts()).isEqualTo(1);
            assertThat(s.audit().details()).containsEntry("fromMemory", "true").containsEntry("attempts", "1");
        }
        assertThat(h.usage.events(tenant.id(), YearMonth.from(h.clock.instant().atZone(ZoneOffset.UTC))))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(AlertOutcomes.Sent::usage).toList());
        assertThat(sentEntries()).containsExactlyInAnyOrderElementsOf(sent.stream().map(AlertOutcomes.Sent::audit).toList());
        assertThat(usage(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(usage(UsageKind.ANNOUNCEMENTS)).isEqualTo(1);
        // Recorded as sent: the workers find nothing to send again.
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(3);
    }

    @Test
    void anOutcomeRecordedAgainAfterALostAnswerWritesNothing() {
        raiseInAnOutage();
        outcomes.answersToLose = 1; // the first outcome commits, its answer is lost: the write is retried
        storeReturns();

        assertThat(outcomes.calls).as("the first outcome asked twice, the others once").hasSize(4);
        Recording.Call first = outcomes.calls.get(0);
        Recording.Call again = outcomes.calls.get(1);
        assertThat(again.asked()).isEqualTo(first.asked());
        assertThat(first.recorded()).isEqualTo(first.asked());
        assertThat(again.recorded()).as("already recorded: nothing written").isEmpty();
        assertThat(usage(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(usage(UsageKind.ANNOUNCEMENTS)).isEqualTo(1);
        assertThat(sentEntries()).hasSize(3).extracting(AuditEvent::target).doesNotHaveDuplicates();
        assertThat(h.outbox.forCall(tenant.id(), call)).hasSize(3).allMatch(a -> a.status() == AlertStatus.SENT);

        // And recording the same outcome once more, directly, still writes nothing.
        assertThat(outcomes.record(first.asked().get(0))).isFalse();
        assertThat(usage(UsageKind.SMS_SENT) + usage(UsageKind.ANNOUNCEMENTS)).isEqualTo(3);
        assertThat(sentEntries()).hasSize(3);
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(3);
    }

    @Test
    void aSendFromMemoryIsRecordedByOneWriteSoNoCrashCanLeaveItPendingForAWorker() {
        raiseInAnOutage();
        serviceOutboxCalls.clear(); // what the raise tried during the outage (the alerts' recording, refused)
        storeReturns();

        // No write of the alert on its own (recorded, then marked by a second commit): the node could die in between
        // and leave it pending, for a worker to send again (an announcement spoken twice) when its lease ran out.
        assertThat(serviceOutboxCalls).as("the alert service's own outbox writes").isEmpty();
        assertThat(outcomes.calls).hasSize(3).allMatch(Recording.Call::withAlert);
        assertThat(h.outbox.forCall(tenant.id(), call)).hasSize(3).allMatch(a -> a.status() == AlertStatus.SENT);
        h.clock.advance(dispatcher.lease().multipliedBy(2));
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(3);
    }

    @Test
    void aWriteThatHungCommitsLateAndTheSendFromMemoryMarksTheAlertItRecorded() {
        // The store froze under the alerts' recording: sent from memory, then the frozen write commits (leased, pending).
        List<Alert> frozen = raiseInAnOutage().stream().map(a -> new Alert(a.id(), a.tenant(), a.callSid(), a.recipient(),
                a.message(), a.language(), AlertStatus.PENDING, 1, a.createdAt(), a.nextAttemptAt(), null, null, null)).toList();
        assertThat(h.outbox.enqueueClaimed(frozen, h.clock.instant().plus(dispatcher.lease()))).hasSize(3);
        storeReturns();

        assertThat(outcomes.calls).hasSize(3).allMatch(c -> c.withAlert() && c.recorded().equals(c.asked()));
        assertThat(h.outbox.forCall(tenant.id(), call)).hasSize(3).allMatch(a -> a.status() == AlertStatus.SENT);
        assertThat(usage(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(usage(UsageKind.ANNOUNCEMENTS)).isEqualTo(1);
        assertThat(sentEntries()).hasSize(3);
    }

    @Test
    void aSendThatFailsFromMemoryHasNoOutcomeOfItsOwnTheWorkersSendItAsAnyOther() {
        h.callControl.transientFailuresLeft = 3;
        raiseFailingInAnOutage();
        storeReturns(); // recorded as due, then a worker pass at once

        assertThat(h.callControl.sent()).hasSize(3);
        assertThat(outcomes.calls).hasSize(3).allMatch(c -> c.recorded().size() == 1 && c.recorded().get(0) instanceof AlertOutcomes.Sent);
        assertThat(sentEntries()).hasSize(3).allMatch(e -> !e.details().containsKey("fromMemory"));
        assertThat(h.outbox.forCall(tenant.id(), call)).hasSize(3).allMatch(a -> a.status() == AlertStatus.SENT);
        assertThat(usage(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    private void raiseFailingInAnOutage() {
        h.outage.down();
        assertThat(alerts.raise(tenant, call, ConferenceName.forCall(tenant.id(), call), SCAM, null)).hasSize(3);
        assertThat(h.callControl.sent()).isEmpty();
    }
}
