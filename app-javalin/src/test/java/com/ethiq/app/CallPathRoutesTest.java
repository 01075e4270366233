package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.calls.CallWebhooks;
import com.ethiq.app.calls.media.MediaStreamEndpoint;
import com.ethiq.app.metrics.Metrics;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** The call path mounted into a host's own Javalin: the host keeps its routes and its Jetty handlers. */
class CallPathRoutesTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void mountsWebhooksAndMediaBesideTheHostsOwnRoutesAndHandlers() throws Exception {
        AppConfig config = AppConfig.from(Map.of("ETHIQ_HTTP_HOST", "127.0.0.1", "ETHIQ_HTTP_PORT", "0",
                "ETHIQ_PUBLIC_BASE_URL", "https://voice.host.test"));
        CoreAssembly assembly = CoreAssembly.create(config, VendorWiring.fromConfig(config, Clock.systemUTC()),
                new Metrics("host-node"));
        CallPathRoutes callPath = CallPathRoutes.create(config, assembly);
        Javalin host = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = 0;
            // a host that installs its own Jetty handler ahead of Javalin's servlet
            c.jetty.modifyServer(server -> server.setHandler(new Handler.Sequence(new Answering("/host/raw", "raw handler"))));
            c.routes.get("/host/hello", ctx -> ctx.result("host route"));
            callPath.mount(c);
        });
        try {
            host.start();
            assembly.start();
            String base = "http://127.0.0.1:" + host.port();

            assertThat(get(base + "/host/hello", Map.of()).body()).isEqualTo("host route");
            assertThat(get(base + "/host/raw", Map.of()).body()).isEqualTo("raw handler");
            // the webhooks are there: a call to a number no tenant owns is rejected in TwiML, an unsigned callback refused
            HttpResponse<String> incoming = post(base + CallWebhooks.INCOMING_CALL,
                    "To=%2B33900000000&From=%2B33611111111&CallSid=CA0123456789abcdef0123456789abcdef");
            assertThat(incoming.statusCode()).isEqualTo(200);
            assertThat(incoming.body()).contains("<Reject");
            assertThat(post(base + CallWebhooks.CALL_STATUS, "To=%2B33900000000&CallSid=CA0123456789abcdef0123456789abcdef&CallStatus=completed")
                    .statusCode()).isEqualTo(403);
            // the media handler answers its path: no signature is refused, a signed non-upgrade is told to upgrade
            assertThat(get(base + CallWebhooks.MEDIA, Map.of()).statusCode()).isEqualTo(403);
            assertThat(get(base + CallWebhooks.MEDIA, Map.of(MediaStreamEndpoint.SIGNATURE_HEADER, "c2lnbmVk")).statusCode())
                    .isEqualTo(426);
        } finally {
            callPath.stopAccepting();
            host.stop();
            callPath.close();
            assembly.close();
        }
    }

    @Test
    void theMediaHandlerGoesAheadOfWhatTheHostInstalledWithoutDroppingIt() {
        Handler media = new Answering("/twilio/media", "media");
        Handler hostHandler = new Answering("/x", "x");

        Server empty = new Server();
        CallPathRoutes.installFirst(empty, media);
        assertThat(((Handler.Sequence) empty.getHandler()).getHandlers()).containsExactly(media);

        Server sequenced = new Server();
        sequenced.setHandler(new Handler.Sequence(hostHandler));
        CallPathRoutes.installFirst(sequenced, media);
        assertThat(((Handler.Sequence) sequenced.getHandler()).getHandlers()).containsExactly(media, hostHandler);

        // a wrapper (statistics, gzip ...) keeps wrapping everything, the media handler included
        Server wrapped = new Server();
        StatisticsHandler stats = new StatisticsHandler();
        stats.setHandler(hostHandler);
        wrapped.setHandler(stats);
        CallPathRoutes.installFirst(wrapped, media);
        assertThat(wrapped.getHandler()).isSameAs(stats);
        assertThat(((Handler.Sequence) stats.getHandler()).getHandlers()).containsExactly(media, hostHandler);

        Server plain = new Server();
        plain.setHandler(hostHandler);
        CallPathRoutes.installFirst(plain, media);
        assertThat(((Handler.Sequence) plain.getHandler()).getHandlers()).isEqualTo(List.of(media, hostHandler));
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A plain Jetty handler answering one path with a fixed text. */
    private static final class Answering extends Handler.Abstract {
        private final String path;
        private final String text;

        Answering(String path, String text) {
            this.path = path;
            this.text = text;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            if (!path.equals(Request.getPathInContext(request))) {
                return false;
            }
            response.setStatus(200);
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            Content.Sink.write(response, true, text, callback);
            return true;
        }
    }
}
