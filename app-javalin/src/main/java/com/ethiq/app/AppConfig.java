package com.ethiq.app;

import com.ethiq.core.domain.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the app, read from environment variables (see {@code docs/configuration.md}, generated from
 * {@link #SETTINGS}). Parsed and validated once at startup: a bad value fails fast with a message naming the variable.
 * Immutable, thread-safe.
 */
public final class AppConfig {

    /** One documented environment variable. */
    public record Setting(String name, String defaultValue, boolean secret, String description) {
    }

    /** Which implementation backs each outgoing vendor port. */
    public enum VendorMode { REAL, SIMULATED, NONE }

    public static final List<Setting> SETTINGS = List.of(
            new Setting("ETHIQ_HTTP_HOST", "0.0.0.0", false, "Interface the HTTP server binds to."),
            new Setting("ETHIQ_HTTP_PORT", "8080", false, "HTTP port (0 = any free port)."),
            new Setting("ETHIQ_PUBLIC_BASE_URL", "http://localhost:<port>", false,
                    "How Twilio reaches this app (scheme, host, optional port, no path). Webhook signatures are checked "
                            + "against it, never against Host/X-Forwarded-*; the media URL is its wss:// form + /twilio/media."),
            new Setting("ETHIQ_NODE_ID", "<hostname>", false, "Name of this node in logs and metrics."),
            new Setting("ETHIQ_TELEPHONY", "simulated", false,
                    "'twilio' (real Twilio REST through each tenant's credentials) or 'simulated' (recorded, nothing sent)."),
            new Setting("ETHIQ_TWILIO_API_BASE_URL", "https://api.twilio.com", false,
                    "Twilio REST base URL; point it at a local fake in tests."),
            new Setting("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "", true,
                    "Optional auth token of the platform Twilio account. When set, webhooks to unknown numbers and media "
                            + "upgrades are checked against it at once; otherwise the media upgrade signature is checked "
                            + "with the tenant's token when the stream's start message names the tenant."),
            new Setting("ETHIQ_SPEECH", "simulated", false,
                    "'google' (Google Speech-to-Text) or 'simulated' (scripted recogniser)."),
            new Setting("ETHIQ_AI", "none", false, "'openai', 'simulated' or 'none' (phrase rules decide alone)."),
            new Setting("ETHIQ_DATABASE_URL", "", false,
                    "JDBC URL of PostgreSQL (Supabase-compatible). Empty: in-memory stores (nothing survives a restart)."),
            new Setting("ETHIQ_DATABASE_USER", "ethiq_app", false, "Role for tenant traffic (row-level security applies; not the table owner)."),
            new Setting("ETHIQ_DATABASE_PASSWORD", "", true, "Password of that role."),
            new Setting("ETHIQ_DATABASE_PLATFORM_USER", "ethiq_platform", false, "Role of the explicit cross-tenant jobs (alert delivery, retention)."),
            new Setting("ETHIQ_DATABASE_PLATFORM_PASSWORD", "", true, "Password of that role."),
            new Setting("ETHIQ_DATABASE_POOL_SIZE", "10", false, "Connections of the app role's pool on this node."),
            new Setting("ETHIQ_DATABASE_TRANSACTION_POOLER", "false", false,
                    "true behind a transaction-mode pooler (Supavisor/PgBouncer port 6543): no server-side prepared statements."),
            new Setting("ETHIQ_DATABASE_LISTEN_URL", "<ETHIQ_DATABASE_URL>", false,
                    "Direct or session-mode JDBC URL for the tenant-change LISTEN connection (never a transaction pooler)."),
            new Setting("ETHIQ_DATABASE_MIGRATION_USER", "", false,
                    "When set, migrations run at startup with this login (it must be allowed to SET ROLE to the owner)."),
            new Setting("ETHIQ_DATABASE_MIGRATION_PASSWORD", "", true, "Password of that login."),
            new Setting("ETHIQ_SECRET_KEYS", "", true,
                    "Keys encrypting tenants' vendor credentials at rest: id1:base64key,id2:base64key (32-byte keys)."),
            new Setting("ETHIQ_SECRET_ACTIVE_KEY", "", false, "Id of the key new secrets are encrypted with."),
            new Setting("ETHIQ_MEDIA_TOKEN_SECRET", "<random per process>", true,
                    "HS256 key (>= 32 bytes, raw text or base64:...) of the per-call media tokens. Must be the same on "
                            + "every node behind one load balancer."),
            new Setting("ETHIQ_MEDIA_START_TIMEOUT", "PT5S", false,
                    "A media socket must present a valid start message within this time, else it is closed (1008)."),
            new Setting("ETHIQ_MEDIA_IDLE_TIMEOUT", "PT15S", false, "A media socket silent this long is closed."),
            new Setting("ETHIQ_MEDIA_MAX_MESSAGE_BYTES", "16384", false, "Largest media WebSocket message accepted (1009 beyond)."),
            new Setting("ETHIQ_MEDIA_MAX_SOCKETS", "5000", false, "Media sockets open at once on this node (503 beyond)."),
            new Setting("ETHIQ_MEDIA_MAX_SOCKETS_PER_TENANT", "20", false, "Authenticated media sockets of one tenant on this node."),
            new Setting("ETHIQ_MEDIA_BATCH_FRAMES", "5", false,
                    "20 ms frames gathered per track before audio goes to the recogniser (5 = 100 ms chunks)."),
            new Setting("ETHIQ_MEDIA_MAX_FRAMES_PER_SECOND", "150", false,
                    "Average media frames per second a socket may send (plus 5 s of burst) before it is closed (Twilio sends 100)."),
            new Setting("ETHIQ_WEBHOOK_MAX_BODY_BYTES", "65536", false, "Largest webhook body accepted (413 beyond)."),
            new Setting("ETHIQ_TENANT_CACHE_TTL", "PT5M", false,
                    "How long a tenant looked up by called number (and its telephony credentials) is cached per node."),
            new Setting("ETHIQ_ALERT_DISPATCH_INTERVAL", "PT1S", false, "Period of the durable alert dispatcher pass (fresh alerts also wake it at once)."),
            new Setting("ETHIQ_ALERT_LEASE", "PT30S", false, "How long a claimed alert is leased to one worker."),
            new Setting("ETHIQ_ALERT_WORKERS", "4", false,
                    "Threads delivering alerts on this node (one scam's SMS and announcement go out in parallel)."),
            new Setting("ETHIQ_ALERT_BATCH", "1", false,
                    "Alerts one worker claims per pass (small claims spread one scam's alerts over the workers)."),
            new Setting("ETHIQ_ALERT_MAX_ATTEMPTS", "8", false, "Delivery attempts before an alert is marked failed."),
            new Setting("ETHIQ_ALERT_FIRST_BACKOFF", "PT2S", false, "Wait after the first failed attempt (doubles each time)."),
            new Setting("ETHIQ_ALERT_MAX_BACKOFF", "PT5M", false, "Longest wait between attempts."),
            new Setting("ETHIQ_RETENTION_INTERVAL", "PT1H", false, "Period of the transcript retention job."),
            new Setting("ETHIQ_SHUTDOWN_GRACE", "PT10S", false,
                    "On shutdown: how long live calls and pending alert passes may take to finish."),
            new Setting("ETHIQ_METRICS_ENABLED", "true", false, "Serve Prometheus metrics on GET /metrics."),
            new Setting("ETHIQ_METRICS_TOKEN", "", true, "Bearer token a scraper must send to GET /metrics; unset: loopback clients only."),
            new Setting("ETHIQ_MODE", "development", false,
                    "'production' or 'development'. Production refuses to start unless ETHIQ_PUBLIC_BASE_URL is https "
                            + "(so webhooks, TwiML and the media stream are https/wss only)."),
            new Setting("ETHIQ_HSTS_MAX_AGE", "P365D", false,
                    "Strict-Transport-Security max-age sent (with includeSubDomains) when the public URL is https; at least one year."),
            new Setting("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", "", false,
                    "Account SID of the platform Twilio account that owns the number pool (AC + 32 hex)."),
            new Setting("ETHIQ_TWILIO_BUNDLE_SID", "", false, "Regulatory bundle used when buying pool numbers (France requires one)."),
            new Setting("ETHIQ_TWILIO_ADDRESS_SID", "", false, "Address used when buying pool numbers, where required."),
            new Setting("ETHIQ_NUMBER_QUARANTINE", "P90D", false,
                    "How long a number released by cancel or erasure rests before another account can get it (the one "
                            + "setting for the account API, the erasure job and the onboarding use case)."),
            new Setting("ETHIQ_NUMBER_RETRY_INTERVAL", "PT1M", false,
                    "Period of the job that provisions again accounts still PROVISIONING (durable retry)."),
            new Setting("ETHIQ_NUMBER_RECONCILE_INTERVAL", "PT1H", false,
                    "Period of the number-pool reconciliation with Twilio (repairs assigned numbers' webhooks)."));

    private final Map<String, String> values;
    private final URI publicBaseUrl;
    private final Secret mediaTokenSecret;
    private final boolean mediaTokenSecretGenerated;

    private AppConfig(Map<String, String> values, URI publicBaseUrl, Secret mediaTokenSecret, boolean generated) {
        this.values = values;
        this.publicBaseUrl = publicBaseUrl;
        this.mediaTokenSecret = mediaTokenSecret;
        this.mediaTokenSecretGenerated = generated;
    }

    /** From the process environment. */
    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** From any map of variables (tests, embedding). */
    public static AppConfig from(Map<String, String> env) {
        Map<String, String> known = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            String v = env.get(s.name());
            known.put(s.name(), v == null ? "" : v.strip());
        }
        AppConfig probe = new AppConfig(known, null, null, false);
        int port = probe.integer("ETHIQ_HTTP_PORT", 8080, 0, 65535);
        URI base = parseBaseUrl(known.get("ETHIQ_PUBLIC_BASE_URL"), port);
        String rawSecret = known.get("ETHIQ_MEDIA_TOKEN_SECRET");
        Secret secret;
        boolean generated = rawSecret.isEmpty();
        if (generated) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            secret = Secret.of("base64:" + Base64.getEncoder().encodeToString(random));
        } else {
            secret = Secret.of(rawSecret);
        }
        if (keyBytes(secret).length < 32) {
            throw new IllegalArgumentException("'ETHIQ_MEDIA_TOKEN_SECRET' must hold at least 32 bytes (256 bits)");
        }
        AppConfig config = new AppConfig(known, base, secret, generated);
        config.validate();
        return config;
    }

    private void validate() {
        boolean production = production();
        if (production && !"https".equals(publicBaseUrl.getScheme())) {
            throw new IllegalArgumentException("'ETHIQ_PUBLIC_BASE_URL' must be an https:// URL in production mode "
                    + "(ETHIQ_MODE=production), got '" + (publicBaseUrlDefaulted() ? "(not set)" : publicBaseUrl.toString()) + "'");
        }
        if (hstsMaxAge().compareTo(Duration.ofDays(365)) < 0) {
            throw new IllegalArgumentException("'ETHIQ_HSTS_MAX_AGE' must be at least P365D, got " + hstsMaxAge());
        }
        String sid = twilioPlatformAccountSid();
        if (!sid.isEmpty() && !sid.matches("AC[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("'ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID' must be AC + 32 hex digits");
        }
        if (numberQuarantine().isNegative()) {
            throw new IllegalArgumentException("'ETHIQ_NUMBER_QUARANTINE' must not be negative");
        }
        positive("ETHIQ_NUMBER_RETRY_INTERVAL", PT("PT1M"));
        positive("ETHIQ_NUMBER_RECONCILE_INTERVAL", PT("PT1H"));
        telephony();
        speech();
        ai();
        positive("ETHIQ_MEDIA_START_TIMEOUT", PT("PT5S"));
        positive("ETHIQ_MEDIA_IDLE_TIMEOUT", PT("PT15S"));
        mediaMaxMessageBytes();
        mediaMaxSockets();
        mediaMaxSocketsPerTenant();
        mediaBatchFrames();
        mediaMaxFramesPerSecond();
        webhookMaxBodyBytes();
        tenantCacheTtl();
        alertDispatchInterval();
        alertLease();
        alertBatch();
        alertWorkers();
        alertMaxAttempts();
        alertFirstBackoff();
        alertMaxBackoff();
        retentionInterval();
        shutdownGrace();
        metricsEnabled();
        if (!databaseUrl().isEmpty()) {
            if (!databaseUrl().startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("'ETHIQ_DATABASE_URL' must be a jdbc:postgresql: URL");
            }
            databasePoolSize();
            databaseTransactionPooler();
            if (secretKeys().isEmpty() || secretActiveKey().isEmpty()) {
                throw new IllegalArgumentException("'ETHIQ_SECRET_KEYS' and 'ETHIQ_SECRET_ACTIVE_KEY' are required with a database");
            }
        }
    }

    private static Duration PT(String text) {
        return Duration.parse(text);
    }

    private static URI parseBaseUrl(String text, int port) {
        if (text == null || text.isEmpty()) {
            return URI.create("http://localhost:" + (port == 0 ? 8080 : port));
        }
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'ETHIQ_PUBLIC_BASE_URL' must be a URL, got '" + text + "'", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("'ETHIQ_PUBLIC_BASE_URL' must be an http(s)://host[:port] URL, got '" + text + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
            throw new IllegalArgumentException("'ETHIQ_PUBLIC_BASE_URL' must not carry a path, query or fragment, got '" + text + "'");
        }
        return uri;
    }

    /** The key bytes of a {@code base64:}-prefixed or raw-text secret. */
    public static byte[] keyBytes(Secret secret) {
        String v = secret.reveal();
        if (v.startsWith("base64:")) {
            try {
                return Base64.getDecoder().decode(v.substring("base64:".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'ETHIQ_MEDIA_TOKEN_SECRET' is not valid base64 after 'base64:'", e);
            }
        }
        return v.getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- typed accessors

    /** True with ETHIQ_MODE=production: https/wss only, the app refuses to start otherwise. */
    public boolean production() {
        String v = text("ETHIQ_MODE", "development").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "production" -> true;
            case "development" -> false;
            default -> throw new IllegalArgumentException("'ETHIQ_MODE' must be 'production' or 'development', got '" + v + "'");
        };
    }

    /** True when the public URL is https: TwiML refuses ws/http URLs and responses carry HSTS. */
    public boolean tlsRequired() {
        return "https".equals(publicBaseUrl.getScheme());
    }

    public Duration hstsMaxAge() {
        return duration("ETHIQ_HSTS_MAX_AGE", PT("P365D"));
    }

    public String twilioPlatformAccountSid() {
        return values.get("ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID");
    }

    public String twilioBundleSid() {
        return values.get("ETHIQ_TWILIO_BUNDLE_SID");
    }

    public String twilioAddressSid() {
        return values.get("ETHIQ_TWILIO_ADDRESS_SID");
    }

    public Duration numberQuarantine() {
        return duration("ETHIQ_NUMBER_QUARANTINE", PT("P90D"));
    }

    public Duration numberRetryInterval() {
        return positive("ETHIQ_NUMBER_RETRY_INTERVAL", PT("PT1M"));
    }

    public Duration numberReconcileInterval() {
        return positive("ETHIQ_NUMBER_RECONCILE_INTERVAL", PT("PT1H"));
    }

    public String httpHost() {
        return text("ETHIQ_HTTP_HOST", "0.0.0.0");
    }

    public int httpPort() {
        return integer("ETHIQ_HTTP_PORT", 8080, 0, 65535);
    }

    /** Configured base, e.g. {@code https://voice.example.com}; never derived from request headers. */
    public URI publicBaseUrl() {
        return publicBaseUrl;
    }

    /** True when no public URL was configured (local runs): the base follows the port actually bound. */
    public boolean publicBaseUrlDefaulted() {
        return values.get("ETHIQ_PUBLIC_BASE_URL").isEmpty();
    }

    public String nodeId() {
        String v = values.get("ETHIQ_NODE_ID");
        if (!v.isEmpty()) {
            return v;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }

    public VendorMode telephony() {
        return mode("ETHIQ_TELEPHONY", "simulated", "twilio", false);
    }

    public URI twilioApiBaseUrl() {
        String v = text("ETHIQ_TWILIO_API_BASE_URL", "https://api.twilio.com");
        try {
            return URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'ETHIQ_TWILIO_API_BASE_URL' must be a URL, got '" + v + "'", e);
        }
    }

    public Optional<Secret> twilioPlatformAuthToken() {
        String v = values.get("ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN");
        return v.isEmpty() ? Optional.empty() : Optional.of(Secret.of(v));
    }

    public VendorMode speech() {
        return mode("ETHIQ_SPEECH", "simulated", "google", false);
    }

    public VendorMode ai() {
        return mode("ETHIQ_AI", "none", "openai", true);
    }

    public String databaseUrl() {
        return values.get("ETHIQ_DATABASE_URL");
    }

    public String databaseUser() {
        return text("ETHIQ_DATABASE_USER", "ethiq_app");
    }

    public String databasePassword() {
        return values.get("ETHIQ_DATABASE_PASSWORD");
    }

    public String databasePlatformUser() {
        return text("ETHIQ_DATABASE_PLATFORM_USER", "ethiq_platform");
    }

    public String databasePlatformPassword() {
        return values.get("ETHIQ_DATABASE_PLATFORM_PASSWORD");
    }

    public int databasePoolSize() {
        return integer("ETHIQ_DATABASE_POOL_SIZE", 10, 1, 500);
    }

    public boolean databaseTransactionPooler() {
        return bool("ETHIQ_DATABASE_TRANSACTION_POOLER", false);
    }

    public String databaseListenUrl() {
        return text("ETHIQ_DATABASE_LISTEN_URL", databaseUrl());
    }

    public String databaseMigrationUser() {
        return values.get("ETHIQ_DATABASE_MIGRATION_USER");
    }

    public String databaseMigrationPassword() {
        return values.get("ETHIQ_DATABASE_MIGRATION_PASSWORD");
    }

    public String secretKeys() {
        return values.get("ETHIQ_SECRET_KEYS");
    }

    public String secretActiveKey() {
        return values.get("ETHIQ_SECRET_ACTIVE_KEY");
    }

    public Secret mediaTokenSecret() {
        return mediaTokenSecret;
    }

    /** True when no secret was configured: tokens only verify on this process (fine for one node, wrong for several). */
    public boolean mediaTokenSecretGenerated() {
        return mediaTokenSecretGenerated;
    }

    public Duration mediaStartTimeout() {
        return positive("ETHIQ_MEDIA_START_TIMEOUT", PT("PT5S"));
    }

    public Duration mediaIdleTimeout() {
        return positive("ETHIQ_MEDIA_IDLE_TIMEOUT", PT("PT15S"));
    }

    public int mediaMaxMessageBytes() {
        return integer("ETHIQ_MEDIA_MAX_MESSAGE_BYTES", 16384, 1024, 1 << 20);
    }

    public int mediaMaxSockets() {
        return integer("ETHIQ_MEDIA_MAX_SOCKETS", 5000, 1, 1_000_000);
    }

    public int mediaMaxSocketsPerTenant() {
        return integer("ETHIQ_MEDIA_MAX_SOCKETS_PER_TENANT", 20, 1, 1_000_000);
    }

    public int mediaBatchFrames() {
        return integer("ETHIQ_MEDIA_BATCH_FRAMES", 5, 1, 50);
    }

    public int mediaMaxFramesPerSecond() {
        return integer("ETHIQ_MEDIA_MAX_FRAMES_PER_SECOND", 150, 10, 100_000);
    }

    public int webhookMaxBodyBytes() {
        return integer("ETHIQ_WEBHOOK_MAX_BODY_BYTES", 65536, 1024, 10 << 20);
    }

    public Duration tenantCacheTtl() {
        return positive("ETHIQ_TENANT_CACHE_TTL", PT("PT5M"));
    }

    public Duration alertDispatchInterval() {
        return positive("ETHIQ_ALERT_DISPATCH_INTERVAL", PT("PT1S"));
    }

    public Duration alertLease() {
        return positive("ETHIQ_ALERT_LEASE", PT("PT30S"));
    }

    public int alertBatch() {
        return integer("ETHIQ_ALERT_BATCH", 1, 1, 10_000);
    }

    public int alertWorkers() {
        return integer("ETHIQ_ALERT_WORKERS", 4, 1, 64);
    }

    public int alertMaxAttempts() {
        return integer("ETHIQ_ALERT_MAX_ATTEMPTS", 8, 1, 100);
    }

    public Duration alertFirstBackoff() {
        return positive("ETHIQ_ALERT_FIRST_BACKOFF", PT("PT2S"));
    }

    public Duration alertMaxBackoff() {
        return positive("ETHIQ_ALERT_MAX_BACKOFF", PT("PT5M"));
    }

    public Duration retentionInterval() {
        return positive("ETHIQ_RETENTION_INTERVAL", PT("PT1H"));
    }

    public Duration shutdownGrace() {
        Duration d = duration("ETHIQ_SHUTDOWN_GRACE", PT("PT10S"));
        if (d.isNegative()) {
            throw new IllegalArgumentException("'ETHIQ_SHUTDOWN_GRACE' must not be negative, got " + d);
        }
        return d;
    }

    public boolean metricsEnabled() {
        return bool("ETHIQ_METRICS_ENABLED", true);
    }

    /** The bearer token /metrics asks for; empty when only loopback clients may scrape. */
    public String metricsToken() {
        return values.get("ETHIQ_METRICS_TOKEN");
    }

    /** A copy with some variables replaced (tests, embedding). */
    public AppConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                merged.put(k, v);
            }
        });
        if (!mediaTokenSecretGenerated) {
            merged.put("ETHIQ_MEDIA_TOKEN_SECRET", mediaTokenSecret.reveal());
        }
        merged.putAll(overrides);
        AppConfig next = from(merged);
        if (mediaTokenSecretGenerated && !overrides.containsKey("ETHIQ_MEDIA_TOKEN_SECRET")) {
            return new AppConfig(next.values, next.publicBaseUrl, mediaTokenSecret, true);
        }
        return next;
    }

    /** The effective settings, secrets masked: logged at startup. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Setting s : SETTINGS) {
            String v = values.get(s.name());
            String shown;
            if (s.secret()) {
                shown = v.isEmpty() ? (s.name().equals("ETHIQ_MEDIA_TOKEN_SECRET") ? "(generated)" : "(not set)") : "(set)";
            } else if (s.name().equals("ETHIQ_DATABASE_URL")) {
                shown = v.isEmpty() ? "(in-memory)" : v.replaceAll("password=[^&]*", "password=****");
            } else {
                shown = v.isEmpty() ? "(default " + s.defaultValue() + ")" : v;
            }
            lines.add(s.name() + "=" + shown);
        }
        return lines;
    }

    // ---------------------------------------------------------------- parsing helpers

    private String text(String name, String fallback) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    private int integer(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' must be an integer, got '" + v + "'", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException("'" + name + "' must be within " + min + ".." + max + ", got " + parsed);
        }
        return parsed;
    }

    private Duration duration(String name, Duration fallback) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + name + "' must be an ISO-8601 duration like PT5S, got '" + v + "'", e);
        }
    }

    private Duration positive(String name, Duration fallback) {
        Duration d = duration(name, fallback);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("'" + name + "' must be positive, got " + d);
        }
        return d;
    }

    private boolean bool(String name, boolean fallback) {
        String v = values.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("'" + name + "' must be true or false, got '" + v + "'");
        };
    }

    private VendorMode mode(String name, String fallback, String realName, boolean noneAllowed) {
        String v = text(name, fallback).toLowerCase(Locale.ROOT);
        if (v.equals(realName)) {
            return VendorMode.REAL;
        }
        if (v.equals("simulated")) {
            return VendorMode.SIMULATED;
        }
        if (noneAllowed && v.equals("none")) {
            return VendorMode.NONE;
        }
        throw new IllegalArgumentException("'" + name + "' must be '" + realName + "', 'simulated'"
                + (noneAllowed ? " or 'none'" : "") + ", got '" + v + "'");
    }
}
