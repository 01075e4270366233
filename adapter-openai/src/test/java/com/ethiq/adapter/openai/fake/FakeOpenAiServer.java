package com.ethiq.adapter.openai.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local HTTP server speaking OpenAI's Chat Completions wire format ({@code POST /v1/chat/completions}), for tests
 * and for the app's simulated mode. Replies are scripted: one-shot replies queued with {@link #enqueue}, then a
 * standing {@link #respondWith responder} (default: a benign analysis). Every request is recorded on arrival, before
 * any scripted delay, so tests can wait for requests in flight. Binds 127.0.0.1 on a free port. Thread-safe.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, Reply> responder =
            request -> analysis(false, 0.05, "none", List.of("appel ordinaire"), List.of(), "");

    private FakeOpenAiServer() throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK:
        // ~40 ms per request. Read once per JVM by the JDK, so set it before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-openai");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAiServer start() {
        try {
            return new FakeOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake OpenAI server", e);
        }
    }

    /** The base URL to configure a client with, ending in {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Replies to the next requests, in order, before the standing responder applies again. */
    public FakeOpenAiServer enqueue(Reply... replies) {
        for (Reply r : replies) {
            queue.add(Objects.requireNonNull(r, "'reply' must not be null"));
        }
        return this;
    }

    /** Replies to every request not served from the queue. */
    public FakeOpenAiServer respondWith(Function<RecordedRequest, Reply> responder) {
        this.responder = Objects.requireNonNull(responder, "'responder' must not be null");
        return this;
    }

    public FakeOpenAiServer respondWith(Reply reply) {
        Objects.requireNonNull(reply, "'reply' must not be null");
        return respondWith(request -> reply);
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public int requestCount() {
        return requests.size();
    }

    /** Waits until at least {@code count} requests have arrived; false on timeout. */
    public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (requests.size() < count) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    headers, new String(body, StandardCharsets.UTF_8));
            Reply reply;
            if (!request.method().equals("POST") || !request.path().endsWith("/chat/completions")) {
                reply = error(404, "unknown_url", "Unknown request URL: " + request.method() + " " + request.path());
            } else {
                requests.add(request);
                Reply queued = queue.poll();
                reply = queued != null ? queued : responder.apply(request);
            }
            if (!reply.delay.isZero()) {
                try {
                    Thread.sleep(reply.delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // server closing
                }
            }
            byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            reply.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            try {
                exchange.sendResponseHeaders(reply.status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    try (OutputStream os = exchange.getResponseBody()) {
                        os.write(out);
                    }
                }
            } catch (IOException clientGone) {
                // the client timed out and closed the connection: nothing to do
            }
        }
    }

    // ---- replies -------------------------------------------------------------------------------------------------

    /** A 200 chat completion whose message content is {@code content} (finish_reason stop, usage 120/30). */
    public static Reply completion(String content) {
        return completion(content, "stop", 120, 30);
    }

    public static Reply completion(String content, String finishReason, long promptTokens, long completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("refusal");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        return chat(message, finishReason, promptTokens, completionTokens);
    }

    /** A 200 completion carrying an analysis in the schema's shape (values are not checked: make them absurd at will). */
    public static Reply analysis(boolean scam, double confidence, String category, List<String> reasons,
                                 List<Integer> evidenceTurns, String warning) {
        return completion(analysisJson(scam, confidence, category, reasons, evidenceTurns, warning));
    }

    /** The JSON text of an analysis in the schema's shape. */
    public static String analysisJson(boolean scam, double confidence, String category, List<String> reasons,
                                      List<Integer> evidenceTurns, String warning) {
        ObjectNode a = JSON.createObjectNode();
        ArrayNode r = a.putArray("reasons");
        reasons.forEach(r::add);
        ArrayNode e = a.putArray("evidence_turns");
        evidenceTurns.forEach(e::add);
        a.put("category", category);
        a.put("scam", scam);
        a.put("confidence", confidence);
        a.put("warning", warning);
        return a.toString();
    }

    /** The model refuses: content null, refusal set. */
    public static Reply refusal(String text) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("refusal", text);
        message.putNull("content");
        return chat(message, "stop", 120, 8);
    }

    /** The answer was cut at max_completion_tokens: finish_reason length, partial content. */
    public static Reply truncated(String partialContent) {
        return completion(partialContent, "length", 120, 400);
    }

    /** An OpenAI error body with this status. */
    public static Reply error(int status, String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.putObject("error").put("message", message).put("type", status == 429 ? "requests" : "server_error")
                .putNull("param").put("code", code);
        return new Reply(status, Map.of(), error.toString(), Duration.ZERO);
    }

    /** 429 asking to retry after this long ({@code retry-after-ms}). */
    public static Reply rateLimited(Duration retryAfter) {
        return error(429, "rate_limit_exceeded", "Rate limit reached").withHeader("retry-after-ms",
                Long.toString(retryAfter.toMillis()));
    }

    /** Any status and body, as is. */
    public static Reply raw(int status, String body) {
        return new Reply(status, Map.of(), body, Duration.ZERO);
    }

    private static Reply chat(ObjectNode message, String finishReason, long promptTokens, long completionTokens) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake-" + IDS.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", 1_700_000_000L);
        root.put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.put("finish_reason", finishReason);
        choice.putNull("logprobs");
        choice.set("message", message);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return new Reply(200, Map.of(), root.toString(), Duration.ZERO);
    }

    /** A scripted HTTP reply; immutable. */
    public static final class Reply {
        final int status;
        final Map<String, String> headers;
        final String body;
        final Duration delay;

        private Reply(int status, Map<String, String> headers, String body, Duration delay) {
            this.status = status;
            this.headers = Map.copyOf(headers);
            this.body = body;
            this.delay = delay;
        }

        /** The same reply, sent after this delay. */
        public Reply delayed(Duration delay) {
            return new Reply(status, headers, body, Objects.requireNonNull(delay, "'delay' must not be null"));
        }

        public Reply withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay);
        }

        public int status() {
            return status;
        }
    }

    /** One request as received; header names lower-cased. */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("request body is not JSON", e);
            }
        }

        public String model() {
            return json().path("model").asText(null);
        }

        /** Contents of the messages with this role, in order. */
        public List<String> messages(String role) {
            List<String> out = new ArrayList<>();
            for (JsonNode m : json().path("messages")) {
                if (role.equals(m.path("role").asText())) {
                    out.add(m.path("content").asText());
                }
            }
            return out;
        }

        public String systemMessage() {
            List<String> m = messages("system");
            return m.isEmpty() ? null : m.get(0);
        }

        public String userMessage() {
            List<String> m = messages("user");
            return m.isEmpty() ? null : m.get(m.size() - 1);
        }

        public JsonNode responseFormat() {
            return json().path("response_format");
        }
    }
}
