package com.ethiq.app;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.calls.CallPathHarness;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** stop(): new calls refused, live calls ended and logged, alerts already recorded delivered before it returns. */
class GracefulShutdownTest {
    private final CallPathHarness harness = new CallPathHarness();

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A telephony vendor that takes 300 ms per SMS: a backlog the drain has to work through. */
    private static final Function<CallControl, CallControl> SLOW_SMS = delegate -> new CallControl() {
        @Override
        public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String key) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.sendSms(tenant, from, to, body, key);
        }

        @Override
        public DeliveryReceipt announce(TenantId tenant, ConferenceName c, String m, Language l, String key) {
            return delegate.announce(tenant, c, m, l, key);
        }

        @Override
        public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName c, SipAddress s, PhoneNumber callerId,
                                                    CallSid caller, java.time.Duration ringTimeout) {
            return delegate.addSipParticipant(tenant, c, s, callerId, caller, ringTimeout);
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

    @Test
    void stopDrainsLiveCallsAndPendingAlerts() throws Exception {
        EthiqApp app = harness.startApp(Map.of("ETHIQ_ALERT_WORKERS", "1", "ETHIQ_SHUTDOWN_GRACE", "PT8S"), SLOW_SMS);
        TwilioCallSimulator twilio = harness.simulator(app);
        TestTenant t = harness.tenant("Mme Arrêt", 4);

        // A scam whose five alerts are recorded but not all delivered yet when the node is asked to stop.
        Call scam = twilio.ring(t.account(), "+33612345678", t.number());
        harness.twilio.startConference(t.account().accountSid(), scam.twiml().conference().orElseThrow());
        harness.speech.script(CallSid.of(scam.callSid()), Speaker.CALLER, List.of(
                "bonjour madame je suis le conseiller de la banque service fraude de votre agence",
                "je vais vous envoyer un code par sms vous allez me le lire pour annuler l'opération"));
        MediaStream scamStream = scam.startStream();
        CompletableFuture<Integer> streaming = CompletableFuture.supplyAsync(() -> scamStream.stream(Duration.ofSeconds(20)));
        assertThat(eventually(Duration.ofSeconds(10), () ->
                harness.stores.outbox().forCall(t.id(), CallSid.of(scam.callSid())).size() == 5)).isTrue();

        // A legitimate call still in progress.
        Call legit = twilio.ring(t.account(), "+33698765432", t.number());
        MediaStream legitStream = legit.startStream();
        CompletableFuture<Integer> legitStreaming = CompletableFuture.supplyAsync(() -> legitStream.stream(Duration.ofSeconds(20)));
        assertThat(eventually(Duration.ofSeconds(5), () ->
                app.assembly().core().callSessions().find(CallSid.of(legit.callSid())).isPresent())).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        // While live calls get up to half the grace period to finish, a new call is refused (Twilio then uses the
        // number's fallback URL, i.e. another node).
        assertThat(eventually(Duration.ofSeconds(3), () ->
                twilio.ring(t.account(), "+33600000000", t.number()).answer().status() == 503)).isTrue();
        assertThat(legitStream.isClosed()).as("live calls are not cut at once").isFalse();
        stopping.get();
        assertThat(app.assembly().core().callSessions().liveCount()).isZero();

        assertThat(harness.stores.outbox().forCall(t.id(), CallSid.of(scam.callSid())))
                .as("recorded alerts went out before stop() returned")
                .hasSize(5).allSatisfy(a -> assertThat(a.status()).isEqualTo(AlertStatus.SENT));
        assertThat(harness.twilio.messages(t.account().accountSid())).hasSize(4);
        for (Call c : List.of(scam, legit)) {
            assertThat(harness.stores.callLogs().find(t.id(), CallSid.of(c.callSid())).map(CallLog::state))
                    .contains(CallState.ENDED);
        }
        var usage = harness.stores.usage().monthly(t.id(), YearMonth.now(ZoneOffset.UTC));
        assertThat(usage.total(com.ethiq.core.domain.UsageKind.CALLS)).as("both calls billed").isEqualTo(2);
        assertThat(usage.total(com.ethiq.core.domain.UsageKind.SMS_SENT)).isEqualTo(4);
        assertThat(scamStream.awaitClosed(Duration.ofSeconds(5))).isPresent();
        assertThat(legitStream.awaitClosed(Duration.ofSeconds(5))).isPresent();
        streaming.join();
        legitStreaming.join();
    }
}
