package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLeases;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLeases;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two cores ("nodes") on one set of stores: node A streams calls and stops heart-beating (dies); node B claims the
 * lapsed leases, asks the provider to stream each live call again and resumes it from the stored transcript, or
 * closes the calls that are over. The provider's new stream is connected to B by the test, as Twilio would.
 */
class StreamRecoveryTest {
    private static final StreamRecovery.Settings SETTINGS = new StreamRecovery.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(4), 500, 4, Duration.ofSeconds(15), 3);
    private static final List<String> FIRST_HALF = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque");
    private static final List<String> SECOND_HALF = List.of(
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite");

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryTenants tenants = new InMemoryTenants();
    private final InMemoryEmergencyContacts contacts = new InMemoryEmergencyContacts();
    private final InMemoryCallLogs callLogs = new InMemoryCallLogs();
    private final InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
    private final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    private final InMemoryCallLeases leases = new InMemoryCallLeases();
    private final SequentialIdGenerator ids = new SequentialIdGenerator();
    private final RecordingCallControl provider = new RecordingCallControl(clock);
    private final Node a = new Node("node-a");
    private final Node b = new Node("node-b");
    private final Tenant tenant = tenant();

    /** One node: its own core and recogniser over the shared stores and provider. */
    private final class Node {
        final CoreHarness.HandDrivenTranscriber transcriber = new CoreHarness.HandDrivenTranscriber();
        final FraudCore core;

        Node(String id) {
            core = FraudCore.builder()
                    .tenants(tenants).emergencyContacts(contacts).callLogs(callLogs).alertOutbox(outbox)
                    .usageLedger(usage).auditTrail(audit).callControl(provider).speechTranscriber(transcriber)
                    .ids(ids).clock(clock)
                    .aiExecutor(Runnable::run).alertExecutor(Runnable::run).transcriptExecutor(Runnable::run)
                    .storeExecutor(Runnable::run).callControlScheduler(new CoreHarness.ManualScheduler())
                    .streamRecovery(leases, id, StreamRecoveryTest::target, SETTINGS)
                    .build();
        }

        StreamRecovery recovery() {
            return core.streamRecovery().orElseThrow();
        }

        /** A media socket's start on this node: the stream generation is claimed once, then the session starts. */
        CallSession connect(CallSid sid, int generation) {
            assertThat(core.incomingCalls().claimMediaStream(tenant.id(), sid, generation)).as("claim of %s gen %d", sid, generation).isTrue();
            var started = core.callSessions().start(new CallSessions.StreamStart(tenant, sid, generation));
            return ((CallSessions.Started) started).session();
        }

        void say(CallSid sid, List<String> lines) {
            for (String line : lines) {
                transcriber.say(sid, Speaker.CALLER, line);
                transcriber.say(sid, Speaker.CALLEE, "ah bon d'accord");
            }
        }
    }

    private static CallControl.StreamTarget target(TenantId tenant, CallSid sid, int generation) {
        return new CallControl.StreamTarget(URI.create("wss://ethiq.example.com/twilio/media"),
                Map.of("token", "t-" + sid.value() + "-" + generation, "callSid", sid.value()), null);
    }

    private Tenant tenant() {
        TenantId id = new TenantId(ids.newId());
        Tenant t = new Tenant(id, "Mamie Jeanne", AccountStatus.ACTIVE, PhoneNumber.of("+33100000001"),
                SipAddress.of("sip:" + id.value() + "@home.example.com"), TenantSettings.defaults(), clock.instant());
        tenants.create(t);
        contacts.add(new EmergencyContact(ids.newId(), id, "Fille", PhoneNumber.of("+33611111111"), "enfant", clock.instant()));
        return t;
    }

    private CallSid ring(int n) {
        CallSid sid = CallSid.of(String.format("CA%030d", n));
        var incoming = a.core.incomingCalls();
        var call = new IncomingCall(sid, "+337000" + String.format("%05d", n), tenant.twilioNumber());
        incoming.decide(call, incoming.resolve(call.to()));
        return sid;
    }

    /** A dies: it renews nothing more. B keeps beating; once A's leases lapse B's sweep takes them. */
    private StreamRecovery.Pass aDiesAndBSweeps() {
        clock.advance(SETTINGS.lapseAfter().plusSeconds(1));
        b.recovery().heartbeat();
        return b.recovery().sweep();
    }

    @AfterEach
    void close() {
        a.core.close();
        b.core.close();
    }

    @Test
    void everyLiveCallOfADeadNodeStreamsAgainOnASurvivorWithTheNextGeneration() {
        provider.onStreamStarted(s -> b.connect(s.callSid(), Integer.parseInt(s.target().parameters().get("token").replaceAll(".*-", ""))));
        List<CallSid> calls = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            CallSid sid = ring(i);
            a.connect(sid, 0);
            calls.add(sid);
        }
        a.recovery().heartbeat(); // takes any lease the recovery pool has not taken yet
        assertThat(a.recovery().heartbeat()).isEqualTo(20);
        assertThat(leases.find(tenant.id(), calls.get(0)).orElseThrow().node()).isEqualTo("node-a");
        clock.advance(Duration.ofSeconds(2));
        assertThat(b.recovery().sweep()).as("A's leases are fresh").isEqualTo(StreamRecovery.Pass.NONE);

        StreamRecovery.Pass pass = aDiesAndBSweeps();

        assertThat(pass).isEqualTo(new StreamRecovery.Pass(20, 20, 0, 0));
        assertThat(provider.streamsStarted()).hasSize(20).extracting(RecordingCallControl.StreamStarted::callSid)
                .containsExactlyInAnyOrderElementsOf(calls);
        assertThat(b.core.callSessions().liveCount()).isEqualTo(20);
        for (CallSid sid : calls) {
            CallLeases.Lease lease = leases.find(tenant.id(), sid).orElseThrow();
            assertThat(lease.node()).isEqualTo("node-b");
            assertThat(lease.generation()).isEqualTo(1);
            // the first stream's token, or the new one a second time, opens nothing any more
            assertThat(b.core.incomingCalls().claimMediaStream(tenant.id(), sid, 0)).isFalse();
            assertThat(b.core.incomingCalls().claimMediaStream(tenant.id(), sid, 1)).isFalse();
        }
        assertThat(audit.all()).filteredOn(e -> e.action().equals("call.stream_resumed")).hasSize(20)
                .allMatch(e -> e.details().get("previousNode").equals("node-a"));
        assertThat(b.recovery().pendingCount()).as("every stream started on a node").isZero();
        // B now renews them; nothing lapses again
        clock.advance(Duration.ofSeconds(3));
        b.recovery().heartbeat();
        assertThat(b.recovery().heartbeat()).isEqualTo(20);
        clock.advance(Duration.ofSeconds(3));
        assertThat(a.recovery().sweep()).as("A back from the dead finds nothing lapsed").isEqualTo(StreamRecovery.Pass.NONE);
    }

    @Test
    void aCallThatEndedAtTheProviderIsClosedWithItsUsageInsteadOfStreamedAgain() {
        CallSid live = ring(1);
        CallSid over = ring(2);
        a.connect(live, 0);
        a.connect(over, 0);
        a.recovery().heartbeat();
        provider.endCall(over);

        StreamRecovery.Pass pass = aDiesAndBSweeps();

        assertThat(pass).isEqualTo(new StreamRecovery.Pass(2, 1, 1, 0));
        assertThat(provider.streamsStarted()).extracting(RecordingCallControl.StreamStarted::callSid).containsExactly(live);
        assertThat(callLogs.find(tenant.id(), over).orElseThrow().state()).isEqualTo(CallState.ENDED);
        assertThat(callLogs.find(tenant.id(), live).orElseThrow().state()).isEqualTo(CallState.IN_PROGRESS);
        assertThat(leases.find(tenant.id(), over)).as("lease dropped").isEmpty();
        assertThat(usage.events(tenant.id(), YearMonth.from(clock.instant().atZone(ZoneOffset.UTC))))
                .filteredOn(e -> e.kind() == UsageKind.CALLS).extracting(UsageEvent::callSid).containsExactly(over);
        assertThat(audit.all()).extracting(AuditEvent::action).contains("call.closed_orphaned");
        // swept once: a second survivor finds nothing
        clock.advance(SETTINGS.lapseAfter().plusSeconds(1));
        assertThat(a.recovery().sweep().closed()).isZero();
    }

    @Test
    void aScamWhoseFirstHalfWasHeardBeforeTheCrashIsAlertedOnceOnTheSurvivor() {
        provider.onStreamStarted(s -> b.connect(s.callSid(), 1));
        CallSid sid = ring(1);
        a.connect(sid, 0);
        a.say(sid, FIRST_HALF);
        a.recovery().heartbeat();
        assertThat(a.core.callSessions().find(sid).orElseThrow().verdict().isScam()).as("half a scam is no scam yet").isFalse();

        aDiesAndBSweeps();
        CallSession resumed = b.core.callSessions().find(sid).orElseThrow();
        assertThat(resumed.alertRaised()).isFalse();
        b.say(sid, SECOND_HALF);

        assertThat(resumed.alertRaised()).isTrue();
        assertThat(provider.smsSent()).hasSize(1);
        assertThat(callLogs.transcript(tenant.id(), sid)).as("both halves stored, once")
                .hasSize(2 * (FIRST_HALF.size() + SECOND_HALF.size()));
    }

    /** A scam's first half, and a second half that is no scam alone (phrase rules: 0.49 alone, 0.98 after the first). */
    private static final List<String> BANK_CLAIM = List.of("bonjour madame je suis le conseiller de votre banque");
    private static final List<String> CODE_ASKED = List.of("il y a une opération de 1500 euros sur votre compte",
            "vous allez recevoir un code il faut me le lire");

    @Test
    void theSurvivorNumbersItsUtterancesAfterThoseHeardSoTheFirstHalfStillCounts() {
        CallSid control = ring(2);
        CallSession alone = a.connect(control, 0);
        a.say(control, CODE_ASKED);
        assertThat(alone.verdict().isScam()).as("the second half alone is no scam").isFalse();

        provider.onStreamStarted(s -> b.connect(s.callSid(), 1));
        CallSid sid = ring(1);
        a.connect(sid, 0);
        a.say(sid, BANK_CLAIM);
        a.recovery().heartbeat();
        aDiesAndBSweeps();
        CallSession resumed = b.core.callSessions().find(sid).orElseThrow();
        // B's recogniser numbers its utterances from 0 again: they must not revise the ones A heard
        b.say(sid, CODE_ASKED);

        assertThat(resumed.alertRaised()).as("caught because of the first half heard on A").isTrue();
        assertThat(provider.smsSent()).hasSize(1);
        assertThat(callLogs.transcript(tenant.id(), sid)).extracting(TranscriptSegment::text)
                .containsSubsequence(BANK_CLAIM.get(0), CODE_ASKED.get(0), CODE_ASKED.get(1));
    }

    @Test
    void aScamAlreadyAlertedBeforeTheCrashIsNotAlertedAgainWhenTheCallResumes() {
        provider.onStreamStarted(s -> b.connect(s.callSid(), 1));
        CallSid sid = ring(1);
        a.connect(sid, 0);
        a.say(sid, FIRST_HALF);
        a.say(sid, SECOND_HALF);
        assertThat(provider.smsSent()).hasSize(1);
        a.recovery().heartbeat();

        aDiesAndBSweeps();
        CallSession resumed = b.core.callSessions().find(sid).orElseThrow();
        assertThat(resumed.verdict().isScam()).as("the transcript heard before is judged").isTrue();
        b.say(sid, SECOND_HALF);

        assertThat(provider.smsSent()).as("exactly once across both nodes").hasSize(1);
        assertThat(outbox.forCall(tenant.id(), sid)).hasSize(2); // the SMS and the announcement, recorded once each
    }

    @Test
    void aProviderThatRefusesTheStreamLeavesTheLeaseToLapseAgainAndGivesUpAfterMaxGenerations() {
        CallSid sid = ring(1);
        a.connect(sid, 0); // no listener: the provider accepts the stream but it never connects
        a.recovery().heartbeat();
        for (int generation = 1; generation <= SETTINGS.maxGenerations(); generation++) {
            assertThat(aDiesAndBSweeps().streamedAgain()).isEqualTo(1);
            clock.advance(SETTINGS.pendingFor()); // B stops renewing a stream that never started
            b.recovery().heartbeat();
        }
        StreamRecovery.Pass last = aDiesAndBSweeps();

        assertThat(last.closed()).isEqualTo(1);
        assertThat(provider.streamsStarted()).hasSize(SETTINGS.maxGenerations());
        var log = callLogs.find(tenant.id(), sid).orElseThrow();
        assertThat(log.state()).isEqualTo(CallState.ENDED);
        assertThat(log.protection()).isEqualTo(com.ethiq.core.domain.CallProtection.UNPROTECTED_NO_MEDIA);
    }

    @Test
    void anEndedSessionReleasesItsLease() throws Exception {
        CallSid sid = ring(1);
        CallSession s = a.connect(sid, 0);
        awaitTrue(() -> leases.find(tenant.id(), sid).isPresent(), "the lease taken off the call's queue of writes");
        s.end();
        awaitTrue(() -> leases.find(tenant.id(), sid).isEmpty(), "the lease released");
        assertThat(aDiesAndBSweeps()).isEqualTo(StreamRecovery.Pass.NONE);
    }

    @Test
    void aCallStillStreamingOnTheSweeperItselfIsKeptNotStreamedTwice() {
        CallSid sid = ring(1);
        b.connect(sid, 0);
        b.recovery().heartbeat();
        clock.advance(SETTINGS.lapseAfter().plusSeconds(1)); // B's own heartbeat was late

        StreamRecovery.Pass pass = b.recovery().sweep();

        assertThat(pass.claimed()).isEqualTo(1);
        assertThat(pass.streamedAgain()).isZero();
        assertThat(provider.streamsStarted()).isEmpty();
        assertThat(leases.find(tenant.id(), sid).orElseThrow().node()).isEqualTo("node-b");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 5 s: " + what);
            }
            Thread.sleep(5);
        }
    }
}
