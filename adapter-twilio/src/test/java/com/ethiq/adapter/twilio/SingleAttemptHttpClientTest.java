package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport on its own: host rewrite (with a proxy path prefix), headers, form body, one attempt, error bodies. */
class SingleAttemptHttpClientTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String reply = "{}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())
                    + " | " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " | " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " | " + body);
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SingleAttemptHttpClient client(String prefix) {
        return new SingleAttemptHttpClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix),
                Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private static Request request(HttpMethod method) {
        Request r = new Request(method, "api", "/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json");
        r.setAuth("AC00000000000000000000000000000001", "tok");
        return r;
    }

    @Test
    void rewritesTheHostKeepsPathAndQueryAndSendsBasicAuth() {
        Request get = request(HttpMethod.GET);
        get.addQueryParam("To", "+33612345678");

        Response response = client("/proxy").reliableRequest(get);

        assertThat(response.getStatusCode()).isEqualTo(200);
        String basic = "Basic " + Base64.getEncoder().encodeToString("AC00000000000000000000000000000001:tok".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).containsExactly("GET /proxy/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json?To=%2B33612345678 | "
                + basic + " | null | ");
    }

    @Test
    void postsAFormEncodedBody() {
        Request post = request(HttpMethod.POST);
        post.addPostParam("To", "+33612345678");
        post.addPostParam("Body", "Alerte é & co");

        client("").reliableRequest(post);

        assertThat(seen).singleElement().asString()
                .contains("application/x-www-form-urlencoded")
                .endsWith("To=%2B33612345678&Body=Alerte+%C3%A9+%26+co");
    }

    @Test
    void aServerErrorIsOneAttemptEvenThroughTheRetryingOverload() {
        status = 502;
        reply = "<html><body>Bad gateway</body></html>";

        assertThatThrownBy(() -> client("").reliableRequest(request(HttpMethod.POST), new int[] {-500}, 3, 1))
                .isInstanceOfSatisfying(TwilioFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TwilioFailure.Kind.OUTCOME_UNKNOWN);
                    assertThat(f.httpStatus()).isEqualTo(502);
                    assertThat(f.code()).isNull();
                });
        assertThat(seen).hasSize(1);
    }

    @Test
    void twilioErrorBodiesGiveTheCode() {
        status = 400;
        reply = "{\"code\": 21211, \"message\": \"The 'To' number +33612345678 is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}";

        assertThatThrownBy(() -> client("").reliableRequest(request(HttpMethod.POST)))
                .isInstanceOfSatisfying(TwilioFailure.class, f -> {
                    assertThat(f.kind()).isEqualTo(TwilioFailure.Kind.REJECTED);
                    assertThat(f.code()).isEqualTo(21211);
                    assertThat(f.getMessage()).contains("+33*******78").doesNotContain("+33612345678");
                });
    }
}
