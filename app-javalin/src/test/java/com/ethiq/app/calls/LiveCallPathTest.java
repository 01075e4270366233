package com.ethiq.app.calls;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.app.sim.TwilioCallSimulator.Signing;
import com.ethiq.app.sim.TwimlAnswer;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.usecase.CallSession;
import com.ethiq.core.usecase.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The live call path end to end, on the wire: Twilio simulator → webhooks and media WebSocket on port 0 → core with
 * the scripted recogniser and phrase rules → durable outbox → Twilio adapter → local fake Twilio REST API.
 */
class LiveCallPathTest {
    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness();
        app = harness.startApp();
        twilio = harness.simulator(app);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void scamCallSendsOneSmsPerContactAndOneAnnouncementWithTheTenantsAccount() {
        TestTenant t = harness.tenant("Mme Lefèvre", 2);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger callLogger = (Logger) LoggerFactory.getLogger(CallSession.class);
        callLogger.addAppender(logs);
        Call call = twilio.ring(t.account(), "+33612345678", t.number());
        assertThat(call.answer().status()).isEqualTo(200);
        TwimlAnswer twiml = call.twiml();
        assertThat(twiml.protectedCall()).isTrue();
        assertThat(twiml.streamUrl()).contains("wss://voice.ethiq.test/twilio/media");
        assertThat(twiml.streamTrack()).isEqualTo("both_tracks");
        assertThat(twiml.streamParameters()).containsKey("token");
        harness.twilio.startConference(t.account().accountSid(), twiml.conference().orElseThrow()); // the caller joined

        Duration audio = Scripts.scam(harness.speech, call.callSid());
        try (MediaStream stream = call.startStream()) {
            stream.stream(audio);
            assertThat(eventually(Duration.ofSeconds(10), () -> harness.twilio.messages(t.account().accountSid()).size() >= 2
                    && harness.twilio.participantAnnouncements().stream().anyMatch(a -> a.accountSid().equals(t.account().accountSid()))))
                    .as("both SMS and the announcement reach Twilio").isTrue();
            stream.sendStop();
            assertThat(stream.awaitClosed(Duration.ofSeconds(5))).map(MediaStream.Closed::code).contains(1000);
        }

        List<FakeTwilioApi.FakeMessage> sms = harness.twilio.messages(t.account().accountSid());
        assertThat(sms).extracting(FakeTwilioApi.FakeMessage::to)
                .containsExactlyInAnyOrderElementsOf(t.contacts().stream().map(PhoneNumber::e164).toList());
        assertThat(sms).allSatisfy(m -> {
            assertThat(m.from()).isEqualTo(t.number());
            assertThat(m.body()).contains("Mme Lefèvre");
        });
        assertThat(harness.twilio.requests(r -> r.path().endsWith("/Messages.json") && r.method().equals("POST")))
                .allSatisfy(r -> assertThat(r.authUser()).isEqualTo(t.account().accountSid()));
        // The warning goes to the protected person's leg only (the caller hears nothing), by an opaque reference.
        List<FakeTwilioApi.ParticipantAnnouncement> announcements = harness.twilio.participantAnnouncements().stream()
                .filter(a -> a.accountSid().equals(t.account().accountSid())).toList();
        assertThat(announcements).hasSize(1);
        assertThat(announcements.get(0).addressedAs()).isEqualTo("protected");
        assertThat(announcements.get(0).announceUrl().getRawQuery()).startsWith("ref=").doesNotContain("text");
        assertThat(harness.twilio.announcements()).noneMatch(a -> a.accountSid().equals(t.account().accountSid()));

        // Twilio fetches the AnnounceUrl: the app answers the warning as TwiML, once the signature checks out.
        TwilioCallSimulator.Reply spoken = twilio.fetchAnnouncement(t.account(), announcements.get(0).announceUrl(),
                announcements.get(0).conferenceSid());
        assertThat(spoken.status()).isEqualTo(200);
        assertThat(spoken.twiml().said()).hasValueSatisfying(text -> assertThat(text).contains("arnaque"));

        assertThat(harness.stores.outbox().forCall(t.id(), CallSid.of(call.callSid())))
                .hasSize(3).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
        assertThat(eventually(Duration.ofSeconds(5), () -> harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid()))
                .map(CallLog::state).orElse(null) == CallState.ENDED)).isTrue();
        CallLog log = harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid())).orElseThrow();
        assertThat(log.fraudDetected()).isTrue();
        assertThat(log.protection()).isEqualTo(CallProtection.PROTECTED);
        // The protected person's SIP phone was rung into the conference, showing the tenant's number.
        assertThat(eventually(Duration.ofSeconds(5), () -> harness.twilio.participants().stream()
                .anyMatch(p -> p.conferenceName().equals(twiml.conference().get())))).isTrue();

        // The detection's log line, written on a recogniser thread, carries the tenant and call as structured fields.
        callLogger.detachAppender(logs);
        assertThat(logs.list).filteredOn(e -> e.getFormattedMessage().startsWith("scam detected on call " + call.callSid()))
                .singleElement().satisfies(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry(LogContext.TENANT, t.id().toString())
                        .containsEntry(LogContext.CALL, call.callSid()));
    }

    @Test
    void legitimateCallSendsNothing() {
        TestTenant t = harness.tenant("M. Martin", 2);
        Call call = twilio.ring(t.account(), "+33698765432", t.number());
        harness.twilio.startConference(t.account().accountSid(), call.twiml().conference().orElseThrow());
        Duration audio = Scripts.legit(harness.speech, call.callSid());
        try (MediaStream stream = call.startStream()) {
            stream.stream(audio);
            stream.sendStop();
            assertThat(stream.awaitClosed(Duration.ofSeconds(5))).isPresent();
        }
        assertThat(eventually(Duration.ofSeconds(3), () -> harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid()))
                .map(CallLog::state).orElse(null) == CallState.ENDED)).isTrue();
        assertThat(harness.stores.callLogs().transcript(t.id(), CallSid.of(call.callSid()))).isNotEmpty();
        assertThat(harness.stores.outbox().forCall(t.id(), CallSid.of(call.callSid()))).isEmpty();
        assertThat(harness.twilio.messages(t.account().accountSid())).isEmpty();
        assertThat(harness.twilio.announcements()).noneMatch(a -> a.accountSid().equals(t.account().accountSid()));
        assertThat(harness.twilio.participantAnnouncements()).noneMatch(a -> a.accountSid().equals(t.account().accountSid()));
    }

    @Test
    void forgedOrMissingSignatureIsRefusedAndNothingIsStored() {
        TestTenant t = harness.tenant("Mme Forge", 1);
        Call forged = twilio.ring(t.account(), "+33611111111", t.number(), Signing.FORGED);
        Call unsigned = twilio.ring(t.account(), "+33611111111", t.number(), Signing.MISSING);
        TwilioCallSimulator.Account stranger = TwilioCallSimulator.Account.random();
        Call otherAccount = twilio.ring(stranger, "+33611111111", t.number(), Signing.VALID);

        for (Call c : List.of(forged, unsigned, otherAccount)) {
            assertThat(c.answer().status()).isEqualTo(403);
            assertThat(harness.stores.callLogs().find(t.id(), CallSid.of(c.callSid()))).isEmpty();
        }
        assertThat(harness.stores.callLogs().recent(t.id(), null, 10)).isEmpty();
        assertThat(harness.twilio.participants()).noneMatch(p -> p.accountSid().equals(t.account().accountSid()));
    }

    @Test
    void suspendedAccountIsConnectedWithoutProtection() {
        TestTenant t = harness.tenant("Mme Suspendue", 1, AccountStatus.SUSPENDED);
        Call call = twilio.ring(t.account(), "+33622222222", t.number());
        TwimlAnswer twiml = call.twiml();
        assertThat(twiml.streamUrl()).isEmpty();
        assertThat(twiml.dialedSip()).contains(t.tenant().sipAddress().uri());
        assertThat(twiml.dialCallerId()).contains(t.number());
        assertThat(harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid())))
                .map(CallLog::protection).contains(CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED);
    }

    @Test
    void cancelledAccountAndUnknownNumberAreRejected() {
        TestTenant t = harness.tenant("M. Parti", 1, AccountStatus.CANCELLED);
        TwimlAnswer cancelled = twilio.ring(t.account(), "+33633333333", t.number()).twiml();
        assertThat(cancelled.rejected()).isTrue();
        assertThat(cancelled.said()).hasValueSatisfying(s -> assertThat(s).contains("plus en service"));

        TwimlAnswer unknown = twilio.ring(TwilioCallSimulator.Account.random(), "+33633333333", "+33999999999").twiml();
        assertThat(unknown.rejected()).isTrue();
        assertThat(unknown.streamUrl()).isEmpty();
    }

    @Test
    void statusCallbacksMoveTheCallLogForwardAndEndTheSession() {
        TestTenant t = harness.tenant("Mme Statut", 1);
        Call call = twilio.ring(t.account(), "+33644444444", t.number());
        CallSid sid = CallSid.of(call.callSid());
        Scripts.legit(harness.speech, call.callSid());
        try (MediaStream stream = call.startStream()) {
            stream.stream(Duration.ofMillis(200));
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions().find(sid).isPresent())).isTrue();
            assertThat(call.conferenceEvent("conference-start", null).status()).isEqualTo(204);
            assertThat(harness.stores.callLogs().find(t.id(), sid)).map(CallLog::state).contains(CallState.IN_PROGRESS);
            assertThat(call.status("completed").status()).isEqualTo(204);
            // written through the call's queue of writes (behind its earlier ones): waited for, not assumed
            assertThat(eventually(Duration.ofSeconds(3), () -> harness.stores.callLogs().find(t.id(), sid)
                    .map(CallLog::state).filter(CallState.ENDED::equals).isPresent())).isTrue();
            assertThat(harness.stores.callLogs().find(t.id(), sid).flatMap(CallLog::ended)).isPresent();
            assertThat(eventually(Duration.ofSeconds(3), () -> app.assembly().core().callSessions().find(sid).isEmpty())).isTrue();
            // the socket notices the call is over at its next frames and closes normally
            stream.stream(Duration.ofMillis(300));
            assertThat(stream.awaitClosed(Duration.ofSeconds(3))).map(MediaStream.Closed::code).contains(1000);
        }
        // A late "in-progress" never moves the call backwards.
        call.status("in-progress");
        assertThat(harness.stores.callLogs().find(t.id(), sid)).map(CallLog::state).contains(CallState.ENDED);
    }

    @Test
    void aTenantChangedInTheDatabaseIsSeenAtOnceDespiteTheCache() {
        TestTenant t = harness.tenant("Mme Change", 1);
        assertThat(twilio.ring(t.account(), "+33666666666", t.number()).twiml().protectedCall()).isTrue(); // now cached
        harness.stores.tenants().updateStatus(t.id(), AccountStatus.SUSPENDED); // another node, the management API...
        // The database notifies every node (LISTEN/NOTIFY); the 5-minute cache entry is dropped.
        assertThat(eventually(Duration.ofSeconds(5), () ->
                twilio.ring(t.account(), "+33666666666", t.number()).twiml().dialedSip().isPresent())).isTrue();
    }

    @Test
    void metricsAndHealthAreServed() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var base = "http://127.0.0.1:" + app.port();
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ethiq_media_frames_total", "ethiq_media_sockets_open", "ethiq_webhooks_total",
                "jvm_memory_used_bytes");
        var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"");
    }

    @Test
    void streamErrorMarksTheCallUnprotectedAndForgedCallbacksAreRefused() {
        TestTenant t = harness.tenant("M. Flux", 1);
        Call call = twilio.ring(t.account(), "+33655555555", t.number());
        assertThat(call.streamEvent("stream-error").status()).isEqualTo(204);
        assertThat(harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid())))
                .map(CallLog::protection).contains(CallProtection.UNPROTECTED_NO_MEDIA);

        TwilioCallSimulator.Reply forged = twilio.post("/twilio/call-status?tenant=" + t.id(),
                java.util.Map.of("CallSid", call.callSid(), "CallStatus", "completed", "To", t.number(),
                        "AccountSid", t.account().accountSid()), t.account(), Signing.FORGED);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(harness.stores.callLogs().find(t.id(), CallSid.of(call.callSid())).map(CallLog::state))
                .isNotEqualTo(Optional.of(CallState.ENDED));
    }
}
