package com.ethiq.app.config;

import com.ethiq.adapter.openai.OpenAiSettings;
import com.ethiq.adapter.twilio.SmsSending;
import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.app.calls.media.MediaSettings;
import com.ethiq.app.calls.media.SourceAdmission;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.usecase.AlertDispatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue: every environment variable the app and its adapters read, each declared once (name, default, bounds,
 * documentation). docs/configuration.md is checked against {@link #ALL} by a test. Where a port or adapter already
 * owns a default (the core's alert dispatcher, the media limits, the OpenAI settings, the number pool's quarantine),
 * the declaration takes it from there instead of writing it again. Per-concern records ({@code *Settings} in this
 * package) read these at start; nothing else reads the environment.
 */
public final class Settings {
    private Settings() {
    }

    private static final MediaSettings MEDIA = MediaSettings.defaults();
    private static final AlertDispatcher.Settings DISPATCH = AlertDispatcher.Settings.DEFAULT;
    private static final OpenAiSettings OPENAI = OpenAiSettings.builder().build();

    // ---------------------------------------------------------------- server (ServerSettings)
    public static final Setting<String> HTTP_HOST = Setting.text("ETHIQ_HTTP_HOST", "0.0.0.0",
            "Interface the HTTP server binds to.");
    public static final Setting<Integer> HTTP_PORT = Setting.integer("ETHIQ_HTTP_PORT", 8080, 0, 65535,
            "HTTP port (0 = any free port).");
    public static final Setting<Optional<String>> NODE_ID = Setting.optionalText("ETHIQ_NODE_ID", "host name",
            "Name of this node in logs and metrics.");
    public static final Setting<Integer> WEBHOOK_MAX_BODY_BYTES = Setting.integer("ETHIQ_WEBHOOK_MAX_BODY_BYTES", 65536,
            1024, 10 << 20, "Largest webhook body accepted (413 beyond).");
    public static final Setting<Duration> TENANT_CACHE_TTL = Setting.positiveDuration("ETHIQ_TENANT_CACHE_TTL",
            Duration.ofMinutes(5), "How long a tenant looked up by called number (and its credentials) is cached per node.");
    public static final Setting<Boolean> METRICS_ENABLED = Setting.bool("ETHIQ_METRICS_ENABLED", true,
            "Serve Prometheus metrics on GET /metrics.");
    public static final Setting<Optional<Secret>> METRICS_TOKEN = Setting.secret("ETHIQ_METRICS_TOKEN", "(none)",
            "Bearer token a scraper must send to GET /metrics; unset: loopback clients only.");
    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.nonNegativeDuration("ETHIQ_SHUTDOWN_GRACE",
            Duration.ofSeconds(10), "On shutdown: how long live calls and pending alert passes may take to finish.");
    public static final Setting<Duration> MEDIA_READ_INTERVAL = Setting.duration("ETHIQ_MEDIA_READ_INTERVAL",
            Duration.ofMillis(40), "an ISO-8601 duration from PT0S to PT0.2S",
            d -> !d.isNegative() && d.compareTo(Duration.ofMillis(200)) <= 0,
            "How long a media socket rests after a read before it is read again: the frames that arrive meanwhile are "
                    + "taken by one read, for all sockets in one wake-up (CPU per frame); adds up to 1.5x this to a "
                    + "frame's wait. Webhooks and API requests never wait. PT0S: read every frame as it arrives.");

    // ---------------------------------------------------------------- transport (TransportSettings)
    public static final Setting<Boolean> PRODUCTION = Setting.choice("ETHIQ_MODE", false,
            Map.of("development", false, "production", true),
            "'production' refuses to start unless ETHIQ_PUBLIC_BASE_URL is https.");
    public static final Setting<Optional<java.net.URI>> PUBLIC_BASE_URL = new Setting<>("ETHIQ_PUBLIC_BASE_URL",
            Optional.empty(), "http://localhost:<port>", "an http(s)://host[:port] URL without path, query or fragment",
            false, "How Twilio reaches this app; webhook signatures are checked against it.",
            v -> Optional.of(TransportSettings.parseBaseUrl(v)));
    public static final Setting<Duration> HSTS_MAX_AGE = Setting.durationAtLeast("ETHIQ_HSTS_MAX_AGE",
            Duration.ofDays(365), Duration.ofDays(365),
            "Strict-Transport-Security max-age sent when the public URL is https.");

    // ---------------------------------------------------------------- media stream (MediaSettings, MediaAdmissionSettings)
    public static final Setting<Optional<Secret>> MEDIA_TOKEN_SECRET = new Setting<>("ETHIQ_MEDIA_TOKEN_SECRET",
            Optional.empty(), "random per process", "a key of at least 32 bytes (raw text, or base64: and base64)", true,
            "HS256 key of the per-call media tokens; the same on every node.", v -> {
                Secret key = Secret.of(v);
                if (MediaAdmissionSettings.keyBytes(key).length < 32) {
                    throw new IllegalArgumentException("too short");
                }
                return Optional.of(key);
            });
    public static final Setting<Duration> MEDIA_START_TIMEOUT = Setting.positiveDuration("ETHIQ_MEDIA_START_TIMEOUT",
            MEDIA.startTimeout(), "A media socket must present a valid start message within this time (else 1008).");
    public static final Setting<Duration> MEDIA_IDLE_TIMEOUT = Setting.positiveDuration("ETHIQ_MEDIA_IDLE_TIMEOUT",
            MEDIA.idleTimeout(), "A media socket silent this long is closed.");
    public static final Setting<Integer> MEDIA_MAX_MESSAGE_BYTES = Setting.integer("ETHIQ_MEDIA_MAX_MESSAGE_BYTES",
            MEDIA.maxMessageBytes(), 1024, 1 << 20, "Largest media WebSocket message accepted (1009 beyond).");
    public static final Setting<Integer> MEDIA_MAX_SOCKETS = Setting.integer("ETHIQ_MEDIA_MAX_SOCKETS",
            MEDIA.maxSockets(), 1, 1_000_000, "Media sockets open at once on this node (503 beyond).");
    public static final Setting<Integer> MEDIA_MAX_SOCKETS_PER_TENANT = Setting.integer("ETHIQ_MEDIA_MAX_SOCKETS_PER_TENANT",
            20, 1, 1_000_000, "Authenticated media sockets of one tenant on this node (1013 beyond).");
    public static final Setting<Integer> MEDIA_BATCH_FRAMES = Setting.integer("ETHIQ_MEDIA_BATCH_FRAMES",
            MEDIA.batchFrames(), 1, 50, "20 ms frames gathered per track before audio goes to the recogniser.");
    public static final Setting<Integer> MEDIA_MAX_FRAMES_PER_SECOND = Setting.integer("ETHIQ_MEDIA_MAX_FRAMES_PER_SECOND",
            MEDIA.maxFramesPerSecond(), 10, 100_000, "Average media frames per second a socket may send (plus 5 s of burst).");
    public static final Setting<MediaSettings.FrameReader> MEDIA_FRAME_READER = Setting.choice("ETHIQ_MEDIA_FRAME_READER",
            MEDIA.frameReader(), Map.of("lean", MediaSettings.FrameReader.LEAN, "jetty", MediaSettings.FrameReader.JETTY),
            "What reads media socket frames after Jetty's upgrade: the lean reader (no allocation nor lock per frame) or Jetty's own.");
    private static final SourceAdmission.Limits SOURCES = SourceAdmission.Limits.defaults();
    public static final Setting<Integer> MEDIA_UPGRADES_PER_SOURCE = Setting.integer("ETHIQ_MEDIA_UPGRADES_PER_SOURCE",
            SOURCES.upgradesPerSecond(), 1, 1_000_000,
            "Media upgrades per second accepted from one source address with no signature this node vouches for (bursts of twice that; 429 beyond).");
    public static final Setting<Integer> MEDIA_WAITING_PER_SOURCE = Setting.integer("ETHIQ_MEDIA_WAITING_PER_SOURCE",
            SOURCES.pendingPerSource(), 1, 1_000_000,
            "Unvouched media sockets of one source address still waiting for their start (429 beyond).");
    public static final Setting<Integer> MEDIA_WAITING_MAX = Setting.integer("ETHIQ_MEDIA_WAITING_MAX",
            SOURCES.pendingTotal(), 1, 1_000_000,
            "Unvouched media sockets of all sources waiting for their start on this node (503 beyond); keep it well under ETHIQ_MEDIA_MAX_SOCKETS.");
    public static final Setting<Set<String>> TRUSTED_PROXIES = new Setting<>("ETHIQ_TRUSTED_PROXIES", Set.of(), "(none)",
            "comma-separated IP addresses", false,
            "Load balancers in front of the node: for upgrades from them, the source is the last X-Forwarded-For hop that is not one of them.",
            Settings::ipList);

    // ---------------------------------------------------------------- telephony (TelephonySettings)
    public static final Setting<VendorMode> TELEPHONY = Setting.choice("ETHIQ_TELEPHONY", VendorMode.SIMULATED,
            Map.of("simulated", VendorMode.SIMULATED, "twilio", VendorMode.REAL),
            "'twilio' (real Twilio REST) or 'simulated' (recorded, nothing sent).");
    public static final Setting<java.net.URI> TWILIO_API_BASE_URL = new Setting<>("ETHIQ_TWILIO_API_BASE_URL",
            TwilioSettings.TWILIO_API, TwilioSettings.TWILIO_API.toString(), "an http(s) URL", false,
            "Twilio REST base URL; point it at a local fake in tests.", TelephonySettings::parseApiUrl);
    public static final Setting<Optional<Secret>> TWILIO_PLATFORM_AUTH_TOKEN = Setting.secret(
            "ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN", "(none)", "Auth token of the platform Twilio account.");
    public static final Setting<Optional<String>> TWILIO_PLATFORM_ACCOUNT_SID = Setting.pattern(
            "ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID", "(none)", "AC[0-9a-fA-F]{32}", "AC + 32 hex digits",
            "Account SID of the platform Twilio account that owns the number pool.");
    public static final Setting<Optional<String>> SMS_SENDER_ID = Setting.pattern("ETHIQ_SMS_SENDER_ID", "(none: the tenant's number)",
            "(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}", "1-11 of A-Z, a-z, 0-9 and space, at least one letter",
            "Registered alphanumeric sender ID alert SMS are sent from (required for French mobiles).");
    public static final Setting<Optional<String>> TWILIO_MESSAGING_SERVICE_SID = Setting.pattern(
            "ETHIQ_TWILIO_MESSAGING_SERVICE_SID", "(none)", "MG[0-9a-fA-F]{32}", "MG + 32 hex digits",
            "Messaging Service alert SMS are sent through (its sender pool picks the sender when no sender ID is set).");
    public static final Setting<Optional<String>> TWILIO_REGION = Setting.pattern("ETHIQ_TWILIO_REGION", "(none: Twilio's US1)",
            "us1|us2|ie1|de1|sg1|jp1|br1|au1", "a Twilio Region code such as ie1",
            "Twilio Region that processes the calls' media (ie1 = Ireland, data residency): SIP legs carry ;region=, "
                    + "conferences are mixed there. Pair it with the regional ETHIQ_TWILIO_API_BASE_URL and that Region's credentials.");
    public static final Setting<Optional<java.net.URI>> TWILIO_VOICE_FALLBACK_URL = new Setting<>("ETHIQ_TWILIO_VOICE_FALLBACK_URL",
            Optional.empty(), "(none)", "an https URL", false,
            "VoiceFallbackUrl set on every number: TwiML Twilio fetches when our voice webhook fails (5xx, timeout). "
                    + "Serve it from outside the nodes (a TwiML Bin, a Twilio Function, static hosting). {number} in it is "
                    + "replaced by the number's E.164 digits: the documents ./ethiq fallback-twiml writes.",
            text -> Optional.of(TelephonySettings.parseHttpsUrl(text.replace("{number}", "%7Bnumber%7D"))));
    public static final Setting<Duration> SMS_VALIDITY = Setting.duration("ETHIQ_SMS_VALIDITY", SmsSending.DEFAULT_VALIDITY,
            "whole seconds from PT1S to PT10H", d -> d.toMillis() % 1000 == 0 && d.getSeconds() >= 1
                    && d.compareTo(SmsSending.MAX_VALIDITY) <= 0,
            "How long Twilio may keep an alert SMS queued before dropping it (ValidityPeriod).");

    // ---------------------------------------------------------------- speech (SpeechSettings)
    public static final Setting<VendorMode> SPEECH = Setting.choice("ETHIQ_SPEECH", VendorMode.SIMULATED,
            Map.of("simulated", VendorMode.SIMULATED, "google", VendorMode.REAL),
            "'google' (Google Speech-to-Text) or 'simulated' (scripted recogniser).");
    public static final Setting<Boolean> SPEECH_GATE = Setting.bool("ETHIQ_SPEECH_GATE", true,
            "Send the recogniser only the audio where someone speaks (per track, with pre-roll and hang-over).");

    // ---------------------------------------------------------------- AI analysis (AiSettings, adapter-openai's OpenAiSettings)
    public static final Setting<VendorMode> AI = Setting.choice("ETHIQ_AI", VendorMode.NONE,
            Map.of("none", VendorMode.NONE, "openai", VendorMode.REAL),
            "'openai' or 'none' (phrase rules decide alone).");
    public static final Setting<Optional<Secret>> OPENAI_API_KEY = Setting.secret("OPENAI_API_KEY", "(none)",
            "Platform OpenAI key (unset: only tenants with their own key are analysed).");
    public static final Setting<String> OPENAI_BASE_URL = new Setting<>("OPENAI_BASE_URL", OPENAI.baseUrl(),
            OPENAI.baseUrl(), "an https URL ending in /v1 (http only on loopback)", false,
            "OpenAI-compatible endpoint (OpenAI, Azure OpenAI v1, a gateway).",
            v -> OpenAiSettings.builder().baseUrl(v).build().baseUrl());
    public static final Setting<String> AI_MODEL = Setting.text("ETHIQ_AI_MODEL", OPENAI.model(),
            "Model, or Azure deployment, name.");
    public static final Setting<Integer> AI_TIMEOUT_MS = Setting.integer("ETHIQ_AI_TIMEOUT_MS",
            (int) OPENAI.requestTimeout().toMillis(), (int) OPENAI.connectTimeout().toMillis(), 60_000,
            "Whole budget of one analysis in milliseconds (every attempt and wait).");
    public static final Setting<Integer> AI_MAX_CONCURRENT = Setting.integer("ETHIQ_AI_MAX_CONCURRENT",
            OPENAI.maxConcurrentCalls(), 1, 1000, "AI calls in flight per node; one more is refused at once.");
    public static final Setting<Integer> AI_TENANT_CALLS_PER_MINUTE = Setting.integer("ETHIQ_AI_TENANT_CALLS_PER_MINUTE",
            OPENAI.tenantCallsPerPeriod(), 1, 10_000, "AI calls one tenant may start per minute.");

    // ---------------------------------------------------------------- database (DatabaseSettings)
    public static final Setting<Optional<String>> DATABASE_URL = Setting.pattern("ETHIQ_DATABASE_URL",
            "(none: in-memory)", "jdbc:postgresql:.+", "a jdbc:postgresql: URL",
            "JDBC URL of PostgreSQL. Empty: in-memory stores (nothing survives a restart).");
    public static final Setting<String> DATABASE_USER = Setting.text("ETHIQ_DATABASE_USER", "ethiq_app",
            "Role for tenant traffic (row-level security applies; not the table owner).");
    public static final Setting<Optional<Secret>> DATABASE_PASSWORD = Setting.secret("ETHIQ_DATABASE_PASSWORD", "(none)",
            "Password of that role.");
    public static final Setting<String> DATABASE_PLATFORM_USER = Setting.text("ETHIQ_DATABASE_PLATFORM_USER",
            "ethiq_platform", "Role of the explicit cross-tenant jobs (alert delivery, retention).");
    public static final Setting<Optional<Secret>> DATABASE_PLATFORM_PASSWORD = Setting.secret(
            "ETHIQ_DATABASE_PLATFORM_PASSWORD", "(none)", "Password of that role.");
    public static final Setting<Integer> DATABASE_POOL_SIZE = Setting.integer("ETHIQ_DATABASE_POOL_SIZE", 10, 1, 500,
            "Connections of the app role's pool on this node.");
    public static final Setting<Boolean> DATABASE_TRANSACTION_POOLER = Setting.bool("ETHIQ_DATABASE_TRANSACTION_POOLER",
            false, "true behind a transaction-mode pooler: no server-side prepared statements.");
    public static final Setting<Optional<String>> DATABASE_LISTEN_URL = Setting.pattern("ETHIQ_DATABASE_LISTEN_URL",
            "ETHIQ_DATABASE_URL", "jdbc:postgresql:.+", "a jdbc:postgresql: URL",
            "Direct or session-mode JDBC URL of the tenant-change LISTEN connection (default: ETHIQ_DATABASE_URL).");
    public static final Setting<Optional<String>> DATABASE_MIGRATION_USER = Setting.optionalText(
            "ETHIQ_DATABASE_MIGRATION_USER", "(none: no migration)",
            "When set, migrations run at startup with this login.");
    public static final Setting<Optional<Secret>> DATABASE_MIGRATION_PASSWORD = Setting.secret(
            "ETHIQ_DATABASE_MIGRATION_PASSWORD", "(none)", "Password of that login.");
    public static final Setting<Optional<Secret>> SECRET_KEYS = Setting.secret("ETHIQ_SECRET_KEYS",
            "(none; required with a database)", "Keys encrypting tenants' credentials at rest: id1:base64key,id2:base64key.");
    public static final Setting<Optional<String>> SECRET_ACTIVE_KEY = Setting.optionalText("ETHIQ_SECRET_ACTIVE_KEY",
            "(none; required with a database)", "Id of the key new secrets are encrypted with.");

    // ---------------------------------------------------------------- alerts and retention (AlertSettings, RetentionSettings)
    public static final Setting<Integer> ALERT_WORKERS = Setting.integer("ETHIQ_ALERT_WORKERS", 4, 1, 64,
            "Threads delivering alerts on this node.");
    /** Sends are HTTP requests that wait on the network: a burst of scams goes out at once (CoreThreads). */
    public static final Setting<Integer> ALERT_SEND_THREADS = Setting.integer("ETHIQ_ALERT_SEND_THREADS",
            com.ethiq.core.usecase.CoreThreads.DEFAULT_ALERT_SEND_THREADS, 1, 256,
            "Threads sending a raised scam's SMS at once (as many again for its announcements).");
    /** 1, not the core's default claim: small claims let one scam's SMS and announcement go out in parallel. */
    public static final Setting<Integer> ALERT_BATCH = Setting.integer("ETHIQ_ALERT_BATCH", 1, 1, 10_000,
            "Alerts one worker claims per pass.");
    public static final Setting<Duration> ALERT_DISPATCH_INTERVAL = Setting.positiveDuration("ETHIQ_ALERT_DISPATCH_INTERVAL",
            Duration.ofSeconds(1), "Period of the durable alert dispatcher pass (fresh alerts also wake it).");
    public static final Setting<Duration> ALERT_LEASE = Setting.positiveDuration("ETHIQ_ALERT_LEASE", DISPATCH.lease(),
            "How long a claimed alert is leased to one worker.");
    public static final Setting<Integer> ALERT_MAX_ATTEMPTS = Setting.integer("ETHIQ_ALERT_MAX_ATTEMPTS",
            DISPATCH.maxAttempts(), 1, 100, "Delivery attempts before an alert is marked failed.");
    public static final Setting<Duration> ALERT_FIRST_BACKOFF = Setting.positiveDuration("ETHIQ_ALERT_FIRST_BACKOFF",
            DISPATCH.firstBackoff(), "Wait after the first failed attempt (doubles each time).");
    public static final Setting<Duration> ALERT_MAX_BACKOFF = Setting.positiveDuration("ETHIQ_ALERT_MAX_BACKOFF",
            DISPATCH.maxBackoff(), "Longest wait between attempts.");
    // ---------------------------------------------------------------- calls outliving their node (ClusterSettings)
    public static final Setting<Duration> LEASE_HEARTBEAT = Setting.positiveDuration("ETHIQ_LEASE_HEARTBEAT",
            Duration.ofSeconds(1), "How often a node renews the leases of the calls it streams (one UPDATE for all) and sweeps for lapsed ones.");
    public static final Setting<Duration> LEASE_LAPSE_AFTER = Setting.positiveDuration("ETHIQ_LEASE_LAPSE_AFTER",
            Duration.ofSeconds(4), "A call whose lease was not renewed for this long (at least two heartbeats) is taken over by a surviving node: streamed again if still live at Twilio, closed otherwise.");

    public static final Setting<Duration> RETENTION_INTERVAL = Setting.positiveDuration("ETHIQ_RETENTION_INTERVAL",
            Duration.ofHours(1), "Period of the transcript retention job.");

    // ---------------------------------------------------------------- who is calling (CallerSettings)
    public static final Setting<Optional<Secret>> REPUTATION_KEY = new Setting<>("ETHIQ_REPUTATION_KEY",
            Optional.empty(), "(none: no shared reputation)", "a key of at least 32 bytes (raw text, or base64: and base64)", true,
            "HMAC key turning callers' numbers into the shared reputation's fingerprints; the same on every node.", v -> {
                Secret key = Secret.of(v);
                if (MediaAdmissionSettings.keyBytes(key).length < 32) {
                    throw new IllegalArgumentException("too short");
                }
                return Optional.of(key);
            });
    public static final Setting<Integer> REPUTATION_MIN_ACCOUNTS = Setting.integer("ETHIQ_REPUTATION_MIN_ACCOUNTS", 3, 3, 1000,
            "Distinct accounts that must report a number before it counts as reported.");
    public static final Setting<Duration> REPUTATION_WINDOW = Setting.durationAtLeast("ETHIQ_REPUTATION_WINDOW",
            Duration.ofDays(30), Duration.ofDays(1), "Reports older than this no longer count (decay).");
    public static final Setting<Duration> REPUTATION_CACHE_TTL = Setting.nonNegativeDuration("ETHIQ_REPUTATION_CACHE_TTL",
            Duration.ofSeconds(60), "How long a node keeps a reputation lookup.");
    public static final Setting<Integer> TRUSTED_CALLER_RAISE_PERCENT = Setting.integer("ETHIQ_TRUSTED_CALLER_RAISE_PERCENT",
            20, 0, 50, "Points added to both thresholds for emergency contacts and known callers.");

    // ---------------------------------------------------------------- number onboarding (OnboardingSettings)
    public static final Setting<Optional<String>> TWILIO_BUNDLE_SID = Setting.optionalText("ETHIQ_TWILIO_BUNDLE_SID",
            "(none)", "Regulatory bundle used when buying pool numbers.");
    public static final Setting<Optional<String>> TWILIO_ADDRESS_SID = Setting.optionalText("ETHIQ_TWILIO_ADDRESS_SID",
            "(none)", "Address used when buying pool numbers, where required.");
    public static final Setting<Duration> NUMBER_QUARANTINE = Setting.nonNegativeDuration("ETHIQ_NUMBER_QUARANTINE",
            NumberPool.DEFAULT_QUARANTINE, "How long a released number rests before another account can get it.");
    public static final Setting<com.ethiq.core.management.onboarding.PoolReassignment> POOL_NEVER_REASSIGN = new Setting<>(
            "ETHIQ_POOL_NEVER_REASSIGN", com.ethiq.core.management.onboarding.PoolReassignment.DEFAULT, "FR",
            "comma-separated ISO countries, or none", false,
            "Countries whose released numbers are retired (returned to Twilio), never re-assigned to another account.",
            com.ethiq.core.management.onboarding.PoolReassignment::parse);
    public static final Setting<Integer> ACCOUNTS_PER_USER_PER_DAY = Setting.integer("ETHIQ_ACCOUNTS_PER_USER_PER_DAY",
            com.ethiq.core.management.backoffice.NumberQuota.DEFAULT.perUser(), 1, 1_000_000,
            "Accounts (each takes a pool number) one user may create per day (429 beyond).");
    public static final Setting<Integer> ACCOUNTS_PER_ADDRESS_PER_DAY = Setting.integer("ETHIQ_ACCOUNTS_PER_ADDRESS_PER_DAY",
            com.ethiq.core.management.backoffice.NumberQuota.DEFAULT.perOrigin(), 1, 1_000_000,
            "Accounts one client IP address may create per day, all users together (429 beyond).");
    public static final Setting<Duration> NUMBER_RETRY_INTERVAL = Setting.positiveDuration("ETHIQ_NUMBER_RETRY_INTERVAL",
            Duration.ofMinutes(1), "Period of the job provisioning again accounts still PROVISIONING.");
    public static final Setting<Duration> NUMBER_RECONCILE_INTERVAL = Setting.positiveDuration(
            "ETHIQ_NUMBER_RECONCILE_INTERVAL", Duration.ofHours(1), "Period of the number-pool reconciliation with Twilio.");

    // ---------------------------------------------------------------- management API and dashboard (ManagementSettings)
    public static final Setting<Optional<Secret>> API_JWT_SECRET = Setting.secret("ETHIQ_API_JWT_SECRET",
            "from secrets.properties (embedded), else random per process",
            "Base64 HS256 key (>= 32 bytes) of the management API's access tokens; same on every node.");
    public static final Setting<Optional<String>> DASHBOARD_ORIGINS = Setting.optionalText("ETHIQ_DASHBOARD_ORIGINS",
            "(none)", "Comma-separated origins, besides the node's own, allowed to open GET /api/live.");

    // ---------------------------------------------------------------- local runs: ./ethiq serve and simulate (LocalRunSettings)
    public static final Setting<Path> DATA_DIR = new Setting<>("ETHIQ_DATA_DIR", Path.of(".ethiq"), "./.ethiq",
            "a folder path", false, "Folder of the embedded default's files (pgdata/, secrets.properties, demo.json).",
            Path::of);
    public static final Setting<Optional<Secret>> SIM_AUTH_TOKEN = Setting.secret("ETHIQ_SIM_AUTH_TOKEN", "(none)",
            "For ./ethiq simulate: the tenant's Twilio auth token, instead of --auth-token.");

    private static Set<String> ipList(String v) {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (String part : v.split(",")) {
            String ip = part.strip();
            if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("not an IP address");
            }
            out.add(ip);
        }
        return Set.copyOf(out);
    }

    /** Every declaration, in the order of the startup log. */
    public static final List<Setting<?>> ALL = List.of(
            HTTP_HOST, HTTP_PORT, NODE_ID, WEBHOOK_MAX_BODY_BYTES, TENANT_CACHE_TTL, METRICS_ENABLED, METRICS_TOKEN, SHUTDOWN_GRACE,
            MEDIA_READ_INTERVAL, PRODUCTION, PUBLIC_BASE_URL, HSTS_MAX_AGE,
            MEDIA_TOKEN_SECRET, MEDIA_START_TIMEOUT, MEDIA_IDLE_TIMEOUT, MEDIA_MAX_MESSAGE_BYTES, MEDIA_MAX_SOCKETS,
            MEDIA_MAX_SOCKETS_PER_TENANT, MEDIA_BATCH_FRAMES, MEDIA_MAX_FRAMES_PER_SECOND, MEDIA_FRAME_READER,
            MEDIA_UPGRADES_PER_SOURCE, MEDIA_WAITING_PER_SOURCE, MEDIA_WAITING_MAX, TRUSTED_PROXIES,
            TELEPHONY, TWILIO_API_BASE_URL, TWILIO_PLATFORM_AUTH_TOKEN, TWILIO_PLATFORM_ACCOUNT_SID,
            SMS_SENDER_ID, TWILIO_MESSAGING_SERVICE_SID, TWILIO_REGION, TWILIO_VOICE_FALLBACK_URL, SMS_VALIDITY,
            SPEECH, SPEECH_GATE,
            AI, OPENAI_API_KEY, OPENAI_BASE_URL, AI_MODEL, AI_TIMEOUT_MS, AI_MAX_CONCURRENT, AI_TENANT_CALLS_PER_MINUTE,
            DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD, DATABASE_PLATFORM_USER, DATABASE_PLATFORM_PASSWORD,
            DATABASE_POOL_SIZE, DATABASE_TRANSACTION_POOLER, DATABASE_LISTEN_URL, DATABASE_MIGRATION_USER,
            DATABASE_MIGRATION_PASSWORD, SECRET_KEYS, SECRET_ACTIVE_KEY,
            ALERT_WORKERS, ALERT_SEND_THREADS, ALERT_BATCH, ALERT_DISPATCH_INTERVAL, ALERT_LEASE, ALERT_MAX_ATTEMPTS, ALERT_FIRST_BACKOFF,
            ALERT_MAX_BACKOFF, RETENTION_INTERVAL, LEASE_HEARTBEAT, LEASE_LAPSE_AFTER,
            REPUTATION_KEY, REPUTATION_MIN_ACCOUNTS, REPUTATION_WINDOW, REPUTATION_CACHE_TTL, TRUSTED_CALLER_RAISE_PERCENT,
            TWILIO_BUNDLE_SID, TWILIO_ADDRESS_SID, NUMBER_QUARANTINE, POOL_NEVER_REASSIGN, ACCOUNTS_PER_USER_PER_DAY, ACCOUNTS_PER_ADDRESS_PER_DAY,
            NUMBER_RETRY_INTERVAL, NUMBER_RECONCILE_INTERVAL,
            API_JWT_SECRET, DASHBOARD_ORIGINS,
            DATA_DIR, SIM_AUTH_TOKEN);
}
