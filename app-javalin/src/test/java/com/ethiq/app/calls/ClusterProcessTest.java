package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.ContextKeys;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.TenantChangeListener;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.app.PostgresClusterEvents;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Account;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioSignature;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 14 item 5: three {@code ethiq serve} JVMs (separate processes: the CLI's {@code serve} command on this module's
 * classpath, what {@code ./ethiq serve} runs) on one PostgreSQL behind a real nginx load balancer (round robin,
 * WebSockets proxied). Twilio is the wire simulator (signed webhooks and media streams through nginx, so a call's
 * webhook and its media land on different nodes) plus the fake Twilio REST API in this JVM; speech is the scripted
 * recogniser, each call's lines posted once through nginx and kept in the store (so any node hears them, and a
 * survivor hears only the lines not heard yet). One node is killed with SIGKILL in the middle of the calls, while its
 * scam calls have heard the first half of the scam (the caller posing as the bank) and not the second (the
 * "operation" and the code). Its calls' leases lapse and a survivor starts a new stream on each through the fake's
 * REST Stream resource (issue 14 item 3); the simulator then does what Twilio does: opens the new media WebSocket
 * through nginx with that stream's parameters (its fresh token) and goes on with the call's audio. Calls that say only
 * the second half are never alerted, so a scam cut by the kill is caught because of the transcript heard before it.
 * The test counts calls protected, alerts delivered, call logs closed and the time each cut call took to stream again,
 * and asserts: every scam alerted, none twice, no clean or half call alerted, every cut call re-attached, the scams
 * straddling the kill caught with the lines heard before it stored once (not replayed on the new stream), a media
 * token used once on the cluster, every call's events heard through PostgreSQL, every call log closed. Skipped (with a
 * message) without nginx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterProcessTest {
    private static final Logger log = LoggerFactory.getLogger(ClusterProcessTest.class);
    private static final String MEDIA_SECRET = "cluster-test-media-token-secret-0123456789";
    private static final int NODES = 3;
    private static final int SCAM_CALLS = 8;
    /** Calls that say only the scam's second half: never alerted (the first half is what makes the second a scam). */
    private static final int HALF_CALLS = 2;
    private static final int CLEAN_CALLS = 2;
    private static final int CALLS = SCAM_CALLS + HALF_CALLS + CLEAN_CALLS;
    /** The scam's first half: 9 words, heard by 2.7 s of audio (300 ms a word), before the kill on every call. */
    private static final String FIRST_HALF = "bonjour madame je suis le conseiller de votre banque";
    /** 20 words (6 s, until 8.7 s): the kill falls in it; a line cut before its end is heard whole on the survivor. */
    private static final String FILLER = "alors attendez un petit instant je regarde votre dossier sur mon ordinateur "
            + "il y a beaucoup de monde ce matin";
    /** The second half (8.7 s to 15 s): a scam with the first half, not alone (phrase rules: 0.98 against 0.49). */
    private static final List<String> SECOND_HALF = List.of("il y a une opération de 1500 euros sur votre compte",
            "vous allez recevoir un code il faut me le lire");
    /** The scam's script needs 15 s of audio: 2 s of margin for a loaded machine. */
    private static final Duration CALL_AUDIO = Duration.ofSeconds(17);
    /**
     * How long after the last call started streaming node 1 is killed: its calls are in the filler line (the first
     * half needs 2.7 s of audio, a loaded machine processes it some time after it was sent; the filler ends at 8.7 s).
     */
    private static final Duration KILL_AFTER = Duration.ofSeconds(5);
    /** Short leases, so a survivor takes the dead node's calls over within a few seconds (defaults: 1 s / 4 s). */
    private static final Duration LEASE_HEARTBEAT = Duration.ofMillis(500);
    private static final Duration LEASE_LAPSE_AFTER = Duration.ofSeconds(2);
    /**
     * Audio streamed on a re-attached stream at least: the survivor hears the lines not heard before the kill — the
     * filler, cut by the kill, whole again, then the second half (41 words, 12.3 s); or, where the dead node had not
     * heard the first half yet (the machine lagging), the whole script (15 s).
     */
    private static final Duration SCRIPT_AUDIO = Duration.ofMillis(15_000 + 2_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dir;
    private TestDatabase.Database db;
    private SupabaseStore store;
    private FakeTwilioApi twilio;
    private Process nginx;
    private int lbPort;
    private final List<Node> nodes = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch streaming = new java.util.concurrent.CountDownLatch(CALLS);
    /** The first stream a node created on each call through the REST Stream resource (what Twilio connects). */
    private final Map<String, java.util.concurrent.CompletableFuture<FakeTwilioApi.FakeStream>> restreams = new ConcurrentHashMap<>();
    private volatile long killedAt;
    private volatile int victimIndex;
    private volatile Instant killedAtWall;

    private record Node(int index, int port, Process process) {
        URI base() {
            return URI.create("http://127.0.0.1:" + port);
        }

        /** The id the node runs with, as its call leases name it. */
        String id() {
            return nodeId(index);
        }
    }

    /** {@code ETHIQ_NODE_ID} of the node started with this index. */
    private static String nodeId(int index) {
        return "cluster-node-" + index;
    }

    private record TestTenant(TenantId id, Account account, String number, List<PhoneNumber> contacts) {
    }

    /** What a call says: a scam (both halves), only the scam's second half, or a family call. */
    private enum Kind {
        SCAM, HALF, CLEAN
    }

    /** What happened to one simulated call. */
    private record Outcome(TestTenant tenant, Call call, Kind kind, boolean streamCut, int framesSent,
                           long reattachMillis, int framesAfter) {
        boolean reattached() {
            return reattachMillis >= 0;
        }

        boolean scam() {
            return kind == Kind.SCAM;
        }
    }

    @BeforeAll
    void startCluster() throws Exception {
        Assumptions.assumeTrue(nginx() != null, "nginx is not installed (apt-get install nginx-light; .ci/run does it): "
                + "the multi-process cluster test is skipped");
        dir = Files.createTempDirectory("ethiq-cluster");
        db = TestDatabase.shared().freshDatabase();
        // the nodes derive their database context keys from the secrets keyring, as in production
        ContextKeys.derive(TestDatabase.testKeyring()).install(db.superuserDataSource(), TestDatabase.ROLES);
        store = db.storeBuilder().clock(Clock.systemUTC()).build();
        twilio = FakeTwilioApi.start();
        twilio.onStreamCreated(s -> restream(s.callSid()).complete(s));
        lbPort = freePort();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            ports.add(freePort());
        }
        nginx = startNginx(ports);
        for (int i = 0; i < NODES; i++) {
            nodes.add(startNode(i, ports.get(i)));
        }
        for (Node n : nodes) {
            assertThat(awaitHealthy(n, Duration.ofSeconds(90))).as("node " + n.index() + " started; its log: "
                    + dir.resolve("node-" + n.index() + ".log")).isTrue();
        }
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            if (!n.process().waitFor(10, TimeUnit.SECONDS)) {
                n.process().destroyForcibly();
            }
        }
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(5, TimeUnit.SECONDS);
        }
        if (twilio != null) {
            twilio.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void aNodeKilledMidCallLosesNoAlertTwiceAndTheSurvivorsKeepProtecting() throws Exception {
        long started = System.nanoTime();
        List<String> events = new CopyOnWriteArrayList<>();
        try (TenantChangeListener listener = new TenantChangeListener(db.directAppDataSource(), Duration.ofMillis(50), Duration.ofSeconds(1))) {
            listener.start();
            // kept with the instant heard, to measure how long an event takes from its node to another process
            listener.listen(PostgresClusterEvents.CHANNEL, e -> events.add(System.currentTimeMillis() + "|" + e));
            assertThat(listener.awaitListening(Duration.ofSeconds(10))).isTrue();
            Thread.sleep(300); // the extra channel is listened to within a poll interval

            URI lb = URI.create("http://127.0.0.1:" + lbPort);
            TwilioCallSimulator viaLb = new TwilioCallSimulator(lb, lb);
            List<TestTenant> tenants = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                tenants.add(tenant("Cluster " + i, 2));
            }
            ExecutorService pool = Executors.newFixedThreadPool(CALLS);
            List<Future<Outcome>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < tenants.size(); i++) {
                    Kind kind = i < SCAM_CALLS ? Kind.SCAM : i < SCAM_CALLS + HALF_CALLS ? Kind.HALF : Kind.CLEAN;
                    TestTenant t = tenants.get(i);
                    futures.add(pool.submit(() -> call(viaLb, t, kind)));
                    Thread.sleep(150); // spread the calls over the round robin
                }
                assertThat(streaming.await(60, TimeUnit.SECONDS)).as("every call streams").isTrue();
                Thread.sleep(KILL_AFTER.toMillis());
                Node victim = busiestMediaNode();
                victimIndex = victim.index();
                long pid = victim.process().pid();
                killedAt = System.nanoTime();
                killedAtWall = Instant.now();
                new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor(5, TimeUnit.SECONDS);
                log.info("cluster test: node {} (pid {}) killed with SIGKILL", victim.index(), pid);
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : futures) {
                    outcomes.add(f.get(120, TimeUnit.SECONDS));
                }
                report(outcomes, events, started, viaLb);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private Outcome call(TwilioCallSimulator viaLb, TestTenant t, Kind kind) throws Exception {
        Call call = viaLb.ring(t.account(), "+33612345678", t.number());
        if (kind == Kind.SCAM) {
            scamCallSids.add(call.callSid());
        }
        // the call is live at Twilio: what a survivor's GET Call sees before it streams the call again
        twilio.startCall(t.account().accountSid(), call.callSid());
        twilio.startConference(t.account().accountSid(), call.twiml().conference().orElseThrow());
        List<String> caller = new ArrayList<>();
        switch (kind) {
            case SCAM -> {
                caller.add(FIRST_HALF);
                caller.add(FILLER);
                caller.addAll(SECOND_HALF);
            }
            case HALF -> {
                caller.add(FILLER);
                caller.addAll(SECOND_HALF);
            }
            case CLEAN -> caller.addAll(Scripts.LEGIT_CALLER);
        }
        script(t, call.callSid(), caller, kind == Kind.CLEAN ? Scripts.LEGIT_CALLEE : Scripts.SCAM_CALLEE);
        boolean cut;
        int frames;
        try (MediaStream stream = call.startStream()) {
            streaming.countDown();
            frames = stream.stream(CALL_AUDIO);
            cut = stream.isClosed();
            if (!cut) {
                stream.sendStop();
                stream.awaitClosed(Duration.ofSeconds(5));
            }
        }
        long reattachMillis = -1;
        int framesAfter = 0;
        if (cut) {
            // like Twilio: a survivor asked for a new stream on the live call; connect it where it says, with its parameters
            FakeTwilioApi.FakeStream again = restream(call.callSid()).get(60, TimeUnit.SECONDS);
            try (MediaStream resumed = viaLb.openStream(t.account(), call.callSid(), again.url().toString(),
                    TwilioCallSimulator.Signing.VALID)) {
                resumed.sendConnected().sendStart(again.parameters());
                reattachMillis = (System.nanoTime() - killedAt) / 1_000_000;
                Duration rest = CALL_AUDIO.minusMillis(frames * 20L);
                framesAfter = resumed.stream(rest.compareTo(SCRIPT_AUDIO) > 0 ? rest : SCRIPT_AUDIO);
                assertThat(resumed.isClosed()).as("the re-attached stream of " + call.callSid() + " stays open").isFalse();
                resumed.sendStop();
                resumed.awaitClosed(Duration.ofSeconds(5));
            }
        }
        // the caller hangs up: Twilio's call is over (a lapsed lease now closes the log instead of streaming it)
        twilio.setCallStatus(t.account().accountSid(), call.callSid(), "completed");
        // Twilio's status callback at hang-up, through the load balancer (a survivor answers it)
        TwilioCallSimulator.Reply status = call.status("completed");
        assertThat(status.status()).as("call-status of " + call.callSid()).isBetween(200, 299);
        return new Outcome(t, call, kind, cut, frames, reattachMillis, framesAfter);
    }

    private java.util.concurrent.CompletableFuture<FakeTwilioApi.FakeStream> restream(String callSid) {
        return restreams.computeIfAbsent(callSid, k -> new java.util.concurrent.CompletableFuture<>());
    }

    private void report(List<Outcome> outcomes, List<String> events, long started, TwilioCallSimulator viaLb) throws Exception {
        // alerts are delivered by whichever node's workers claim them: give them time, then count
        CallPathHarness.eventually(Duration.ofSeconds(20), () -> outcomes.stream().filter(Outcome::scam)
                .allMatch(o -> sent(o) == 3));
        int protectedCalls = 0;
        int missedScams = 0;
        int falseAlarms = 0;
        int closed = 0;
        int smsDelivered = 0;
        int announcements = 0;
        int doubled = 0;
        int straddling = 0;
        int straddlingProtected = 0;
        int firstHalfReplayed = 0;
        List<String> lines = new ArrayList<>();
        for (Outcome o : outcomes) {
            TestTenant t = o.tenant();
            List<Alert> alerts = store.alertOutbox().forCall(t.id(), CallSid.of(o.call().callSid()));
            Map<String, Long> smsPerContact = twilio.messages(t.account().accountSid()).stream()
                    .collect(Collectors.groupingBy(FakeTwilioApi.FakeMessage::to, Collectors.counting()));
            // the warning is spoken to the protected person's leg (a participant announcement; conference-wide before)
            long announced = twilio.participantAnnouncements().stream().filter(a -> a.accountSid().equals(t.account().accountSid())).count()
                    + twilio.announcements().stream().filter(a -> a.accountSid().equals(t.account().accountSid())).count();
            smsDelivered += (int) smsPerContact.values().stream().mapToLong(Long::longValue).sum();
            announcements += (int) announced;
            doubled += (int) smsPerContact.values().stream().filter(n -> n > 1).count() + (announced > 1 ? 1 : 0);
            boolean alerted = !smsPerContact.isEmpty() || announced > 0;
            // protected: every contact warned by SMS and the protected person warned on the line
            if (o.scam() && smsPerContact.size() == t.contacts().size() && announced > 0) {
                protectedCalls++;
            } else if (o.scam()) {
                missedScams++;
            } else if (alerted) {
                falseAlarms++;
            }
            CallLog log = store.callLogs().find(t.id(), CallSid.of(o.call().callSid())).orElseThrow();
            boolean isClosed = log.ended().isPresent();
            closed += isClosed ? 1 : 0;
            String straddle = "";
            if (o.scam() && o.streamCut()) {
                // the first half heard on the dead node (the store says when), the rest on the survivor's new stream
                Instant firstHeard = firstLineHeardAt(t, o.call().callSid());
                long stored = store.callLogs().transcript(t.id(), CallSid.of(o.call().callSid())).stream()
                        .filter(seg -> seg.isFinal() && seg.text().equals(FIRST_HALF)).count();
                firstHalfReplayed += stored == 1 ? 0 : 1;
                if (firstHeard != null && firstHeard.isBefore(killedAtWall)) {
                    straddling++;
                    straddlingProtected += smsPerContact.size() == t.contacts().size() && announced > 0 ? 1 : 0;
                }
                straddle = String.format(" first half heard %s the kill, stored %d time(s)",
                        firstHeard == null ? "never before" : firstHeard.isBefore(killedAtWall) ? "before" : "after", stored);
            }
            lines.add(String.format("%s %-5s stream=%s frames=%d%s%s alerts=%d sms=%s announced=%d log=%s",
                    o.call().callSid(), o.kind().name().toLowerCase(java.util.Locale.ROOT), o.streamCut() ? "CUT" : "whole", o.framesSent(),
                    o.reattached() ? String.format(" re-attached %d ms after the kill, then frames=%d", o.reattachMillis(), o.framesAfter()) : "",
                    straddle, alerts.size(), smsPerContact.values(), announced, log.state()));
        }
        // a token already redeemed, presented again through the load balancer (any node): refused
        int tokenReplaysRefused = 0;
        for (Outcome o : outcomes.subList(0, 3)) {
            try (MediaStream replay = o.call().startStream()) {
                tokenReplaysRefused += replay.awaitClosed(Duration.ofSeconds(5)).map(c -> c.code() == 1008).orElse(false) ? 1 : 0;
            }
        }
        Map<String, Long> eventsPerCall = new LinkedHashMap<>();
        List<Long> delays = new ArrayList<>();
        for (String heard : events) {
            int bar = heard.indexOf('|');
            var e = JSON.readTree(heard.substring(bar + 1));
            if (!e.path("p").has("at")) {
                continue; // not a live call event: the simulator's notice of new script lines shares the channel
            }
            eventsPerCall.merge(e.path("p").path("callSid").asText(""), 1L, Long::sum);
            delays.add(Long.parseLong(heard.substring(0, bar)) - Instant.parse(e.path("p").path("at").asText()).toEpochMilli());
        }
        delays.sort(null);
        String eventDelay = delays.isEmpty() ? "n/a" : String.format("event → other process: median %d ms, p95 %d ms, max %d ms",
                delays.get(delays.size() / 2), delays.get((int) Math.min(delays.size() - 1, Math.round(delays.size() * 0.95))),
                delays.get(delays.size() - 1));
        long callsWithEvents = outcomes.stream().filter(o -> eventsPerCall.containsKey(o.call().callSid())).count();
        long cut = outcomes.stream().filter(Outcome::streamCut).count();
        long scamsCut = outcomes.stream().filter(o -> o.scam() && o.streamCut()).count();
        List<Long> reattach = outcomes.stream().filter(Outcome::reattached).map(Outcome::reattachMillis).sorted().toList();
        String reattachTimes = reattach.isEmpty() ? "n/a" : String.format("min %d ms, median %d ms, max %d ms",
                reattach.get(0), reattach.get(reattach.size() / 2), reattach.get(reattach.size() - 1));
        int streamsCreated = twilio.streams().size();
        double seconds = (System.nanoTime() - started) / 1e9;
        String summary = String.format("cluster figures: nodes=%d calls=%d (scam %d, second half only %d, clean %d) "
                        + "killed=node-%d (the one streaming the most scam calls) %d s into the calls; "
                        + "streams cut by the kill=%d (scam %d); re-attached=%d/%d (REST streams created %d; kill → media start: %s; "
                        + "heartbeat %d ms, lapse %d ms); scam calls protected=%d/%d, missed=%d; straddling the kill=%d, "
                        + "protected=%d, first half stored other than once=%d; false alarms (half or clean)=%d; "
                        + "SMS delivered=%d, announcements=%d, doubled=%d; call logs closed=%d/%d; token replays refused=%d/3; "
                        + "calls whose events were heard through PostgreSQL=%d/%d (%d events; %s); %.1f s",
                NODES, outcomes.size(), SCAM_CALLS, HALF_CALLS, CLEAN_CALLS, victimIndex, KILL_AFTER.toSeconds(), cut, scamsCut,
                reattach.size(), cut, streamsCreated, reattachTimes, LEASE_HEARTBEAT.toMillis(), LEASE_LAPSE_AFTER.toMillis(),
                protectedCalls, SCAM_CALLS, missedScams, straddling, straddlingProtected, firstHalfReplayed, falseAlarms,
                smsDelivered, announcements, doubled, closed, outcomes.size(),
                tokenReplaysRefused, callsWithEvents, outcomes.size(), delays.size(), eventDelay, seconds);
        lines.forEach(l -> log.info("cluster call: {}", l));
        log.info(summary);
        System.out.println(summary);
        Files.writeString(Path.of("target", "cluster-figures.txt"), summary + System.lineSeparator()
                + String.join(System.lineSeparator(), lines) + System.lineSeparator());

        assertThat(doubled).as("no alert sent twice").isZero();
        assertThat(falseAlarms).as("no clean call alerted, nor one saying only the scam's second half").isZero();
        assertThat(cut).as("the kill cut some streams (else nothing was tested)").isPositive();
        assertThat(reattach).as("every stream cut by the kill started again on a survivor").hasSize((int) cut);
        assertThat(streamsCreated).as("one new stream per cut call, none for a call whose stream survived").isEqualTo((int) cut);
        assertThat(protectedCalls).as("every scam alerted, those whose node died included").isEqualTo(SCAM_CALLS);
        // the straddling scams: caught through the first half heard on the dead node, which the new stream does not
        // hear again (a half alone is never alerted, above)
        assertThat(scamsCut).as("the kill cut scam calls (else the straddle was not tested)").isPositive();
        assertThat(straddling).as("cut scams whose first half was heard on the dead node").isPositive();
        assertThat(straddlingProtected).as("straddling scams caught").isEqualTo(straddling);
        assertThat(firstHalfReplayed).as("lines heard before the kill are not heard again on the new stream").isZero();
        assertThat(tokenReplaysRefused).as("tokens are single-use on the cluster").isEqualTo(3);
        assertThat(callsWithEvents).as("every call's events reach PostgreSQL listeners, whatever its node")
                .isEqualTo(outcomes.size());
        assertThat(closed).as("call logs closed by the status callback on a survivor").isEqualTo(outcomes.size());
    }

    private int sent(Outcome o) {
        return (int) store.alertOutbox().forCall(o.tenant().id(), CallSid.of(o.call().callSid())).stream()
                .filter(a -> a.status() == AlertStatus.SENT).count();
    }

    /** Posts a call's lines once, through the load balancer: whichever node takes it stores them for all. */
    private void script(TestTenant t, String callSid, List<String> caller, List<String> callee) throws Exception {
        List<Map<String, String>> turns = new ArrayList<>();
        caller.forEach(l -> turns.add(Map.of("track", "inbound", "text", l)));
        callee.forEach(l -> turns.add(Map.of("track", "outbound", "text", l)));
        String body = JSON.writeValueAsString(Map.of("callSid", callSid, "turns", turns));
        String path = "/sim/speech?to=" + java.net.URLEncoder.encode(t.number(), StandardCharsets.UTF_8)
                + "&bodySHA256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        String url = "http://127.0.0.1:" + lbPort + path;
        String signature = TwilioSignature.sign(t.account().authToken(), url, Map.of());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("X-Twilio-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("/sim/speech through nginx: " + r.body()).isEqualTo(200);
    }

    /** When the scam's first line was heard, on whichever node (the scripts table, read as the superuser). */
    private Instant firstLineHeardAt(TestTenant t, String callSid) throws java.sql.SQLException {
        try (java.sql.Connection c = db.superuserDataSource().getConnection();
             java.sql.PreparedStatement q = c.prepareStatement("select heard_at from ethiq.sim_speech_lines "
                     + "where account_id = ? and call_sid = ? and speaker = 'caller' and line_index = 0")) {
            q.setObject(1, t.id().value());
            q.setString(2, callSid);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                java.sql.Timestamp at = rs.next() ? rs.getTimestamp(1) : null;
                return at == null ? null : at.toInstant();
            }
        }
    }

    private TestTenant tenant(String name, int contacts) {
        TenantId id = TenantId.random();
        PhoneNumber number = CallPathHarness.randomNumber("+3397");
        store.tenants().create(new Tenant(id, name, AccountStatus.ACTIVE, number,
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@home.sip.twilio.com"),
                TenantSettings.defaults(), Instant.now()));
        Account account = Account.random();
        store.tenantSecrets().storeTelephony(id, new TelephonyCredentials(account.accountSid(), Secret.of(account.authToken())));
        twilio.registerAccount(account.accountSid(), account.authToken());
        twilio.addIncomingNumber(account.accountSid(), number.e164());
        List<PhoneNumber> people = new ArrayList<>();
        for (int i = 0; i < contacts; i++) {
            PhoneNumber phone = CallPathHarness.randomNumber("+3361");
            store.emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), id, "Contact " + i, phone, "enfant", Instant.now()));
            people.add(phone);
        }
        return new TestTenant(id, account, number.e164(), people);
    }

    private Node startNode(int index, int port) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                "com.ethiq.app.cli.EthiqCli", "serve", "--data-dir", dir.resolve("node-" + index).toString());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("ETHIQ_"));
        env.put("ETHIQ_HTTP_HOST", "127.0.0.1");
        env.put("ETHIQ_HTTP_PORT", Integer.toString(port));
        env.put("ETHIQ_NODE_ID", nodeId(index));
        env.put("ETHIQ_PUBLIC_BASE_URL", "http://127.0.0.1:" + lbPort);
        env.put("ETHIQ_MEDIA_TOKEN_SECRET", MEDIA_SECRET);
        env.put("ETHIQ_API_JWT_SECRET", Base64.getEncoder().encodeToString(TestDatabase.key((byte) 0x55)));
        env.put("ETHIQ_TELEPHONY", "twilio");
        env.put("ETHIQ_TWILIO_API_BASE_URL", twilio.baseUrl().toString());
        env.put("ETHIQ_SPEECH", "simulated");
        env.put("ETHIQ_DATABASE_URL", db.jdbcUrl());
        env.put("ETHIQ_DATABASE_USER", TestDatabase.ROLES.app());
        env.put("ETHIQ_DATABASE_PASSWORD", TestDatabase.APP_PASSWORD);
        env.put("ETHIQ_DATABASE_PLATFORM_USER", TestDatabase.ROLES.platform());
        env.put("ETHIQ_DATABASE_PLATFORM_PASSWORD", TestDatabase.PLATFORM_PASSWORD);
        env.put("ETHIQ_DATABASE_POOL_SIZE", "6");
        env.put("ETHIQ_SECRET_KEYS", TestDatabase.keySpec("k0", (byte) 0x10) + "," + TestDatabase.keySpec("k1", (byte) 0x20));
        env.put("ETHIQ_SECRET_ACTIVE_KEY", "k1");
        env.put("ETHIQ_ALERT_DISPATCH_INTERVAL", "PT0.2S");
        env.put("ETHIQ_ALERT_FIRST_BACKOFF", "PT0.2S");
        env.put("ETHIQ_ALERT_MAX_BACKOFF", "PT1S");
        env.put("ETHIQ_SHUTDOWN_GRACE", "PT2S");
        env.put("ETHIQ_LEASE_HEARTBEAT", LEASE_HEARTBEAT.toString());
        env.put("ETHIQ_LEASE_LAPSE_AFTER", LEASE_LAPSE_AFTER.toString());
        // the simulator catches up in bursts when this (shared, 2-core) machine stalls it: not an abusive sender
        env.put("ETHIQ_MEDIA_MAX_FRAMES_PER_SECOND", "1000");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("node-" + index + ".log").toFile());
        return new Node(index, port, pb.start());
    }

    private boolean awaitHealthy(Node n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && n.process().isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.base() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    /**
     * The node streaming the most calls, from the call leases (the superuser reads every account's). Round robin over
     * every request (webhooks, scripts, media) can leave one node with no media socket at all, so a fixed victim
     * sometimes cut nothing.
     */
    /** The scam calls' sids, as they ring: the node to kill is the one streaming most of them. */
    private final java.util.Set<String> scamCallSids = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Node busiestMediaNode() throws java.sql.SQLException {
        // Most live scam calls first, then most calls: the kill must cut scam calls for the straddle to be tested,
        // whatever way the round robin happened to place them (by calls alone, one run killed a node with no scam).
        Map<String, Long> leases = new LinkedHashMap<>();
        Map<String, Long> scamLeases = new LinkedHashMap<>();
        try (java.sql.Connection c = db.superuserDataSource().getConnection();
             java.sql.PreparedStatement q = c.prepareStatement("select lease_node, call_sid from ethiq.call_logs "
                     + "where lease_node is not null");
             java.sql.ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                leases.merge(rs.getString(1), 1L, Long::sum);
                if (scamCallSids.contains(rs.getString(2))) {
                    scamLeases.merge(rs.getString(1), 1L, Long::sum);
                }
            }
        }
        log.info("cluster test: calls streamed per node {}, scam calls {}", leases, scamLeases);
        return nodes.stream()
                .max(java.util.Comparator.<Node>comparingLong(n -> scamLeases.getOrDefault(n.id(), 0L))
                        .thenComparingLong(n -> leases.getOrDefault(n.id(), 0L)))
                .orElseThrow();
    }

    private Process startNginx(List<Integer> ports) throws IOException, InterruptedException {
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("nginx-tmp"));
        String upstreams = ports.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=30s;")
                .collect(Collectors.joining("\n"));
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        Files.writeString(conf, user + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log warn;
                events { worker_connections 2048; }
                http {
                  log_format upstream '$request_method $uri $status $upstream_addr';
                  access_log %1$s/nginx-access.log upstream;
                  client_body_temp_path %1$s/nginx-tmp/body;
                  proxy_temp_path %1$s/nginx-tmp/proxy;
                  fastcgi_temp_path %1$s/nginx-tmp/fastcgi;
                  uwsgi_temp_path %1$s/nginx-tmp/uwsgi;
                  scgi_temp_path %1$s/nginx-tmp/scgi;
                  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                  upstream ethiq {
                %2$s
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://ethiq;
                      proxy_http_version 1.1;
                      proxy_set_header Upgrade $http_upgrade;
                      proxy_set_header Connection $connection_upgrade;
                      proxy_set_header Host $host;
                      proxy_connect_timeout 2s;
                      proxy_read_timeout 60s;
                    }
                  }
                }
                """.formatted(dir.toString(), upstreams, lbPort));
        // -e: not even the start-up log goes to /var/log (a user without root can run it)
        Process p = new ProcessBuilder(nginx(), "-p", dir.toString(), "-e", dir.resolve("nginx-error.log").toString(),
                "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        Thread.sleep(300);
        assertThat(p.isAlive()).as("nginx started: " + Files.readString(dir.resolve("nginx.out"))).isTrue();
        return p;
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
