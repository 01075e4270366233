package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts are recorded before anything is sent and delivered exactly once: with many calls of several tenants at once,
 * when Twilio fails and then recovers, when the node dies between recording and delivery, and with two nodes draining
 * one outbox.
 */
class AlertDeliveryTest {
    private CallPathHarness harness;

    @BeforeEach
    void setUp() {
        harness = new CallPathHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** Rings, streams the scam script, stops; returns the call. The conference is live at the fake (the caller joined). */
    private Call scamCall(TwilioCallSimulator twilio, TestTenant t) {
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        harness.twilio.startConference(t.account().accountSid(), call.twiml().conference().orElseThrow());
        Duration audio = Scripts.scam(harness.speech, call.callSid());
        try (MediaStream stream = call.startStream()) {
            stream.stream(audio);
            stream.sendStop();
            stream.awaitClosed(Duration.ofSeconds(5));
        }
        return call;
    }

    private List<Alert> alerts(TestTenant t, Call call) {
        return harness.stores.outbox().forCall(t.id(), CallSid.of(call.callSid()));
    }

    private boolean allSent(TestTenant t, Call call, int expected) {
        List<Alert> a = alerts(t, call);
        return a.size() == expected && a.stream().allMatch(x -> x.status() == AlertStatus.SENT);
    }

    private List<String> smsTo(TestTenant t) {
        return harness.twilio.messages(t.account().accountSid()).stream().map(FakeTwilioApi.FakeMessage::to).sorted().toList();
    }

    private static List<String> twice(List<PhoneNumber> numbers, int times) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            numbers.forEach(n -> out.add(n.e164()));
        }
        return out.stream().sorted().toList();
    }

    @Test
    void thirtyConcurrentCallsOfThreeTenantsAlertOnlyTheirOwnContacts() throws Exception {
        EthiqApp app = harness.startApp();
        TwilioCallSimulator twilio = harness.simulator(app);
        List<TestTenant> tenants = List.of(harness.tenant("Mme A", 2), harness.tenant("M. B", 2), harness.tenant("Mme C", 2));
        ExecutorService pool = Executors.newFixedThreadPool(30);
        List<Future<Call>> calls = new ArrayList<>();
        List<TestTenant> owners = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                TestTenant t = tenants.get(i % 3);
                owners.add(t);
                calls.add(pool.submit(() -> scamCall(twilio, t)));
            }
            for (int i = 0; i < 30; i++) {
                Call call = calls.get(i).get();
                TestTenant t = owners.get(i);
                assertThat(eventually(Duration.ofSeconds(20), () -> allSent(t, call, 3))).as("alerts of call %d", i).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        for (TestTenant t : tenants) {
            assertThat(smsTo(t)).as("SMS of %s", t.tenant().displayName()).isEqualTo(twice(t.contacts(), 10));
            assertThat(harness.twilio.messages(t.account().accountSid()))
                    .allSatisfy(m -> assertThat(m.from()).isEqualTo(t.number()))
                    .allSatisfy(m -> assertThat(m.body()).contains(t.tenant().displayName()));
            List<FakeTwilioApi.ParticipantAnnouncement> warnings = harness.twilio.participantAnnouncements().stream()
                    .filter(a -> a.accountSid().equals(t.account().accountSid())).toList();
            assertThat(warnings)
                    .allSatisfy(a -> assertThat(a.conferenceName()).startsWith("Conf-" + t.id() + "-"))
                    .allSatisfy(a -> assertThat(a.addressedAs()).isEqualTo("protected"));
            // one stored warning per call; under a slow store one may be requested twice (from memory and by a worker),
            // and its reference is then served once (AnnouncementWireTest)
            assertThat(warnings.stream().map(FakeTwilioApi.ParticipantAnnouncement::announceUrl).distinct()).hasSize(10);
        }
        assertThat(harness.twilio.requests(r -> r.path().endsWith("/Messages.json") && r.method().equals("POST")))
                .allSatisfy(r -> assertThat(tenants.stream().map(x -> x.account().accountSid())).contains(r.pathAccount()))
                .allSatisfy(r -> assertThat(r.authUser()).isEqualTo(r.pathAccount()));
    }

    @Test
    void twilioFailingThenRecoveringDeliversEachAlertOnce() {
        EthiqApp app = harness.startApp();
        TwilioCallSimulator twilio = harness.simulator(app);
        TestTenant t = harness.tenant("Mme Panne", 2);
        // First SMS: a 500 without processing; second: processed but answered 500 (the outcome the client cannot know).
        harness.twilio.inject(Fault.on("POST", "/Messages.json").forAccount(t.account().accountSid()).respond(500, 20500));
        harness.twilio.inject(Fault.on("POST", "/Messages.json").forAccount(t.account().accountSid()).respondAfterProcessing(500, 20500));
        harness.twilio.inject(Fault.on("POST", "/Messages.json").forAccount(t.account().accountSid()).respond(503, 20503));
        Call call = scamCall(twilio, t);
        assertThat(eventually(Duration.ofSeconds(20), () -> allSent(t, call, 3))).isTrue();
        assertThat(smsTo(t)).isEqualTo(twice(t.contacts(), 1));
        assertThat(alerts(t, call).stream().filter(a -> a.kind() == AlertKind.SMS).mapToInt(Alert::attempts).sum())
                .as("the failures were retried").isGreaterThan(2);
    }

    @Test
    void nodeDyingBetweenRecordingAndDeliveryDeliversOnceAfterRestart() {
        // Node A sends the SMS at Twilio, then "dies" before it can mark it sent (the worst moment), and never gets
        // to deliver the announcement. Node B, started on the same database, finishes the job.
        Map<String, String> env = Map.of("ETHIQ_ALERT_LEASE", "PT1S", "ETHIQ_ALERT_FIRST_BACKOFF", "PT0.5S");
        Function<CallControl, CallControl> dyingAfterSend = delegate -> new CallControl() {
            @Override
            public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String key) {
                delegate.sendSms(tenant, from, to, body, key);
                throw new CallControlException("connection reset after the request was sent", false, null, null);
            }

            @Override
            public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String key) {
                throw new CallControlException("connection refused", false, null, null);
            }

            @Override
            public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, com.ethiq.core.domain.Announcement announcement) {
                throw new CallControlException("connection refused", false, null, null);
            }

            @Override
            public ParticipantReceipt ringProtectedPerson(TenantId tenant, ConferenceName conference, SipAddress sip, PhoneNumber number,
                                                          com.ethiq.core.domain.CallerShown shown, CallSid caller, java.time.Duration timeout) {
                return delegate.ringProtectedPerson(tenant, conference, sip, number, shown, caller, timeout);
            }

            @Override
            public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sip, PhoneNumber callerId,
                                                        CallSid caller, java.time.Duration ringTimeout) {
                return delegate.addSipParticipant(tenant, conference, sip, callerId, caller, ringTimeout);
            }

            @Override
            public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
                delegate.divert(tenant, caller, diversion);
            }

            @Override
            public void cancelLeg(TenantId tenant, CallSid leg) {
                delegate.cancelLeg(tenant, leg);
            }

            @Override
            public void hangUp(TenantId tenant, CallSid callSid) {
                delegate.hangUp(tenant, callSid);
            }
        };
        EthiqApp nodeA = harness.startApp(env, dyingAfterSend);
        TestTenant t = harness.tenant("M. Redémarrage", 2);
        Call call = scamCall(harness.simulator(nodeA), t);
        assertThat(eventually(Duration.ofSeconds(10), () -> harness.twilio.messages(t.account().accountSid()).size() == 2))
                .as("node A got both SMS out before dying").isTrue();
        nodeA.halt();
        assertThat(alerts(t, call)).hasSize(3).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.PENDING));

        EthiqApp nodeB = harness.startApp(env, cc -> cc);
        assertThat(eventually(Duration.ofSeconds(15), () -> allSent(t, call, 3))).isTrue();
        assertThat(smsTo(t)).as("no SMS twice").isEqualTo(twice(t.contacts(), 1));
        assertThat(harness.twilio.participantAnnouncements().stream().filter(a -> a.accountSid().equals(t.account().accountSid())))
                .hasSize(1);
        nodeB.stop();
    }

    @Test
    void twoNodesOnOneDatabaseDeliverEachAlertOnce() throws Exception {
        EthiqApp nodeA = harness.startApp();
        EthiqApp nodeB = harness.startApp();
        TwilioCallSimulator viaA = harness.simulator(nodeA);
        TwilioCallSimulator viaB = harness.simulator(nodeB);
        TestTenant t = harness.tenant("Mme Deux", 3);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Call>> calls = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                TwilioCallSimulator via = i % 2 == 0 ? viaA : viaB;
                calls.add(pool.submit(() -> scamCall(via, t)));
            }
            for (Future<Call> f : calls) {
                Call call = f.get();
                assertThat(eventually(Duration.ofSeconds(20), () -> allSent(t, call, 4))).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(smsTo(t)).isEqualTo(twice(t.contacts(), 8));
        // One warning per conference: one stored reference each. A store too slow to record an alert can make it go out
        // from memory and from a worker (two AnnounceUrl requests); the route serves a reference once, so it is heard once.
        Map<String, Long> perConference = harness.twilio.participantAnnouncements().stream()
                .filter(a -> a.accountSid().equals(t.account().accountSid()))
                .collect(Collectors.groupingBy(FakeTwilioApi.ParticipantAnnouncement::conferenceName,
                        Collectors.mapping(FakeTwilioApi.ParticipantAnnouncement::announceUrl,
                                Collectors.collectingAndThen(Collectors.toSet(), set -> (long) set.size()))));
        assertThat(perConference).hasSize(8).allSatisfy((name, n) -> assertThat(n).isEqualTo(1));
    }

    /**
     * Issue 14's exactly-once promise on a slow (not down) store: node A's recording of the alerts outlasts the
     * half-second wait, so it sends them from memory; the recording then commits, and a worker (here: a claim made
     * directly on the database, as another node's worker would) passes before node A has marked them sent. It must
     * find nothing of this call to claim. Latches, not sleeps, order the three steps: node A's one write of a send from
     * memory ({@code AlertOutcomes.recordWithAlert}, the alert with its mark) is held until the worker has looked.
     */
    @Test
    void aRecordingThatCommitsAfterTheSendFromMemoryIsNotSentAgainByAWorker() throws Exception {
        java.util.concurrent.CountDownLatch storeAnswers = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch markMayGo = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch markAsked = new java.util.concurrent.CountDownLatch(1);
        com.ethiq.core.port.AlertOutbox shared = harness.stores.outbox();
        com.ethiq.core.port.AlertOutbox slow = delaying(com.ethiq.core.port.AlertOutbox.class, shared, method -> {
            if (method.equals("enqueueClaimed")) {
                assertThat(storeAnswers.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            }
        });
        com.ethiq.core.port.AlertOutcomes held = delaying(com.ethiq.core.port.AlertOutcomes.class,
                harness.stores.alertOutcomes().orElseThrow(), method -> {
                    if (method.equals("recordWithAlert")) {
                        markAsked.countDown();
                        assertThat(markMayGo.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    }
                });
        EthiqApp nodeA = harness.startAppWithAdapters(Map.of(), cc -> cc, adapters -> adapters.alertOutbox(slow).alertOutcomes(held));
        TestTenant t = harness.tenant("Mme Lenteur", 2);
        try {
            Call call = scamCall(harness.simulator(nodeA), t);
            assertThat(eventually(Duration.ofSeconds(10), () -> smsTo(t).size() == 2
                    && warningsSpoken(t) > 0))
                    .as("sent from memory while the recording hangs").isTrue();
            assertThat(alerts(t, call)).isEmpty();

            storeAnswers.countDown();
            assertThat(eventually(Duration.ofSeconds(10), () -> alerts(t, call).size() == 3)).as("the late commit").isTrue();
            assertThat(markAsked.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("node A about to mark its sends").isTrue();
            List<Alert> claimedByAWorker = shared.claimDue(java.time.Instant.now(), 100_000, Duration.ofMillis(1)).stream()
                    .filter(a -> a.callSid().value().equals(call.callSid())).toList();
            assertThat(claimedByAWorker).as("claimable before node A marks them").isEmpty();

            markMayGo.countDown();
            assertThat(eventually(Duration.ofSeconds(10), () -> allSent(t, call, 3))).isTrue();
            assertThat(smsTo(t)).as("no SMS twice").isEqualTo(twice(t.contacts(), 1));
            assertThat(warningsSpoken(t)).as("the warning spoken once").isEqualTo(1);
        } finally {
            storeAnswers.countDown();
            markMayGo.countDown();
        }
    }

    /** {@code port} calling {@code delegate}, after {@code before} (given the method's name) has run on the caller's thread. */
    @SuppressWarnings("unchecked")
    private <T> T delaying(Class<T> port, T delegate, ThrowingConsumer<String> before) {
        return (T) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
            before.accept(method.getName());
            try {
                return method.invoke(delegate, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @FunctionalInterface
    private interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    /** Spoken warnings set for this tenant's calls: on the protected person's leg (the default) or the whole conference. */
    private long warningsSpoken(TestTenant t) {
        String account = t.account().accountSid();
        return harness.twilio.participantAnnouncements().stream().filter(a -> a.accountSid().equals(account)).count()
                + harness.twilio.announcements().stream().filter(a -> a.accountSid().equals(account)).count();
    }
}
