package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.usecase.CallSessions;
import com.ethiq.core.usecase.IncomingCall;
import com.ethiq.core.usecase.StreamRecovery;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Two nodes (two cores, each with its own lease id, recogniser and Twilio client) on the real embedded PostgreSQL and
 * the Twilio wire fake. Node A streams N calls and dies (its threads stop, nothing is ended: what a {@code kill -9}
 * leaves in the database); node B's sweep claims A's lapsed leases, asks Twilio whether each call is live
 * ({@code GET Call}) and starts a new stream on it ({@code POST Calls/{sid}/Streams.json}); the fake then "connects"
 * the stream to B the way the media socket's start would: token verified and its generation claimed once. Measured:
 * time from A's death to each call's session running on B. Also: a call ended at Twilio is closed with its usage,
 * not streamed again; a scam straddling the crash is alerted once; a scam alerted before it is not alerted again.
 */
class CallTakeOverTest {
    private static final StreamRecovery.Settings SETTINGS = StreamRecovery.Settings.DEFAULT; // 1 s heartbeat, 4 s lapse
    private static final List<String> FIRST_HALF = List.of(
            "bonjour madame je suis conseiller au service anti fraude de votre banque");
    private static final List<String> SECOND_HALF = List.of(
            "nous avons détecté une opération suspecte de 1500 euros sur votre carte bancaire",
            "pour annuler l'opération vous allez recevoir un code par sms il faut me le lire tout de suite");

    @Test
    void twentyCalls() throws Exception {
        aDeadNodesCallsStreamAgainOnTheSurvivorOrAreClosed(20);
    }

    /** The figure for docs/performance.md: {@code -Dethiq.takeover.large=true}. */
    @Test
    @EnabledIfSystemProperty(named = "ethiq.takeover.large", matches = "true")
    void twoHundredCalls() throws Exception {
        aDeadNodesCallsStreamAgainOnTheSurvivorOrAreClosed(200);
    }

