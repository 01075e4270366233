package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.app.web.Dashboard;
import com.ethiq.app.web.LiveFeed;
import com.ethiq.app.web.Viewers;
import com.ethiq.core.usecase.AiBudget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 4: two nodes (two {@link EthiqApp}s, each with its own pools and LISTEN connection) on one PostgreSQL
 * share the state that must hold for the cluster: a media token is used once on any node (through the call log's
 * stream claim), a tenant's AI budget is spent once between them, and a dashboard feed on one node hears the calls of
 * the other.
 */
class ClusterWideStateTest {
    private static final int POLICY = 1008;
    private CallPathHarness harness;

    @BeforeEach
    void setUp() {
        harness = new CallPathHarness();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /**
     * A media token is usable once on the whole cluster without a store of used tokens: the call's media stream is
     * claimed in the call log once per generation ({@code IncomingCallService#claimMediaStream}), so a token redeemed
     * on B opens nothing on A, and nothing anywhere once the call is over.
     */
    @Test
    void aMediaTokenRedeemedOnBIsRefusedOnAByTheCallsStreamClaimAlone() {
        EthiqApp nodeA = harness.startApp();
        EthiqApp nodeB = harness.startApp();
        TwilioCallSimulator viaA = harness.simulator(nodeA);
        TwilioCallSimulator viaB = harness.simulator(nodeB);
        TestTenant t = harness.tenant("Mme Jeton", 1);
        Call call = viaA.ring(t.account(), "+33612345678", t.number()); // the webhook lands on A
        Map<String, String> params = call.twiml().streamParameters();
        String streamUrl = call.twiml().streamUrl().orElseThrow();

        MediaStream onB = viaB.openStream(t.account(), call.callSid(), streamUrl, Signing.VALID).sendConnected().sendStart(params);
        onB.stream(Duration.ofMillis(200));
        // the start is decided on a worker: wait until B has used the token and started the session
        assertThat(eventually(Duration.ofSeconds(5), () -> nodeB.assembly().core().callSessions().liveCount() == 1))
                .as("the media lands on B and is accepted").isTrue();
        assertThat(onB.isClosed()).isFalse();

        MediaStream replayOnA = viaA.openStream(t.account(), call.callSid(), streamUrl, Signing.VALID).sendConnected().sendStart(params);
        assertThat(replayOnA.awaitClosed(Duration.ofSeconds(5))).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(POLICY));
        // A has never seen the token: the call log's stream claim refuses it (counted once the close completes)
        assertThat(eventually(Duration.ofSeconds(3),
                () -> nodeA.assembly().metrics().media().refusals("call_already_streamed_or_over") == 1))
                .as("refused by the stream claim").isTrue();
        assertThat(nodeA.assembly().core().callSessions().liveCount()).isZero();
        // on B itself, its memory of used tokens answers without a round trip
        MediaStream replayOnB = viaB.openStream(t.account(), call.callSid(), streamUrl, Signing.VALID).sendConnected().sendStart(params);
        assertThat(replayOnB.awaitClosed(Duration.ofSeconds(5))).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(POLICY));
        assertThat(eventually(Duration.ofSeconds(3), () -> nodeB.assembly().metrics().media().refusals("token_replayed") == 1))
                .as("refused as replayed on the node that used it").isTrue();
        assertThat(onB.isClosed()).isFalse();
        onB.sendStop();
        onB.awaitClosed(Duration.ofSeconds(5));
        onB.close();

        // the call is over: its token opens nothing on a node that never saw it either
        assertThat(call.status("completed").status()).isBetween(200, 299);
        EthiqApp nodeC = harness.startApp();
        MediaStream afterTheEnd = harness.simulator(nodeC).openStream(t.account(), call.callSid(), streamUrl, Signing.VALID)
                .sendConnected().sendStart(params);
        assertThat(afterTheEnd.awaitClosed(Duration.ofSeconds(5))).hasValueSatisfying(c -> assertThat(c.code()).isEqualTo(POLICY));
        assertThat(nodeC.assembly().core().callSessions().liveCount()).isZero();
    }

    @Test
    void aTenantsAiBudgetIsSpentOnceBetweenTwoNodes() throws Exception {
        EthiqApp nodeA = harness.startApp();
        EthiqApp nodeB = harness.startApp();
        TestTenant t = harness.tenant("Mme Budget", 0);
        AiBudget onA = new AiBudget(nodeA.assembly().adapters().aiBudgetLedger(), harness.clock);
        AiBudget onB = new AiBudget(nodeB.assembly().adapters().aiBudgetLedger(), harness.clock);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AiBudget node = i % 2 == 0 ? onA : onB;
                taken.add(pool.submit(() -> {
                    int n = 0;
                    for (int k = 0; k < 100; k++) {
                        n += node.tryTake(t.id(), 120) ? 1 : 0;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : taken) {
                total += f.get();
            }
            assertThat(total).as("400 asked, 120 allowed for the cluster").isEqualTo(120);
            assertThat(onA.usedToday(t.id()) + onB.usedToday(t.id())).isEqualTo(120);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDashboardFeedOnBHearsTheEventsOfACallOnAOnceEachAndOnlyItsAccounts() {
        AtomicReference<LiveFeed> feedA = new AtomicReference<>();
        AtomicReference<LiveFeed> feedB = new AtomicReference<>();
        EthiqApp nodeA = harness.startApp(Map.of(), cc -> cc, adapters -> {
            feedA.set(new LiveFeed(harness.clock, adapters.clusterEvents()));
            return List.of(new Dashboard(feedA.get(), Viewers.NONE, Set.of()));
        });
        harness.startApp(Map.of(), cc -> cc, adapters -> {
            feedB.set(new LiveFeed(harness.clock, adapters.clusterEvents()));
            return List.of(new Dashboard(feedB.get(), Viewers.NONE, Set.of()));
        });
        TestTenant t = harness.tenant("Mme Tableau", 1);
        TestTenant other = harness.tenant("M. Autre", 1);
        List<String> onB = new CopyOnWriteArrayList<>();
        List<String> onA = new CopyOnWriteArrayList<>();
        feedB.get().subscribe(Set.of(t.id()), (name, e) -> onB.add(describe(name, e)));
        feedA.get().subscribe(Set.of(t.id()), (name, e) -> onA.add(describe(name, e)));

        TwilioCallSimulator viaA = harness.simulator(nodeA);
        Call scam = scamCall(viaA, t);
        Call others = scamCall(viaA, other);
        assertThat(eventually(Duration.ofSeconds(15), () -> onB.contains("call:" + scam.callSid() + ":ended")
                && onB.contains("alert:" + scam.callSid() + ":sms:sent"))).as("B heard " + onB).isTrue();
        assertThat(onB).contains("call:" + scam.callSid() + ":live", "call:" + scam.callSid() + ":live",
                "alert:" + scam.callSid() + ":sms:pending");
        assertThat(onB).anyMatch(e -> e.startsWith("verdict:" + scam.callSid() + ":scam:"));
        assertThat(onB).as("each event once").doesNotHaveDuplicates().noneMatch(e -> e.contains(others.callSid()));
        assertThat(onA).as("A's own subscribers are not served twice").doesNotHaveDuplicates();
    }

    /** name:callSid:what (state, level, or alert kind and status). */
    private static String describe(String name, Map<String, Object> e) {
        Object what = switch (name) {
            case "call" -> e.get("state");
            case "verdict" -> e.get("level") + ":" + e.get("category");
            default -> e.get("kind") + ":" + e.get("status");
        };
        return name + ":" + e.get("callSid") + ":" + what;
    }

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
}
