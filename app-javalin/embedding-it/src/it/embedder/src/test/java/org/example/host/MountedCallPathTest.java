package org.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call path mounted into the host's own Javalin: the host's route and Twilio's webhook and media paths answer. */
class MountedCallPathTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theHostKeepsItsRoutesAndServesTheCallPath() throws Exception {
        try (ShieldHost host = new ShieldHost(Map.of("ETHIQ_PUBLIC_BASE_URL", "https://voice.example.org")).start()) {
            String base = "http://127.0.0.1:" + host.port();

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/host/status")).GET()).body()).isEqualTo("host is up");
            // an unsigned status callback is refused by the mounted webhooks
            HttpResponse<String> callback = send(HttpRequest.newBuilder(URI.create(base + "/twilio/call-status"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed")));
            assertThat(callback.statusCode()).isEqualTo(403);
            // the media handler answers its path (a signed plain GET is told to upgrade to a WebSocket)
            HttpResponse<String> media = send(HttpRequest.newBuilder(URI.create(base + "/twilio/media"))
                    .header("X-Twilio-Signature", "c2lnbmVk").GET());
            assertThat(media.statusCode()).isEqualTo(426);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
