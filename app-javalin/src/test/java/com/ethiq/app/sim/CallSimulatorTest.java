package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Plays bundled French scripts through the real webhook, media WebSocket and simulated recogniser. */
class CallSimulatorTest {
    static SimulatedNode server;
    static ScheduledExecutorService scheduler;
    static HttpClient http;

    @BeforeAll
    static void start() {
        server = new SimulatedNode(Duration.ofMillis(30), List.of());
        scheduler = Executors.newScheduledThreadPool(2);
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
        server.close();
    }

    private CallSimulator simulator() {
        return new CallSimulator(server.target(), http, scheduler,
                new CallSimulator.Pacing(Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(5)));
    }

    private static CallScript script(String id) {
        return CallScript.bundled().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void scamCallRaisesOneSmsPerContactAndOneAnnouncement() {
        CallSimulator.Outcome outcome = simulator().run(script("faux-conseiller"));

        assertThat(outcome.error()).isNull();
        assertThat(outcome.framesSent()).isGreaterThan(100);
        assertThat(outcome.turns()).hasSize(7);
        JsonNode report = outcome.report();
        assertThat(report.path("state").asText()).isEqualTo("ended");
        assertThat(report.path("fraudDetected").asBoolean()).isTrue();
        assertThat(report.path("alerts")).hasSize(3);
        for (JsonNode a : report.path("alerts")) {
            assertThat(a.path("status").asText()).isEqualTo("sent");
        }
        assertThat(report.path("simulatedDeliveries").findValuesAsText("kind")).contains("sms", "announcement", "participant");
        assertThat(server.telephony.smsSent()).extracting(s -> s.to().e164())
                .contains("+33639980001", "+33639980002");
    }

    @Test
    void legitimateCallEndsClearWithoutAlerts() {
        CallSimulator.Outcome outcome = simulator().run(script("rendez-vous-medecin"));

        assertThat(outcome.error()).isNull();
        assertThat(outcome.report().path("state").asText()).isEqualTo("ended");
        assertThat(outcome.fraudDetected()).isFalse();
        assertThat(outcome.report().path("alerts")).isEmpty();
    }

    @Test
    void wrongAuthTokenIsRefusedBeforeAnything() {
        CallSimulator.Target bad = new CallSimulator.Target(server.baseUrl(), server.demo.accountSid(),
                "0123456789abcdef0123456789abcdef", server.demo.number(), server.demo.callerNumber());
        CallSimulator.Outcome outcome = new CallSimulator(bad, http, scheduler, CallSimulator.Pacing.DEFAULT)
                .run(script("faux-technicien"));

        assertThat(outcome.webhookStatus()).isEqualTo(403);
        assertThat(outcome.error()).contains("403");
    }

    @Test
    void speechEndpointRefusesUnsignedScripts() throws Exception {
        CallSimulator.Target bad = new CallSimulator.Target(server.baseUrl(), server.demo.accountSid(),
                "0123456789abcdef0123456789abcdef", server.demo.number(), server.demo.callerNumber());
        CallSimulator sim = new CallSimulator(bad, http, scheduler, CallSimulator.Pacing.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sim.scriptTurns("CA00000000000000000000000000000001",
                        script("faux-technicien").turns()))
                .hasMessageContaining("403");
        assertThat(server.speech.hasScriptRemaining(com.ethiq.core.domain.CallSid.of("CA00000000000000000000000000000001"))).isFalse();
    }
}
