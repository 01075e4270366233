package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store goes down mid-call: detection and alerts go on from memory, and everything is written once it returns. */
class StoreOutageTest {
    private static final List<String> BANK_SCAM = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque",
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite");

    private static CallSession start(CoreHarness h, Tenant tenant, String sid) {
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(CallSid.of(sid), "+33700000009", tenant.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        return ((CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(tenant, CallSid.of(sid)))).session();
    }

    private static void play(CoreHarness h, CallSession s, List<String> lines) {
        for (String line : lines) {
            h.transcriber.say(s.callSid(), Speaker.CALLER, line);
            h.transcriber.say(s.callSid(), Speaker.CALLEE, "ah bon d'accord");
        }
    }

    private static void storeReturns(CoreHarness h) {
        h.outage.up();
        h.storeRetries.runAll();
    }

    @Test
    void aScamSpokenDuringAnOutageIsSentAtOnceFromMemoryAndRecordedOnceWhenTheStoreReturns() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111", "+33622222222");
        CallSession s = start(h, t, "CA100");
        h.transcriber.say(s.callSid(), Speaker.CALLER, "allô bonjour");

        h.outage.down();
        play(h, s, BANK_SCAM);
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "attendez le code c'est 4 8 2 9 1 7");

        // Sent while the store is down: nothing recorded yet, nothing lost.
        assertThat(s.alertRaised()).isTrue();
        assertThat(h.callControl.sent()).extracting(CoreHarness.StubCallControl.Sent::kind)
                .containsExactlyInAnyOrder("announcement", "sms", "sms");
        assertThat(h.outbox.forCall(t.id(), s.callSid())).isEmpty();
        assertThat(h.core.storeWrites().storeDown()).isTrue();
        assertThat(h.core.storeWrites().pending()).isGreaterThan(BANK_SCAM.size());

        play(h, s, BANK_SCAM); // more scam talk in the outage raises nothing more
        storeReturns(h);

        assertThat(h.core.storeWrites().storeDown()).isFalse();
        assertThat(h.core.storeWrites().pending()).isZero();
        assertThat(h.outbox.forCall(t.id(), s.callSid())).hasSize(3)
                .allMatch(a -> a.status() == AlertStatus.SENT && a.providerReference() != null);
        // The workers find nothing left to send: exactly once.
        assertThat(h.core.alertDispatcher().dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(3);
        var log = h.callLogs.find(t.id(), s.callSid()).orElseThrow();
        assertThat(log.fraudDetected()).isTrue();
        assertThat(log.state()).isEqualTo(CallState.IN_PROGRESS);
        // The full transcript, in the order it was spoken.
        assertThat(h.callLogs.transcript(t.id(), s.callSid())).extracting(TranscriptSegment::text)
                .startsWith("allô bonjour", BANK_SCAM.get(0), "ah bon d'accord", BANK_SCAM.get(1))
                .hasSize(1 + 2 * BANK_SCAM.size() + 1 + 2 * BANK_SCAM.size());
        assertThat(h.usage.monthly(t.id(), java.time.YearMonth.from(h.clock.instant().atZone(java.time.ZoneOffset.UTC)))
                .total(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(h.audit.all()).extracting(e -> e.action()).contains("alert.raised", "alert.sent");
    }

    @Test
    void aSendThatFailsFromMemoryIsRecordedAsDueAndSentOnceByTheWorkersWhenTheStoreReturns() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE, "+33611111111");
        CallSession s = start(h, t, "CA101");
        h.outage.down();
        h.callControl.transientFailuresLeft = 2; // the announcement and the SMS both fail from memory
        play(h, s, BANK_SCAM);
        h.transcriber.say(s.callSid(), Speaker.CALLEE, "le code c'est 4 8 2 9 1 7");
        assertThat(s.alertRaised()).isTrue();
        assertThat(h.callControl.sent()).isEmpty();

        storeReturns(h);
        assertThat(h.callControl.sent()).hasSize(2);
        assertThat(h.outbox.forCall(t.id(), s.callSid())).hasSize(2).allMatch(a -> a.status() == AlertStatus.SENT);
        assertThat(h.core.alertDispatcher().dispatchDue()).isZero();
        assertThat(h.callControl.sent()).hasSize(2);
    }

