package com.ethiq.app;

import static com.ethiq.app.calls.CallPathHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.SharedScriptTranscriber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The app assembled from configuration alone: with no vendor configured everything is simulated (recorded telephony,
 * scripted speech, in-memory stores) and a scam call still ends in recorded SMS; route modules (the management API)
 * plug in beside the call routes.
 */
class EthiqAppTest {

    @Test
    void simulatedVendorsFromConfigurationAloneAndARouteModule() throws Exception {
        AppConfig config = AppConfig.from(Map.of("ETHIQ_HTTP_HOST", "127.0.0.1", "ETHIQ_HTTP_PORT", "0",
                "ETHIQ_ALERT_DISPATCH_INTERVAL", "PT0.2S"));
        Adapters adapters = VendorWiring.fromConfig(config, Clock.systemUTC());
        assertThat(adapters.vendors()).containsKeys("telephony", "speech", "store", "ai");
        assertThat(adapters.vendors().get("telephony")).startsWith("simulated");
        assertThat(adapters.callControl()).isInstanceOf(RecordingCallControl.class);
        EthiqApp.RouteModule module = (c, assembly) -> c.routes.get("/api/ping", ctx -> ctx.result(
                "pong " + assembly.core().callSessions().liveCount()));
        try (EthiqApp app = EthiqApp.start(config, adapters, List.of(module))) {
            HttpResponse<String> ping = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.body()).isEqualTo("pong 0");
            assertThat(app.publicBaseUrl()).isEqualTo(URI.create("http://localhost:" + app.port()));

            TwilioCallSimulator.Account account = TwilioCallSimulator.Account.random();
            TenantId id = TenantId.random();
            PhoneNumber number = PhoneNumber.of("+33970009999");
            adapters.tenants().create(new Tenant(id, "Mme Simulée", AccountStatus.ACTIVE, number,
                    SipAddress.of("sip:sim@home.sip.twilio.com"), TenantSettings.defaults(), Instant.now()));
            adapters.secrets().storeTelephony(id, new TelephonyCredentials(account.accountSid(), Secret.of(account.authToken())));
            adapters.contacts().add(new EmergencyContact(UUID.randomUUID(), id, "Fils", PhoneNumber.of("+33611223344"), "fils", Instant.now()));

            TwilioCallSimulator twilio = new TwilioCallSimulator(URI.create("http://127.0.0.1:" + app.port()), app.publicBaseUrl());
            TwilioCallSimulator.Call call = twilio.ring(account, "+33612345678", number.e164());
            SharedScriptTranscriber speech = (SharedScriptTranscriber) adapters.transcriber();
            speech.script(id, CallSid.of(call.callSid()), Speaker.CALLER, List.of(
                    "bonjour madame je suis le conseiller de la banque service fraude",
                    "je vais vous envoyer un code par sms vous allez me le lire pour annuler l'opération"));
            RecordingCallControl recorded = (RecordingCallControl) adapters.callControl();
            try (MediaStream stream = call.startStream()) {
                // the default recogniser paces 300 ms per word: stream until the SMS is recorded
                for (int i = 0; i < 20 && recorded.smsSent().isEmpty(); i++) {
                    stream.stream(Duration.ofSeconds(1));
                }
            }
            assertThat(eventually(Duration.ofSeconds(5), () -> recorded.smsSent().size() == 1)).isTrue();
            assertThat(recorded.smsSent().get(0).to()).isEqualTo(PhoneNumber.of("+33611223344"));
            assertThat(recorded.smsSent().get(0).account()).isEqualTo(account.accountSid());
        }
    }
}