    private void aDeadNodesCallsStreamAgainOnTheSurvivorOrAreClosed(int n) throws Exception {
        TestDatabase.Database db = TestDatabase.shared().database();
        SupabaseStore store = db.storeBuilder().clock(Clock.systemUTC()).build();
        try (FakeTwilioApi twilio = FakeTwilioApi.start()) {
            String account = "AC" + HexFormat.of().formatHex(randomBytes(16));
            String authToken = HexFormat.of().formatHex(randomBytes(16));
            twilio.registerAccount(account, authToken);
            Tenant tenant = newTenant(store, twilio, account, authToken);
            MediaTokens tokens = new MediaTokens(randomBytes(32), Clock.systemUTC());
            Node a = new Node("a", store, twilio, tokens);
            Node b = new Node("b", store, twilio, tokens);
            Map<CallSid, Long> resumedAt = new ConcurrentHashMap<>();
            AtomicInteger refused = new AtomicInteger();
            // Twilio connecting each new stream: to B, through the media start's own checks
            twilio.onStreamCreated(s -> {
                var r = tokens.redeem(s.parameters().get("token"), s.callSid());
                if (r instanceof MediaTokens.Accepted ok && b.core.incomingCalls().claimMediaStream(ok.tenant(), ok.callSid(), ok.generation())) {
                    b.core.callSessions().start(new CallSessions.StreamStart(tenant, ok.callSid(), ok.generation()));
                    resumedAt.put(ok.callSid(), System.nanoTime());
                } else {
                    refused.incrementAndGet();
                }
            });
            try {
                a.core.start();
                b.core.start();
                List<CallSid> live = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    live.add(a.connect(tenant, twilio, account));
                }
                CallSid over = a.connect(tenant, twilio, account);
                CallSid straddling = live.get(0);
                CallSid alertedBefore = live.get(1);
                a.say(straddling, FIRST_HALF);
                a.say(alertedBefore, FIRST_HALF);
                a.say(alertedBefore, SECOND_HALF);
                await(() -> twilio.messages(account).size() == 1, Duration.ofSeconds(5), "the alert of the call scammed before the crash");
                await(() -> live.stream().allMatch(sid -> store.callLeases().find(tenant.id(), sid)
                        .map(l -> l.node().equals(a.node)).orElse(false)), Duration.ofSeconds(10), "A holds every lease");
                await(() -> a.core.storeWrites().pending() == 0, Duration.ofSeconds(10), "A's writes stored");
                twilio.setCallStatus(account, over.value(), "completed"); // ended while A was dying: no status reached anyone

                a.core.close(); // A dies: no more heartbeats, its sessions are never ended
                long death = System.nanoTime();

                await(() -> resumedAt.keySet().containsAll(live), Duration.ofSeconds(20), "every live call streaming on B");
                await(() -> store.callLogs().find(tenant.id(), over).map(l -> l.state() == CallState.ENDED).orElse(false),
                        Duration.ofSeconds(5), "the ended call closed");

                List<Long> millis = live.stream().map(sid -> (resumedAt.get(sid) - death) / 1_000_000).sorted().toList();
                long p50 = millis.get(millis.size() / 2);
                long p99 = millis.get(Math.min(millis.size() - 1, (int) Math.ceil(millis.size() * 0.99) - 1));
                System.out.printf("[take-over] N=%d: re-attached %d/%d, p50 %d ms, p99 %d ms, max %d ms after the death "
                                + "(heartbeat %d ms, lapse %d ms)%n", n, resumedAt.size(), n, p50, p99, millis.get(millis.size() - 1),
                        SETTINGS.heartbeat().toMillis(), SETTINGS.lapseAfter().toMillis());
                assertThat(p99).as("p99 time to re-attach (target <= 5 s, limit 10 s)").isLessThanOrEqualTo(10_000);
                assertThat(twilio.streams()).extracting(FakeTwilioApi.FakeStream::callSid).doesNotContain(over.value())
                        .hasSize(n).allMatch(sid -> live.contains(CallSid.of(sid)));
                assertThat(refused.get()).isZero();
                for (CallSid sid : live) {
                    assertThat(store.callLeases().find(tenant.id(), sid).orElseThrow().node()).isEqualTo(b.node);
                    assertThat(b.core.incomingCalls().claimMediaStream(tenant.id(), sid, 0)).as("A's token after the take-over").isFalse();
                }
                // the ended call: closed once, its usage recorded, not streamed again
                assertThat(store.usageLedger().events(tenant.id(), YearMonth.from(Instant.now().atZone(ZoneOffset.UTC))))
                        .filteredOn(e -> e.kind() == UsageKind.CALLS && e.callSid().equals(over)).hasSize(1);

                // the straddling scam: its second half heard on B, one SMS; the one alerted before: no second SMS
                b.say(straddling, SECOND_HALF);
                b.say(alertedBefore, SECOND_HALF);
                await(() -> twilio.messages(account).size() >= 2, Duration.ofSeconds(5), "the straddling scam's alert");
                Thread.sleep(500);
                assertThat(twilio.messages(account)).as("one SMS per scam call, across both nodes").hasSize(2);
                assertThat(store.callLogs().transcript(tenant.id(), straddling)).extracting(TranscriptSegment::text)
                        .containsExactly(FIRST_HALF.get(0), SECOND_HALF.get(0), SECOND_HALF.get(1));
                assertThat(store.callLogs().find(tenant.id(), straddling).orElseThrow().fraudDetected()).isTrue();
            } finally {
                a.core.close();
                b.core.drain(Duration.ofSeconds(1));
                b.core.close();
            }
        }
    }

    /** One node: its own core, lease id, recogniser and Twilio client, on the shared store. */
    private static final class Node {
        final String node;
        final SpokenTranscriber transcriber = new SpokenTranscriber();
        final FraudCore core;

        Node(String name, SupabaseStore store, FakeTwilioApi twilio, MediaTokens tokens) {
            this.node = name + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
            TwilioCallControl control = new TwilioCallControl(store.tenantSecrets(), FakeTwilioSettings.forFake(twilio), Clock.systemUTC());
            this.core = FraudCore.builder()
                    .tenants(store.tenants()).emergencyContacts(store.emergencyContacts()).callLogs(store.callLogs())
                    .alertOutbox(store.alertOutbox()).alertOutcomes(store.alertOutcomes())
                    .usageLedger(store.usageLedger()).auditTrail(store.auditTrail())
                    .callControl(control).speechTranscriber(transcriber)
                    .streamRecovery(store.callLeases(), node, (tenant, sid, generation) -> new CallControl.StreamTarget(
                            URI.create("wss://ethiq.example.com/twilio/media"),
                            Map.of("token", tokens.issue(tenant, sid, generation), "callSid", sid.value(), "tenantId", tenant.toString()),
                            null), SETTINGS)
                    .build();
        }

        /** An incoming call answered here, live at Twilio, its first stream started here. */
        CallSid connect(Tenant tenant, FakeTwilioApi twilio, String account) {
            CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
            twilio.startCall(account, sid.value());
            // the call's conference is live, so a warning announcement is accepted (failures would open the breaker)
            twilio.startConference(account, com.ethiq.core.domain.ConferenceName.forCall(tenant.id(), sid).value());
            core.incomingCalls().decide(new IncomingCall(sid, "+33700000009", tenant.twilioNumber()), java.util.Optional.of(tenant));
            assertThat(core.incomingCalls().claimMediaStream(tenant.id(), sid, 0)).isTrue();
            core.callSessions().start(new CallSessions.StreamStart(tenant, sid));
            return sid;
        }

        void say(CallSid sid, List<String> lines) {
            lines.forEach(line -> transcriber.say(sid, Speaker.CALLER, line));
        }
    }

    private static Tenant newTenant(SupabaseStore store, FakeTwilioApi twilio, String account, String authToken) {
        TenantId id = new TenantId(UUID.randomUUID());
        PhoneNumber number = TestDatabase.shared().uniqueNumber();
        Tenant t = new Tenant(id, "Take-over " + id.value(), AccountStatus.ACTIVE, number,
                SipAddress.of("sip:" + id.value() + "@home.example.com"), TenantSettings.defaults(), Instant.now());
        store.tenants().create(t);
        store.tenantSecrets().storeTelephony(id, new TelephonyCredentials(account, Secret.of(authToken)));
        twilio.addIncomingNumber(account, number.e164());
        store.emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), id, "Fille",
                PhoneNumber.of("+3361" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_000_000))), "fille", Instant.now()));
        return t;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }
}
