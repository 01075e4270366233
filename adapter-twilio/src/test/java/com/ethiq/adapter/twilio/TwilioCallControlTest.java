package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.fake.MutableClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi;
import com.ethiq.adapter.twilio.fake.FakeTwilioApi.RecordedRequest;
import com.ethiq.adapter.twilio.fake.FakeTwilioSettings;
import com.ethiq.adapter.twilio.fake.Fault;
import com.ethiq.core.contract.CallControlContract.TestTenantSecrets;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.CallControl.DeliveryReceipt;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import com.ethiq.core.port.CallControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/** Retry, idempotency, isolation, breaker and timeout behaviour of the adapter against {@link FakeTwilioApi}. */
class TwilioCallControlTest {
    private FakeTwilioApi api;
    private TestTenantSecrets secrets;
    private MutableClock clock;
    private TwilioCallControl twilio;

    @BeforeEach
    void start() {
        api = FakeTwilioApi.start();
        secrets = new TestTenantSecrets();
        clock = new MutableClock(Instant.now());
        twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api), clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    // ---------------------------------------------------------------- SMS idempotency

    @Nested
    class Sms {
        @Test
        void a500BeforeProcessingIsSentOnceByTwilioJavaThenTheDurableRetryDeliversExactlyOne() {
            Tenant t = tenant();
            PhoneNumber to = mobile();
            String key = key();
            api.inject(Fault.on("POST", "/Messages.json").respond(500, 20500));

            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, to, "Alerte", key))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.vendorCode()).isEqualTo("outcome-unknown");
                    });
            assertThat(api.count("POST", "/Messages.json")).as("twilio-java's own 3x retry is off").isEqualTo(1);
            assertThat(api.count("GET", "/Messages.json")).as("checked before sending, and after the 500").isEqualTo(2);
            assertThat(api.messages(t.account)).isEmpty();

            DeliveryReceipt receipt = twilio.sendSms(t.id, t.number, to, "Alerte", key); // the durable job retries

            assertThat(api.messages(t.account)).hasSize(1);
            assertThat(receipt.providerReference()).isEqualTo(api.messages(t.account).get(0).sid());
            assertThat(receipt.status()).isEqualTo("queued");
        }

        @Test
        void a500AfterTwilioProcessedTheSendIsResolvedByTheLookupWithoutASecondMessage() {
            Tenant t = tenant();
            PhoneNumber to = mobile();
            String key = key();
            api.inject(Fault.on("POST", "/Messages.json").respondAfterProcessing(500, 20500));

            DeliveryReceipt receipt = twilio.sendSms(t.id, t.number, to, "Alerte", key);
            DeliveryReceipt retried = twilio.sendSms(t.id, t.number, to, "Alerte", key); // a nervous caller retries anyway

            assertThat(api.messages(t.account)).hasSize(1);
            assertThat(receipt.providerReference()).isEqualTo(api.messages(t.account).get(0).sid());
            assertThat(retried.providerReference()).isEqualTo(receipt.providerReference());
            assertThat(api.count("POST", "/Messages.json")).isEqualTo(1);
        }

        @Test
        void theBodyCarriesAReferenceDerivedFromTheIdempotencyKey() {
            Tenant t = tenant();
            PhoneNumber to = mobile();

            twilio.sendSms(t.id, t.number, to, "Alerte Ethiq : appel suspect.", "alert-42");

            String body = api.messages(t.account).get(0).body();
            assertThat(body).isEqualTo("Alerte Ethiq : appel suspect.\nRéf. " + IdempotencyReference.of("alert-42"));
            assertThat(IdempotencyReference.of("alert-42")).matches("[0-9A-F]{6}").isNotEqualTo(IdempotencyReference.of("alert-43"));
        }

        @Test
        void rateLimitingIsRetriedWithBackoffAndDeliversOnce() {
            Tenant t = tenant();
            PhoneNumber to = mobile();
            api.inject(Fault.on("POST", "/Messages.json").times(2).respond(429, 20429));

            DeliveryReceipt receipt = twilio.sendSms(t.id, t.number, to, "Alerte", key());

            assertThat(receipt.providerReference()).startsWith("SM");
            assertThat(api.count("POST", "/Messages.json")).isEqualTo(3);
            assertThat(api.messages(t.account)).hasSize(1);
        }

        @Test
        void rateLimitingBeyondTheAttemptBudgetIsTransient() {
            Tenant t = tenant();
            api.inject(Fault.on("POST", "/Messages.json").times(10).respond(429, 20429));

            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, mobile(), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.vendorCode()).isEqualTo("20429");
                    });
            assertThat(api.count("POST", "/Messages.json")).isEqualTo(3);
            assertThat(api.messages(t.account)).isEmpty();
        }

        @ParameterizedTest(name = "To {0} -> {1}")
        @CsvSource({"+15005550001, 21211", "+15005550009, 21614", "+15005550004, 21610", "+15005550003, 21408", "+15005550002, 21612"})
        void recipientsTwilioRefusesArePermanentAndNeverRetried(String to, String code) {
            Tenant t = tenant();

            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, PhoneNumber.of(to), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.vendorCode()).isEqualTo(code);
                        assertThat(e.getMessage()).doesNotContain(to);
                    });
            assertThat(api.count("POST", "/Messages.json")).isEqualTo(1);
        }

        @ParameterizedTest(name = "From {0} -> {1}")
        @CsvSource({"+15005550001, 21212", "+15005550007, 21606"})
        void aSenderTwilioRefusesIsPermanent(String from, String code) {
            Tenant t = tenant();

            assertThatThrownBy(() -> twilio.sendSms(t.id, PhoneNumber.of(from), mobile(), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.vendorCode()).isEqualTo(code);
                    });
        }

        @Test
        void wrongCredentialsArePermanentAndNothingIsSent() {
            Tenant t = tenant();
            secrets.storeTelephony(t.id, new TelephonyCredentials(t.account, Secret.of("not-the-token")));

            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, mobile(), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.vendorCode()).isEqualTo("20003");
                    });
            assertThat(api.requests()).hasSize(1); // the lookup was refused; no retry, no send
        }

        @Test
        void anAnswerLostToAReadTimeoutIsTransientAndTheRetryFindsTheMessageInsteadOfResending() throws Exception {
            twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)), clock);
            Tenant t = tenant();
            PhoneNumber to = mobile();
            String key = key();
            api.inject(Fault.on("POST", "/Messages.json").delay(Duration.ofMillis(1200))); // processed late, answer lost

            long started = System.nanoTime();
            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, to, "Alerte", key))
                    .isInstanceOfSatisfying(CallControlException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.getMessage()).contains("read timeout after 300 ms");
                    });
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(tookMs).as("gave up at the read timeout, not when the server answered").isBetween(300L, 1100L);

            awaitMessages(t.account, 1);
            twilio.sendSms(t.id, t.number, to, "Alerte", key); // the durable job retries

            assertThat(api.messages(t.account)).hasSize(1);
            assertThat(api.count("POST", "/Messages.json")).isEqualTo(1);
        }

        @Test
        void aNonJsonGatewayErrorIsClassifiedByItsHttpStatus() {
            assertThat(TwilioFailure.fromHttp("POST /x", 502, null, null).kind()).isEqualTo(TwilioFailure.Kind.OUTCOME_UNKNOWN);
            assertThat(TwilioFailure.fromHttp("POST /x", 429, null, null).kind()).isEqualTo(TwilioFailure.Kind.NOT_PROCESSED);
            assertThat(TwilioFailure.fromHttp("POST /x", 400, 21211, "bad").kind()).isEqualTo(TwilioFailure.Kind.REJECTED);
            assertThat(TwilioFailure.fromHttp("POST /x", 503, 20429, "slow down").kind()).isEqualTo(TwilioFailure.Kind.NOT_PROCESSED);
        }

        @Test
        void anOldMessageWithTheSameReferenceOutsideTheLookbackIsNotMistakenForThisOne() {
            Tenant t = tenant();
            PhoneNumber to = mobile();
            String key = key();
            twilio.sendSms(t.id, t.number, to, "Alerte", key);

            clock.advance(Duration.ofHours(25)); // beyond the 24 h lookback
            twilio.sendSms(t.id, t.number, to, "Alerte", key);

            assertThat(api.messages(t.account)).hasSize(2);
        }

        @Test
        void aBodyTooLongForTwilioIsRefusedBeforeAnyRequest() {
            Tenant t = tenant();

            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, mobile(), "x".repeat(1595), key()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'body' must be at most");
            assertThat(api.requests()).isEmpty();
        }
    }

    // ---------------------------------------------------------------- connection failures

    @Test
    void anUnreachableApiFailsFastAsTransientAfterTheRetryBudget() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TwilioCallControl unreachable = new TwilioCallControl(secrets,
                FakeTwilioSettings.forFake(api).withApiBaseUrl(URI.create("http://127.0.0.1:" + closedPort)), clock);
        Tenant t = tenant();

        long started = System.nanoTime();
        assertThatThrownBy(() -> unreachable.sendSms(t.id, t.number, mobile(), "Alerte", key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo("connect");
                });
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2000);
    }

    // ---------------------------------------------------------------- live call operations

    @Test
    void theAnnouncementUrlCarriesTextLanguageAndReferenceAndIsFetchedWithPost() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        api.startConference(t.account, conf.value());

        DeliveryReceipt receipt = twilio.announce(t.id, conf, "Attention : raccrochez & rappelez votre banque.", Language.FRENCH, "alert-7");

        FakeTwilioApi.Announcement a = api.announcements().get(0);
        assertThat(receipt.providerReference()).isEqualTo(a.conferenceSid());
        assertThat(a.announceMethod()).isEqualTo("POST");
        assertThat(a.announceUrl().getScheme() + "://" + a.announceUrl().getHost() + a.announceUrl().getPath())
                .isEqualTo("https://voice.example.test/twilio/announcement");
        assertThat(a.query("text")).isEqualTo("Attention : raccrochez & rappelez votre banque.");
        assertThat(a.query("lang")).isEqualTo("fr-FR");
        assertThat(a.query("ref")).isEqualTo(IdempotencyReference.of("alert-7"));
        assertThat(a.announceUrl().getRawQuery()).doesNotContain("+").contains("%20");
        assertThat(twilio.announcementUrl("a b", Language.ENGLISH, "ABC123"))
                .hasToString("https://voice.example.test/twilio/announcement?text=a%20b&lang=en-US&ref=ABC123");
    }

    @Test
    void announcingIntoAConferenceThatIsNotInProgressIsPermanent() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        api.startConference(t.account, conf.value());
        api.endConference(t.account, conf.value());

        assertThatThrownBy(() -> twilio.announce(t.id, conf, "Attention", Language.FRENCH, key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("20404");
                });
        assertThat(api.announcements()).isEmpty();
    }

    @Test
    void aLostAnswerWhenAnnouncingIsTransientAndNotResentByTheAdapter() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        api.startConference(t.account, conf.value());
        api.inject(Fault.on("POST", ".json").forAccount(t.account).respondAfterProcessing(502, 20502));
        api.inject(Fault.on("GET", "/Conferences.json").respond(503, 20503)); // the lookup is idempotent: retried

        assertThatThrownBy(() -> twilio.announce(t.id, conf, "Attention", Language.FRENCH, key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(api.count("GET", "/Conferences.json")).isEqualTo(2);
        assertThat(api.announcements()).hasSize(1);
        assertThat(api.requests(r -> r.method().equals("POST"))).hasSize(1);
    }

    @Test
    void theProtectedPersonIsDialledWithTimeoutAndSignedProgressCallbacksAndTheLegIsReturned() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        SipAddress sip = SipAddress.of("sip:mamie@famille.sip.twilio.com");
        CallSid caller = CallSid.of("CA0123456789abcdef0123456789abcdef");

        CallControl.ParticipantReceipt receipt = twilio.addSipParticipant(t.id, conf, sip, t.number, caller, Duration.ofSeconds(25));

        RecordedRequest r = api.requests(x -> x.path().endsWith("/Participants.json")).get(0);
        assertThat(r.path()).isEqualTo("/2010-04-01/Accounts/" + t.account + "/Conferences/" + conf.value() + "/Participants.json");
        assertThat(r.param("From")).isEqualTo(t.number.e164());
        assertThat(r.param("To")).isEqualTo("sip:mamie@famille.sip.twilio.com");
        assertThat(r.param("CallerId")).isEqualTo(t.number.e164());
        assertThat(r.param("Label")).isEqualTo("protected");
        assertThat(r.param("Beep")).isEqualTo("false");
        assertThat(r.param("EndConferenceOnExit")).isEqualTo("true");
        assertThat(r.param("Timeout")).isEqualTo("25");
        assertThat(r.param("StatusCallback")).isEqualTo("https://voice.example.test/twilio/participant-status?tenant=" + t.id
                + "&call=" + caller.value());
        assertThat(r.param("StatusCallbackMethod")).isEqualTo("POST");
        FakeTwilioApi.FakeParticipant p = api.participants().get(0);
        assertThat(p.statusCallbackEvents()).containsExactly("initiated", "ringing", "answered", "completed");
        assertThat(receipt.leg()).isEqualTo(CallSid.of(p.callSid()));
        assertThat(receipt.conferenceReference()).isEqualTo(p.conferenceSid()).startsWith("CF");
        assertThat(api.conferences(t.account)).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("init"));
    }

    @Test
    void addingTheParticipantIsNotResentAfterA500() {
        Tenant t = tenant();
        api.inject(Fault.on("POST", "/Participants.json").respond(500, 20500));

        assertThatThrownBy(() -> twilio.addSipParticipant(t.id, conference(t), SipAddress.of("sip:a@b.example.com"), t.number,
                CallSid.of("CA0123456789abcdef0123456789abcdef"), Duration.ofSeconds(30)))
                .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());
        assertThat(api.count("POST", "/Participants.json")).isEqualTo(1);
    }

    @Test
    void anAnnouncementWhileThePersonsPhoneRingsWaitsForTheConferenceToStart() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        twilio.addSipParticipant(t.id, conf, SipAddress.of("sip:mamie@famille.sip.twilio.com"), t.number,
                CallSid.of("CA0123456789abcdef0123456789abcdef"), Duration.ofSeconds(30)); // conference in init

        assertThatThrownBy(() -> twilio.announce(t.id, conf, "Attention", Language.FRENCH, "alert-9"))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).as("not lost: retried until the person joins").isFalse();
                    assertThat(e.vendorCode()).isEqualTo(CallControl.CONFERENCE_NOT_STARTED);
                });
        assertThat(api.announcements()).isEmpty();

        api.startConference(t.account, conf.value()); // the person joined: Twilio starts it
        twilio.announce(t.id, conf, "Attention", Language.FRENCH, "alert-9");
        assertThat(api.announcements()).hasSize(1);
    }

    @Test
    void aDivertedCallerGetsTheDiversionTwimlAndACallAlreadyOverIsNotAnError() {
        Tenant t = tenant();
        String caller = api.startCall(t.account);

        twilio.divert(t.id, CallSid.of(caller), new CallControl.Diversion.Message("Votre correspondant n'est pas disponible.",
                Language.FRENCH));

        assertThat(api.redirects()).singleElement().satisfies(r -> {
            assertThat(r.callSid()).isEqualTo(caller);
            assertThat(r.twiml()).contains("<Say language=\"fr-FR\"").contains("Votre correspondant n'est pas disponible.")
                    .contains("<Hangup/>");
        });
        api.setCallStatus(t.account, caller, "completed");
        assertThatCode(() -> twilio.divert(t.id, CallSid.of(caller), new CallControl.Diversion.Message("x", Language.FRENCH)))
                .doesNotThrowAnyException();
        assertThat(api.redirects()).hasSize(1);
    }

    @Test
    void aRingingLegIsCancelledAndAnAnsweredOneHungUp() {
        Tenant t = tenant();
        ConferenceName conf = conference(t);
        CallSid caller = CallSid.of("CA0123456789abcdef0123456789abcdef");
        CallSid ringing = twilio.addSipParticipant(t.id, conf, SipAddress.of("sip:a@b.example.com"), t.number, caller,
                Duration.ofSeconds(30)).leg();
        api.setCallStatus(t.account, ringing.value(), "ringing");

        twilio.cancelLeg(t.id, ringing);
        assertThat(api.calls(t.account)).filteredOn(c -> c.sid().equals(ringing.value()))
                .singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("canceled"));
        assertThat(api.requests(x -> x.path().endsWith("/Calls/" + ringing.value() + ".json")))
                .extracting(x -> x.param("Status")).containsExactly("canceled");

        CallSid answered = twilio.addSipParticipant(t.id, conf, SipAddress.of("sip:a@b.example.com"), t.number, caller,
                Duration.ofSeconds(30)).leg();
        api.setCallStatus(t.account, answered.value(), "in-progress");
        twilio.cancelLeg(t.id, answered);
        assertThat(api.requests(x -> x.path().endsWith("/Calls/" + answered.value() + ".json")))
                .extracting(x -> x.param("Status")).containsExactly("canceled", "completed");
        assertThatCode(() -> twilio.cancelLeg(t.id, answered)).as("already over").doesNotThrowAnyException();
    }

    @Test
    void hangUpIsRetriedAfterA500BecauseEndingACallTwiceIsHarmless() {
        Tenant t = tenant();
        String call = api.startCall(t.account);
        api.inject(Fault.on("POST", "/Calls/" + call + ".json").respond(500, 20500));

        twilio.hangUp(t.id, CallSid.of(call));

        assertThat(api.count("POST", "/Calls/" + call + ".json")).isEqualTo(2);
        assertThat(api.calls(t.account)).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo("completed"));
    }

    @Test
    void hangUpOfAnEndedOrUnknownCallIsOk() {
        Tenant t = tenant();
        String call = api.startCall(t.account);
        twilio.hangUp(t.id, CallSid.of(call));

        assertThatCode(() -> twilio.hangUp(t.id, CallSid.of(call))).doesNotThrowAnyException();
        assertThatCode(() -> twilio.hangUp(t.id, CallSid.of("CA" + "0".repeat(32)))).doesNotThrowAnyException();
        assertThat(api.requests(r -> r.status() >= 400)).extracting(RecordedRequest::status).containsExactly(400, 404);
    }

    // ---------------------------------------------------------------- tenancy

    @Test
    void thirtyInterleavedConcurrentSendsOverThreeTenantsNeverBorrowAnotherTenantsCredentials() throws Exception {
        List<Tenant> tenants = List.of(tenant(), tenant(), tenant());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<DeliveryReceipt>> sends = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Tenant t = tenants.get(i % 3);
                int n = i;
                sends.add(pool.submit(() -> twilio.sendSms(t.id, t.number, mobile(), "Alerte " + n, key())));
            }
            for (Future<DeliveryReceipt> f : sends) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(api.requests()).hasSize(60).allSatisfy(r -> assertThat(r.authUser()).isEqualTo(r.pathAccount()));
        for (Tenant t : tenants) {
            assertThat(api.messages(t.account)).hasSize(10).allSatisfy(m -> assertThat(m.from()).isEqualTo(t.number.e164()));
            assertThat(api.requests(r -> r.authUser().equals(t.account))).hasSize(20);
        }
    }

    @Test
    void rotatedCredentialsAreUsedAtOnce() {
        Tenant t = tenant();
        twilio.sendSms(t.id, t.number, mobile(), "Alerte 1", key());

        String newToken = UUID.randomUUID().toString().replace("-", "");
        api.registerAccount(t.account, newToken); // Twilio now only accepts the new token
        secrets.storeTelephony(t.id, new TelephonyCredentials(t.account, Secret.of(newToken)));
        twilio.sendSms(t.id, t.number, mobile(), "Alerte 2", key());

        assertThat(api.messages(t.account)).hasSize(2);
    }

    @Test
    void aTenantWithoutCredentialsIsPermanentAndTouchesNoAccount() {
        assertThatThrownBy(() -> twilio.hangUp(TenantId.random(), CallSid.of("CA1234")))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isTrue();
                    assertThat(e.vendorCode()).isEqualTo("no-credentials");
                });
        assertThat(api.requests()).isEmpty();
    }

    // ---------------------------------------------------------------- circuit breaker

    @Test
    void theCircuitOpensForTheFailingTenantOnlyAndClosesAfterASuccessfulTrial() {
        twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api)
                .withBreaker(new TwilioSettings.BreakerSettings(4, 4, 50f, Duration.ofSeconds(30))), clock);
        Tenant sick = tenant();
        Tenant healthy = tenant();
        api.inject(Fault.onAnyRequest().forAccount(sick.account).times(1000).respond(503, 20503));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> twilio.sendSms(sick.id, sick.number, mobile(), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.vendorCode()).isEqualTo("20503"));
        }
        assertThat(twilio.isCircuitOpen(sick.id)).isTrue();
        int before = api.requests().size();

        assertThatThrownBy(() -> twilio.sendSms(sick.id, sick.number, mobile(), "Alerte", key()))
                .isInstanceOfSatisfying(CallControlException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.vendorCode()).isEqualTo("circuit-open");
                });
        assertThat(api.requests()).as("an open circuit sends nothing").hasSize(before);

        twilio.sendSms(healthy.id, healthy.number, mobile(), "Alerte", key());
        assertThat(twilio.isCircuitOpen(healthy.id)).isFalse();
        assertThat(api.messages(healthy.account)).hasSize(1);

        api.clearFaults();
        clock.advance(Duration.ofSeconds(31));
        twilio.sendSms(sick.id, sick.number, mobile(), "Alerte", key());
        assertThat(twilio.isCircuitOpen(sick.id)).isFalse();
        assertThat(api.messages(sick.account)).hasSize(1);
    }

    @Test
    void permanentErrorsDoNotOpenTheCircuit() {
        twilio = new TwilioCallControl(secrets, FakeTwilioSettings.forFake(api)
                .withBreaker(new TwilioSettings.BreakerSettings(4, 4, 50f, Duration.ofSeconds(30))), clock);
        Tenant t = tenant();

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, PhoneNumber.of("+15005550001"), "Alerte", key()))
                    .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isTrue());
        }

        assertThat(twilio.isCircuitOpen(t.id)).isFalse();
    }

    // ---------------------------------------------------------------- logs

    @Test
    void logsNeverContainFullPhoneNumbersOrTheAuthToken() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.start();
        root.addAppender(appender);
        try {
            Tenant t = tenant();
            PhoneNumber to = mobile();
            twilio.sendSms(t.id, t.number, to, "Alerte", key());
            api.inject(Fault.on("POST", "/Messages.json").respond(500, 20500));
            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, to, "Alerte", key())).isInstanceOf(CallControlException.class);
            assertThatThrownBy(() -> twilio.sendSms(t.id, t.number, PhoneNumber.of("+15005550001"), "Alerte", key()))
                    .isInstanceOf(CallControlException.class);
            String token = secrets.telephony(t.id).orElseThrow().authToken().reveal();

            assertThat(appender.list).isNotEmpty();
            for (ILoggingEvent e : appender.list) {
                String text = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
                assertThat(text).doesNotContain(to.e164(), t.number.e164(), "15005550001", "%2B", token);
            }
        } finally {
            root.detachAppender(appender);
        }
    }

    // ---------------------------------------------------------------- helpers

    // ---------------------------------------------------------------- streams started again (issue 14 item 3)

    @Nested
    class StreamsAgain {
        private final CallControl.StreamTarget target = new CallControl.StreamTarget(
                URI.create("wss://ethiq.example.com/twilio/media"),
                java.util.Map.of("token", "tok-1", "callSid", "x", "tenantId", "y"),
                URI.create("https://ethiq.example.com/twilio/stream-status?tenant=y"));

        @Test
        void aLiveCallIsLiveAndAnEndedOrUnknownCallIsEnded() {
            Tenant t = tenant();
            String live = api.startCall(t.account);
            String over = api.startCall(t.account);
            api.setCallStatus(t.account, over, "completed");

            assertThat(twilio.callLiveness(t.id, CallSid.of(live))).isEqualTo(CallControl.CallLiveness.LIVE);
            assertThat(twilio.callLiveness(t.id, CallSid.of(over))).isEqualTo(CallControl.CallLiveness.ENDED);
            assertThat(twilio.callLiveness(t.id, CallSid.of("CA" + "0".repeat(32)))).isEqualTo(CallControl.CallLiveness.ENDED);
            assertThat(api.count("GET", "/Calls/" + live + ".json")).isEqualTo(1);
        }

        @Test
        void aStreamIsCreatedOnceOnTheLiveCallWithBothTracksTheParametersAndTheStatusCallback() {
            Tenant t = tenant();
            String call = api.startCall(t.account);

            CallControl.StreamReceipt receipt = twilio.startStream(t.id, CallSid.of(call), target);

            assertThat(api.streams()).singleElement().satisfies(s -> {
                assertThat(s.sid()).isEqualTo(receipt.streamReference()).startsWith("MZ");
                assertThat(s.accountSid()).isEqualTo(t.account);
                assertThat(s.callSid()).isEqualTo(call);
                assertThat(s.url()).isEqualTo(target.url());
                assertThat(s.track()).isEqualTo("both_tracks");
                assertThat(s.parameters()).isEqualTo(target.parameters());
                assertThat(s.statusCallback()).isEqualTo(target.statusCallback().toString());
            });
            assertThat(api.count("POST", "/Calls/" + call + "/Streams.json")).isEqualTo(1);
        }

        @Test
        void aStreamOnACallThatEndedFailsPermanentlyAndA500IsNotResent() {
            Tenant t = tenant();
            String over = api.startCall(t.account);
            api.setCallStatus(t.account, over, "completed");
            assertThatThrownBy(() -> twilio.startStream(t.id, CallSid.of(over), target))
                    .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isTrue());

            String live = api.startCall(t.account);
            api.inject(Fault.on("POST", "/Streams.json").respond(500, 20500));
            assertThatThrownBy(() -> twilio.startStream(t.id, CallSid.of(live), target))
                    .isInstanceOfSatisfying(CallControlException.class, e -> assertThat(e.permanent()).isFalse());
            assertThat(api.count("POST", "/Calls/" + live + "/Streams.json")).as("sent once, never blindly again").isEqualTo(1);
        }
    }

    private record Tenant(TenantId id, String account, PhoneNumber number) {
    }

    private Tenant tenant() {
        TenantId id = TenantId.random();
        TelephonyCredentials credentials = TestTenantSecrets.randomCredentials();
        PhoneNumber number = mobile();
        api.registerAccount(credentials.accountSid(), credentials.authToken().reveal());
        api.addIncomingNumber(credentials.accountSid(), number.e164());
        secrets.storeTelephony(id, credentials);
        return new Tenant(id, credentials.accountSid(), number);
    }

    private static PhoneNumber mobile() {
        return PhoneNumber.of("+337" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    private static String key() {
        return "alert-" + UUID.randomUUID();
    }

    private static ConferenceName conference(Tenant t) {
        return ConferenceName.forCall(t.id, CallSid.of("CA" + UUID.randomUUID().toString().replace("-", "")));
    }

    private void awaitMessages(String account, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (api.messages(account).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(api.messages(account)).hasSize(n);
    }
}