    @Test
    void anIncomingCallDuringAnOutageIsProtectedAndItsLogIsWrittenAndClosedWhenTheStoreReturns() {
        CoreHarness h = new CoreHarness();
        Tenant t = h.tenant("Papi Louis", "+33100000002", AccountStatus.ACTIVE, "+33611111111");
        h.outage.down();
        IncomingCallService incoming = h.core.incomingCalls();
        var call = new IncomingCall(CallSid.of("CA200"), "+33700000009", t.twilioNumber());
        // A write must fail first for the node to know; the decision never does.
        assertThat(incoming.decide(call, incoming.resolve(call.to()))).isInstanceOf(IncomingCallDecision.Protect.class);
        CallSession s = ((CallSessions.Started) h.core.callSessions().start(new CallSessions.StreamStart(t, call.callSid()))).session();
        h.transcriber.say(s.callSid(), Speaker.CALLER, "coucou papi c'est Léa");
        assertThat(h.core.callStatus().onCallStatus(t.id(), call.callSid(), CallState.ENDED)).isTrue();
        assertThat(s.isEnded()).isTrue();
        assertThat(h.callLogs.find(t.id(), call.callSid())).isEmpty();

        storeReturns(h);
        var log = h.callLogs.find(t.id(), call.callSid()).orElseThrow();
        assertThat(log.state()).isEqualTo(CallState.ENDED);
        assertThat(h.callLogs.transcript(t.id(), call.callSid())).hasSize(1);
        assertThat(h.audit.all()).extracting(e -> e.action()).contains("call.protected", "call.ended");
    }

    @Test
    void theBacklogDropsOnlyTranscriptLinesBeyondItsBoundCountsThemAndWritesTheRestInOrder() {
        var retries = new CoreHarness.ManualScheduler();
        var writes = new WriteBehind(Runnable::run, retries,
                new WriteBehind.Settings(3, 4, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(40)));
        List<String> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        boolean[] down = {true};
        CallSid a = CallSid.of("CA1");
        CallSid b = CallSid.of("CA2");
        java.util.function.Function<String, Runnable> store = what -> () -> {
            if (down[0]) {
                throw new com.ethiq.core.port.PersistenceException("down", null);
            }
            written.add(what);
        };
        for (int i = 0; i < 5; i++) {
            writes.submit(a, WriteBehind.Write.droppable("a" + i, store.apply("a" + i)));
        }
        writes.submit(a, WriteBehind.Write.kept("a-ended", store.apply("a-ended")));
        writes.submit(b, WriteBehind.Write.droppable("b0", store.apply("b0")));
        writes.submit(b, WriteBehind.Write.droppable("b1", store.apply("b1"))); // over the node's bound of 4
        assertThat(writes.dropped()).isEqualTo(3);
        assertThat(writes.pending()).isEqualTo(5);
        assertThat(writes.pendingCalls()).isEqualTo(2);
        // Backoff doubles and is capped.
        assertThat(retries.delays).containsExactly(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(10));
        retries.runQueued();
        retries.runQueued();
        retries.runQueued();
        assertThat(retries.delays).containsSubsequence(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(40),
                java.time.Duration.ofMillis(40));

        down[0] = false;
        retries.runAll();
        assertThat(written).containsExactly("a0", "a1", "a2", "a-ended", "b0");
        assertThat(writes.pending()).isZero();
        assertThat(writes.pendingCalls()).isZero();
        assertThat(writes.storeDown()).isFalse();
    }

    @Test
    void aWithdrawnWriteIsNeverDoneEvenAfterTheStoreReturns() {
        var retries = new CoreHarness.ManualScheduler();
        var writes = new WriteBehind(Runnable::run, retries, WriteBehind.Settings.DEFAULT);
        List<String> written = new java.util.ArrayList<>();
        boolean[] down = {true};
        CallSid a = CallSid.of("CA1");
        writes.submit(a, WriteBehind.Write.kept("first", () -> {
            if (down[0]) {
                throw new com.ethiq.core.port.PersistenceException("down", null);
            }
            written.add("first");
        }));
        var second = writes.submit(a, WriteBehind.Write.kept("second", () -> written.add("second")));
        writes.submit(a, WriteBehind.Write.kept("third", () -> written.add("third")));
        assertThat(second.await(java.time.Duration.ZERO)).isFalse();
        assertThat(second.withdraw()).isTrue();
        down[0] = false;
        retries.runAll();
        assertThat(written).containsExactly("first", "third");
    }
}
