package com.ethiq.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, item 8 (the parts outside the media edge): hostile webhook bodies are refused without a stack trace,
 * /metrics needs its token, and a tenant's signature scripts speech only into that tenant's own calls.
 */
class EdgeHardeningTest {
    static final String METRICS_TOKEN = "metrics-test-token-0123456789";
    static SimulatedNode node;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = new SimulatedNode(Duration.ofMillis(30), List.of(), Map.of("ETHIQ_METRICS_TOKEN", METRICS_TOKEN));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void unsignedWebhooksWithOddBodiesAreRefusedQuietly() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA123\r\n--XyZ--\r\n";
            for (String path : List.of("/twilio/voice", "/twilio/call-status", "/twilio/conference-status", "/twilio/stream-status", "/twilio/sms")) {
                assertThat(post(path, "multipart/form-data; boundary=XyZ", multipart, Map.of("X-Twilio-Signature", "x")).statusCode())
                        .as(path).isEqualTo(415);
                assertThat(post(path, "application/x-www-form-urlencoded; charset=x-no-such-charset", "CallSid=CA1",
                        Map.of("X-Twilio-Signature", "x")).statusCode()).as(path).isEqualTo(415);
                assertThat(post(path, "application/x-www-form-urlencoded; charset=UTF-16", "CallSid=CA1", Map.of()).statusCode())
                        .as(path).isEqualTo(415);
            }
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).noneMatch(e -> e.getThrowableProxy() != null);
    }

    @Test
    void metricsNeedTheirToken() throws Exception {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/metrics")).GET();
        assertThat(http.send(get.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/metrics")).header("Authorization", "Bearer wrong")
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("ethiq_");
    }

    @Test
    void aTenantScriptsSpeechOnlyIntoItsOwnCalls() throws Exception {
        CallSid own = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        node.app.assembly().adapters().callLogs().open(CallLog.started(node.demo.id(), own, "+33600000000", Instant.now(),
                CallProtection.PROTECTED));
        CallSid someoneElses = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        assertThat(speech(someoneElses).statusCode()).isEqualTo(404);
        assertThat(speech(own).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> speech(CallSid sid) throws Exception {
        String body = "{\"callSid\":\"" + sid.value() + "\",\"turns\":[{\"track\":\"inbound\",\"text\":\"bonjour\"}]}";
        String url = TwilioSigner.jsonUrl(node.baseUrl() + SimulatorRoutes.SPEECH + "?to="
                + java.net.URLEncoder.encode(node.demo.number(), StandardCharsets.UTF_8), body);
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("X-Twilio-Signature", TwilioSigner.json(node.demo.authToken(), url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
