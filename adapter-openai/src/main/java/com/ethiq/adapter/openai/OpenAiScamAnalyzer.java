package com.ethiq.adapter.openai;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.privacy.PiiRedactor;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScamAnalyzer} on OpenAI Chat Completions (or any compatible endpoint) with a strict JSON schema.
 * Per call: per-tenant rate limit → node bulkhead (no waiting) → redacted, capped prompt → attempts under the key's
 * circuit breaker, retried on 408/409/429/5xx/connection errors honouring Retry-After within the request budget →
 * validated answer. Any failure is an {@link AnalysisUnavailableException} without a vendor cause; every request is
 * reported to the {@link AiRequestLog}. Thread-safe; {@link #close()} releases the HTTP client.
 */
public final class OpenAiScamAnalyzer implements ScamAnalyzer, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiScamAnalyzer.class);
    /** A canned completion parsed once at construction to load the response path (see {@link #warmUp()}). */
    private static final String WARM_UP_COMPLETION = "{\"id\":\"chatcmpl-warmup\",\"object\":\"chat.completion\","
            + "\"created\":0,\"model\":\"warmup\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
            + "\"logprobs\":null,\"message\":{\"role\":\"assistant\",\"refusal\":null,\"content\":"
            + "\"{\\\"reasons\\\":[],\\\"evidence_turns\\\":[0],\\\"category\\\":\\\"none\\\","
            + "\\\"scam\\\":false,\\\"confidence\\\":0.1,\\\"warning\\\":\\\"\\\"}\"}}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private final OpenAiSettings settings;
    private final TenantSecrets tenantSecrets;
    private final AiRequestLog requestLog;
    private final Clock clock;
    private final boolean clockInjected;
    private final ClientPool clients;
    private final AnalysisPrompt prompts;
    private final AnswerValidator validator = new AnswerValidator();
    private final Bulkhead bulkhead;
    private final RateLimiterConfig tenantLimit;
    private final ConcurrentHashMap<TenantId, RateLimiter> tenantLimiters = new ConcurrentHashMap<>();
    private final Retry retry;
    private final IntervalFunction backoff;

    private OpenAiScamAnalyzer(Builder b) {
        this.settings = b.settings;
        this.tenantSecrets = b.tenantSecrets;
        this.requestLog = b.requestLog;
        this.clock = b.clock;
        this.clockInjected = b.clockInjected;
        this.clients = new ClientPool(settings, clock);
        this.prompts = new AnalysisPrompt(b.redactor, settings.maxWindowTurns(), settings.maxWindowChars());
        this.bulkhead = Bulkhead.of("openai", BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        this.tenantLimit = RateLimiterConfig.custom()
                .limitForPeriod(settings.tenantCallsPerPeriod())
                .limitRefreshPeriod(settings.tenantPeriod())
                .timeoutDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build();
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.retryBackoff(), 2.0, 0.2);
        this.retry = Retry.of("openai", RetryConfig.<ChatCompletion>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(e -> e instanceof AiFailure f && f.retry)
                .intervalBiFunction((attempt, outcome) ->
                        outcome.isLeft() && outcome.getLeft() instanceof AiFailure f ? f.delay.toMillis() : 0L)
                .failAfterMaxAttempts(false)
                .writableStackTraceEnabled(false)
                .build());
        warmUp();
    }

    /**
     * Loads and links the prompt, request-serialisation and response-parsing code paths without any network access,
     * so the first analysis of a live call does not spend its budget on class loading (seconds on a busy node).
     * A failure here is logged and ignored: the first call simply pays the cost.
     */
    private void warmUp() {
        long start = System.nanoTime();
        try {
            AnalysisRequest sample = new AnalysisRequest(new TenantId(new UUID(0, 0)),
                    CallSid.of("CAwarmup"), Language.FRENCH,
                    List.of(new Turn(0, Speaker.CALLER, "Bonjour, code 4829, 1450 euros.")),
                    Verdict.Clear.empty());
            AnalysisPrompt.Built prompt = prompts.build(sample);
            ChatCompletionCreateParams params = params(prompt, sample.tenant());
            JsonMapper json = ObjectMappers.jsonMapper();
            json.writeValueAsString(params._body());
            ChatCompletion canned = json.readValue(WARM_UP_COMPLETION, ChatCompletion.class);
            String content = canned.choices().get(0).message().content().orElseThrow();
            validator.validate(content, prompt.turnIndexes(), canned.model(), new TokenUsage(0, 0));
            LOG.debug("AI adapter warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            LOG.warn("AI adapter warm-up failed ({}); the first analysis will be slower", e.getClass().getName());
        }
    }

    /** An analyzer with these settings, the platform key only, no request log and the system clock. */
    public static OpenAiScamAnalyzer create(OpenAiSettings settings) {
        return builder(settings).build();
    }

    public static Builder builder(OpenAiSettings settings) {
        return new Builder(settings);
    }

    @Override
    public AiAnalysis analyze(AnalysisRequest request) {
        Objects.requireNonNull(request, "'request' must not be null");
        Call call = new Call(request, System.nanoTime());
        try {
            AiAnalysis analysis = run(call);
            call.outcome = AiOutcome.SUCCESS;
            return analysis;
        } catch (AiFailure f) {
            call.outcome = f.outcome;
            call.vendorCode = f.vendorCode;
            LOG.info("AI analysis unavailable: tenant={} call={} outcome={} code={} attempts={} latencyMs={}",
                    request.tenant(), request.callSid(), f.outcome, f.vendorCode, call.attempts, call.elapsed().toMillis());
            throw f.toUnavailable();
        } catch (RuntimeException e) {
            // a bug or an unmapped vendor failure: still never a vendor type across the port
            call.outcome = AiOutcome.VENDOR_ERROR;
            call.vendorCode = "unexpected";
            LOG.warn("AI analysis failed unexpectedly: tenant={} call={} error={}", request.tenant(), request.callSid(),
                    e.getClass().getName());
            throw new AnalysisUnavailableException("unexpected failure: " + e.getClass().getSimpleName(), false,
                    "unexpected", null);
        } finally {
            publish(call);
        }
    }

    private AiAnalysis run(Call call) {
        AnalysisRequest request = call.request;
        if (!tenantLimiters.computeIfAbsent(request.tenant(), this::newTenantLimiter).acquirePermission()) {
            throw AiFailure.of(AiOutcome.TENANT_RATE_LIMITED, "the tenant's AI call budget for the period is used up", false);
        }
        if (!bulkhead.tryAcquirePermission()) {
            throw AiFailure.of(AiOutcome.BULKHEAD_FULL, "too many AI calls in flight on this node", false);
        }
        try {
            ClientPool.Channel channel = channelFor(request.tenant());
            call.tenantKey = channel.tenantKey();
            AnalysisPrompt.Built prompt = prompts.build(request);
            call.redactions = prompt.redactions();
            ChatCompletionCreateParams params = params(prompt, request.tenant());
            Supplier<ChatCompletion> attempt = () -> attempt(channel, params, call);
            ChatCompletion completion = retry.executeSupplier(attempt);
            return answer(completion, prompt, call);
        } finally {
            bulkhead.onComplete();
        }
    }

    private ChatCompletionCreateParams params(AnalysisPrompt.Built prompt, TenantId tenant) {
        ChatCompletionCreateParams.Builder p = ChatCompletionCreateParams.builder()
                .model(settings.model())
                .addSystemMessage(prompt.system())
                .addUserMessage(prompt.user())
                .responseFormat(AnalysisSchema.responseFormat())
                .maxCompletionTokens(settings.maxCompletionTokens())
                .store(false)
                .safetyIdentifier(safetyIdentifier(tenant));
        if (settings.temperature() != null) {
            p.temperature(settings.temperature());
        }
        return p.build();
    }

    /** One HTTP request under the key's breaker; failures say whether and when to retry. */
    private ChatCompletion attempt(ClientPool.Channel channel, ChatCompletionCreateParams params, Call call) {
        Duration left = call.remaining();
        // OkHttp reads a zero timeout as "no timeout": never start an attempt without time left
        if (left.toMillis() < 1 || call.attempts > 0 && left.compareTo(settings.minAttemptTime()) < 0) {
            throw AiFailure.of(AiOutcome.TIMEOUT, "no time left for an attempt", false);
        }
        if (!channel.breaker().tryAcquirePermission()) {
            throw AiFailure.of(AiOutcome.CIRCUIT_OPEN, "the AI endpoint is failing: circuit open", false);
        }
        call.attempts++;
        long start = System.nanoTime();
        try {
            ChatCompletion completion = channel.client().chat().completions().create(params, options(left));
            channel.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return completion;
        } catch (RuntimeException e) {
            long took = System.nanoTime() - start;
            VendorFailures.Classified c = VendorFailures.classify(e, clock);
            if (c.failure().countsForBreaker) {
                channel.breaker().onError(took, TimeUnit.NANOSECONDS, c.failure());
            } else {
                channel.breaker().onSuccess(took, TimeUnit.NANOSECONDS); // the endpoint answered; the request was wrong
            }
            throw withRetryDecision(c, call);
        }
    }

    private AiFailure withRetryDecision(VendorFailures.Classified c, Call call) {
        if (!c.retryable() || call.attempts >= settings.maxAttempts()) {
            return c.failure();
        }
        Duration wait = c.retryAfter().orElseGet(() -> Duration.ofMillis(backoff.apply(call.attempts)));
        if (wait.compareTo(settings.maxRetryAfter()) > 0) {
            return c.failure(); // the vendor asks for longer than a call can wait: the rules decide now
        }
        if (call.remaining().minus(wait).compareTo(settings.minAttemptTime()) < 0) {
            return c.failure();
        }
        return c.failure().retryAfter(wait);
    }

    private RequestOptions options(Duration left) {
        Duration connect = left.compareTo(settings.connectTimeout()) < 0 ? left : settings.connectTimeout();
        return RequestOptions.builder()
                .timeout(Timeout.builder().connect(connect).read(left).write(left).request(left).build())
                .build();
    }

    private AiAnalysis answer(ChatCompletion completion, AnalysisPrompt.Built prompt, Call call) {
        String content;
        String finish;
        Optional<String> refusal;
        try {
            Optional<CompletionUsage> usage = completion.usage();
            call.promptTokens = usage.map(CompletionUsage::promptTokens).orElse(0L);
            call.completionTokens = usage.map(CompletionUsage::completionTokens).orElse(0L);
            call.model = completion._model().asString().filter(m -> !m.isBlank()).orElse(settings.model());
            List<ChatCompletion.Choice> choices = completion.choices();
            if (choices.isEmpty()) {
                throw AiFailure.of(AiOutcome.INVALID_OUTPUT, "invalid answer: no choice", false);
            }
            ChatCompletion.Choice choice = choices.get(0);
            finish = choice._finishReason().asKnown().map(ChatCompletion.Choice.FinishReason::asString).orElse("");
            refusal = choice.message().refusal().filter(r -> !r.isBlank());
            content = choice.message().content().orElse("");
        } catch (OpenAIException e) {
            throw AiFailure.of(AiOutcome.INVALID_OUTPUT, "invalid answer: unreadable completion", false);
        }
        if (refusal.isPresent() || "content_filter".equals(finish)) {
            throw AiFailure.vendor(AiOutcome.REFUSED, "the model refused to answer", refusal.isPresent() ? "refusal"
                    : "content_filter", false, false);
        }
        if ("length".equals(finish)) {
            throw AiFailure.of(AiOutcome.INVALID_OUTPUT, "invalid answer: truncated at the token limit", false);
        }
        if (content.isBlank()) {
            throw AiFailure.of(AiOutcome.INVALID_OUTPUT, "invalid answer: empty content", false);
        }
        return validator.validate(content, prompt.turnIndexes(), call.model,
                new TokenUsage(call.promptTokens, call.completionTokens));
    }

    private ClientPool.Channel channelFor(TenantId tenant) {
        Optional<Secret> own;
        try {
            own = tenantSecrets == null ? Optional.empty() : tenantSecrets.aiApiKey(tenant);
        } catch (RuntimeException e) {
            // never fall back to the platform key: a tenant with its own key would be billed to the platform
            throw AiFailure.of(AiOutcome.NO_API_KEY, "the tenant's AI key could not be read", false);
        }
        if (own.isPresent()) {
            return clients.channel(own.get(), true);
        }
        if (settings.apiKey() == null) {
            throw AiFailure.of(AiOutcome.NO_API_KEY, "no AI key for this tenant and no platform key", true);
        }
        return clients.channel(settings.apiKey(), false);
    }

    private RateLimiter newTenantLimiter(TenantId tenant) {
        // an injected clock drives the limiter (tests move it); otherwise the monotonic clock, immune to NTP steps
        Supplier<Long> nanoTime = clockInjected ? () -> nanos(clock.instant()) : System::nanoTime;
        return RateLimiter.of("openai-tenant-" + tenant, tenantLimit, nanoTime);
    }

    private void publish(Call call) {
        AnalysisRequest r = call.request;
        AiRequestRecord record = new AiRequestRecord(r.tenant(), r.callSid(), clock.instant(),
                call.model == null ? settings.model() : call.model, call.elapsed(), call.attempts, call.promptTokens,
                call.completionTokens, call.outcome, call.outcome == AiOutcome.SUCCESS ? null : call.vendorCode,
                call.tenantKey, call.redactions);
        try {
            requestLog.record(record);
        } catch (RuntimeException e) {
            LOG.warn("AI request log failed: tenant={} call={} error={}", r.tenant(), r.callSid(), e.getClass().getName());
        }
    }

    /** Lets the vendor tell tenants apart for abuse handling without learning who they are. */
    static String safetyIdentifier(TenantId tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ethiq-tenant:" + tenant).getBytes(StandardCharsets.UTF_8));
            return "ethiq-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public void close() {
        clients.close();
    }

    /** Mutable state of one analysis (confined to the calling thread). */
    private final class Call {
        final AnalysisRequest request;
        final long startNanos;
        int attempts;
        long promptTokens;
        long completionTokens;
        String model;
        AiOutcome outcome = AiOutcome.VENDOR_ERROR;
        String vendorCode;
        boolean tenantKey;
        int redactions;

        Call(AnalysisRequest request, long startNanos) {
            this.request = request;
            this.startNanos = startNanos;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        Duration remaining() {
            Duration left = settings.requestTimeout().minus(elapsed());
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    /** Wiring of an {@link OpenAiScamAnalyzer}; not thread-safe. */
    public static final class Builder {
        private final OpenAiSettings settings;
        private TenantSecrets tenantSecrets;
        private AiRequestLog requestLog = AiRequestLog.NONE;
        private Clock clock = Clock.systemUTC();
        private boolean clockInjected;
        private PiiRedactor redactor = PiiRedactor.standard();

        private Builder(OpenAiSettings settings) {
            this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        }

        /** Where tenants' own API keys are read; a tenant without one uses the platform key. */
        public Builder tenantSecrets(TenantSecrets tenantSecrets) {
            this.tenantSecrets = Objects.requireNonNull(tenantSecrets, "'tenantSecrets' must not be null");
            return this;
        }

        public Builder requestLog(AiRequestLog requestLog) {
            this.requestLog = Objects.requireNonNull(requestLog, "'requestLog' must not be null");
            return this;
        }

        /** Time for record timestamps, Retry-After dates, the breaker's open period and the per-tenant limit. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
            this.clockInjected = true;
            return this;
        }

        public Builder redactor(PiiRedactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "'redactor' must not be null");
            return this;
        }

        public OpenAiScamAnalyzer build() {
            return new OpenAiScamAnalyzer(this);
        }
    }
}
