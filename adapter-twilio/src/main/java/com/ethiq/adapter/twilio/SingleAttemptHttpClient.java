package com.ethiq.adapter.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.Header;

/**
 * Transport for twilio-java: exactly one HTTP attempt per call (twilio-java would otherwise resend any 5xx up to three
 * times, POSTs included), real connect/read timeouts, and the Twilio host replaced by the configured API base URL
 * (a regional host, a staging proxy or a local fake). Failures are thrown as classified {@link TwilioFailure}s so
 * callers know whether the request can have been processed. Thread-safe; one instance serves all tenants.
 */
final class SingleAttemptHttpClient extends com.twilio.http.HttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Header[] NO_HEADERS = new Header[0];
    // JDK HttpClient refuses these as user-set headers
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final URI apiBase;
    private final Duration readTimeout;
    private final HttpClient http;

    SingleAttemptHttpClient(URI apiBase, Duration connectTimeout, Duration readTimeout) {
        this.apiBase = apiBase;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.getDefault()) // honours https.proxyHost & co, like twilio-java's own client
                .build();
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target(request.constructURL()))
                .timeout(readTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "ethiq-adapter-twilio (twilio-java 13.0.1)");
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        for (Map.Entry<String, List<String>> e : request.getHeaderParams().entrySet()) {
            if (!RESTRICTED.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                e.getValue().forEach(v -> builder.header(e.getKey(), v));
            }
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.GET) {
            builder.GET();
        } else if (method == HttpMethod.DELETE) {
            builder.DELETE();
        } else {
            builder.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .method(method.toString(), HttpRequest.BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8));
        }

        String what = method + " " + request.getUrl().replaceFirst("^https://[^/]+", "");
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw TwilioFailure.notSent(what + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (HttpTimeoutException e) {
            throw TwilioFailure.noAnswer(what + " (read timeout after " + readTimeout.toMillis() + " ms)", e);
        } catch (IOException e) {
            throw TwilioFailure.noAnswer(what + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TwilioFailure.noAnswer(what + " (interrupted)", e);
        }

        int status = response.statusCode();
        if (status >= 400) {
            throw errorOf(what, status, response.body());
        }
        return new Response(response.body(), status, NO_HEADERS);
    }

    /** Keeps path and query of twilio-java's URL, puts them under the configured base. */
    private URI target(URL twilioUrl) {
        String pathAndQuery = twilioUrl.getFile(); // raw path + '?' + raw query, as twilio-java encoded them
        return URI.create(apiBase + pathAndQuery);
    }

    private static TwilioFailure errorOf(String what, int status, String body) {
        Integer code = null;
        String message = null;
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            if (node != null && node.isObject()) {
                JsonNode c = node.get("code");
                code = c != null && c.canConvertToInt() ? c.asInt() : null;
                JsonNode m = node.get("message");
                message = m != null && m.isTextual() ? m.asText() : null;
            }
        } catch (IOException notJson) {
            // a proxy's HTML error page: the HTTP status alone decides
        }
        return TwilioFailure.fromHttp(what, status, code, message);
    }
}
