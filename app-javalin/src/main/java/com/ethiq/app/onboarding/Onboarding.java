package com.ethiq.app.onboarding;

import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.adapter.twilio.TwilioTelephonyNumbers;
import com.ethiq.app.AppConfig;
import com.ethiq.app.config.TelephonySettings;
import com.ethiq.app.calls.CallWebhooks;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.management.onboarding.NumberProvisioning;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.fake.RecordingTelephonyNumbers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant onboarding in the app: the {@link NumberProvisioning} use case on Twilio (pool owned by the platform
 * account, a tenant's own subaccount used when it stored one) and its two jobs: the provisioning retry (accounts
 * still PROVISIONING, every {@code ETHIQ_NUMBER_RETRY_INTERVAL}) and the reconciliation with Twilio (every
 * {@code ETHIQ_NUMBER_RECONCILE_INTERVAL}, repairs assigned numbers). Both are idempotent: every node may run them.
 * With simulated telephony the provider is an in-memory fake (see {@link #fromConfig}). Thread-safe.
 */
public final class Onboarding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Onboarding.class);
    /** Where a number's incoming SMS go: answered with empty TwiML (nobody texts a protected line on purpose). */
    public static final String SMS = "/twilio/sms";

    private final NumberProvisioning provisioning;
    private final Duration retryInterval;
    private final Duration reconcileInterval;
    private final ScheduledExecutorService jobs;

    public Onboarding(NumberProvisioning provisioning, Duration retryInterval, Duration reconcileInterval) {
        this.provisioning = Objects.requireNonNull(provisioning, "'provisioning' must not be null");
        this.retryInterval = Objects.requireNonNull(retryInterval, "'retryInterval' must not be null");
        this.reconcileInterval = Objects.requireNonNull(reconcileInterval, "'reconcileInterval' must not be null");
        this.jobs = Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("ethiq-onboarding-jobs"));
    }

    /** The webhooks of the deployment at the configured public URL (never derived from a request). */
    public static TelephonyNumbers.Webhooks webhooks(AppConfig config) {
        return TelephonyNumbers.Webhooks.at(config.transport().publicBaseUrl(), CallWebhooks.INCOMING_CALL, CallWebhooks.CALL_STATUS, SMS);
    }

    /**
     * The Twilio account that owns the pool: the configured platform account with {@code ETHIQ_TELEPHONY=twilio}; with
     * simulated telephony, the configured SID (or a fixed simulated one) with a token derived from the media-token
     * key (stable per deployment, never a real credential); empty when telephony is real but the platform account
     * is not configured.
     */
    public static Optional<TelephonyCredentials> platformAccount(AppConfig config) {
        TelephonySettings telephony = config.telephony();
        if (telephony.real()) {
            if (telephony.platformAccountSid().isEmpty() || telephony.platformAuthToken().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new TelephonyCredentials(telephony.platformAccountSid().get(), telephony.platformAuthToken().get()));
        }
        String sid = telephony.platformAccountSid().orElse(SIMULATED_PLATFORM_SID);
        return Optional.of(new TelephonyCredentials(sid, telephony.platformAuthToken().orElseGet(() -> simulatedToken(config))));
    }

    /** The account SID of the simulated platform account (simulated telephony without a configured one). */
    public static final String SIMULATED_PLATFORM_SID = "AC" + "5".repeat(32);

    private static Secret simulatedToken(AppConfig config) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.mediaAdmission().tokenKey(), "HmacSHA256"));
            byte[] d = mac.doFinal("ethiq simulated platform account".getBytes(StandardCharsets.UTF_8));
            return Secret.of(HexFormat.of().formatHex(d, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Onboarding for this configuration. {@code ETHIQ_TELEPHONY=twilio} with the platform account (SID + auth token):
     * real Twilio. {@code ETHIQ_TELEPHONY=twilio} without it: empty (accounts get pool numbers, nothing is configured
     * at Twilio, operators can only list the pool). Simulated telephony: an in-memory Twilio
     * ({@link RecordingTelephonyNumbers}, a few numbers of the fictional range on offer), logged as SIMULATED.
     */
    public static Optional<Onboarding> fromConfig(AppConfig config, NumberPool pool, Tenants tenants, TenantSecrets secrets,
                                                  AuditTrail audit, Clock clock) {
        Optional<TelephonyCredentials> platform = platformAccount(config);
        if (platform.isEmpty()) {
            log.warn("number onboarding at Twilio is OFF: set ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID and ETHIQ_TWILIO_PLATFORM_AUTH_TOKEN "
                    + "(accounts still get pool numbers, but nothing configures them at Twilio)");
            return Optional.empty();
        }
        TelephonyNumbers numbers;
        if (config.telephony().real()) {
            TwilioSettings settings = TwilioSettings.defaults(config.transport().publicBaseUrl(),
                            config.transport().production() || TwilioSettings.bothHttps(config.transport().publicBaseUrl(),
                                    config.telephony().apiBaseUrl()))
                    .withApiBaseUrl(config.telephony().apiBaseUrl())
                    .withRegion(config.telephony().region().orElse(null));
            numbers = new TwilioTelephonyNumbers(settings, clock, config.onboarding().bundleSid().orElse(""),
                    config.onboarding().addressSid().orElse(""), config.telephony().voiceFallbackUrl().orElse(null));
            log.info("number onboarding: Twilio, pool on platform account {}", platform.get().accountSid());
        } else {
            numbers = simulatedNumbers(pool, platform.get(), webhooks(config));
            log.warn("*** number onboarding is SIMULATED (in-memory Twilio numbers: nothing is bought or configured) ***");
        }
        return Optional.of(create(config, numbers, platform.get(), pool, tenants, secrets, audit, clock));
    }

    /** Onboarding over any {@link TelephonyNumbers} (tests: a Twilio fake) with this configuration's URLs, quarantine and periods. */
    public static Onboarding create(AppConfig config, TelephonyNumbers numbers, TelephonyCredentials platform, NumberPool pool,
                                    Tenants tenants, TenantSecrets secrets, AuditTrail audit, Clock clock) {
        NumberProvisioning provisioning = new NumberProvisioning(pool, numbers, tenants,
                t -> secrets.telephony(t).orElse(platform), platform, webhooks(config), audit, IdGenerator.random(), clock,
                config.onboarding().numberQuarantine());
        return new Onboarding(provisioning, config.onboarding().retryInterval(), config.onboarding().reconcileInterval());
    }

    /**
     * The simulated provider: ten French numbers of the range ARCEP reserves for fiction (01 99 00 …) on offer, and
     * every number already in the (persistent) pool owned by the platform account, so a restart of the embedded
     * default keeps working (assigned ones configured with our webhooks, free ones bare).
     */
    static RecordingTelephonyNumbers simulatedNumbers(NumberPool pool, TelephonyCredentials platform,
                                                      TelephonyNumbers.Webhooks ours) {
        RecordingTelephonyNumbers fake = new RecordingTelephonyNumbers();
        java.util.Set<PhoneNumber> pooled = new java.util.HashSet<>();
        for (NumberPool.PoolEntry e : pool.entries()) {
            pooled.add(e.number());
            fake.own(platform, e.number(), e.assignedTo() == null ? null : ours);
        }
        for (int i = 0; i < 10; i++) {
            PhoneNumber n = PhoneNumber.of(String.format("+3319900%04d", 1000 + i));
            if (!pooled.contains(n)) {
                fake.offer("FR", "Ile-de-France", n);
            }
        }
        return fake;
    }

    public NumberProvisioning provisioning() {
        return provisioning;
    }

    /** Starts both jobs; the first retry pass runs at once (accounts left PROVISIONING by a previous process). */
    public void start() {
        jobs.scheduleWithFixedDelay(() -> guarded("provisioning retry", () -> {
            int live = provisioning.retryPending();
            if (live > 0) {
                log.info("provisioning retry: {} account(s) went live", live);
            }
        }), 0, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(() -> guarded("number reconciliation", () -> provisioning.reconcile("system:reconcile", true)),
                reconcileInterval.toMillis(), reconcileInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void guarded(String job, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // a failed pass must not cancel the schedule: the next one retries
            log.warn("{} pass failed: {}", job, e.toString());
        }
    }

    @Override
    public void close() {
        jobs.shutdownNow();
    }
}
