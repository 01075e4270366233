package com.ethiq.app.onboarding;

import com.ethiq.adapter.twilio.TwilioSettings;
import com.ethiq.adapter.twilio.TwilioTelephonyNumbers;
import com.ethiq.app.AppConfig;
import com.ethiq.app.calls.CallWebhooks;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.onboarding.NumberProvisioning;
import com.ethiq.core.onboarding.TelephonyNumbers;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
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
 * Thread-safe.
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
        this.jobs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ethiq-onboarding-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** The webhooks of the deployment at the configured public URL (never derived from a request). */
    public static TelephonyNumbers.Webhooks webhooks(AppConfig config) {
        return TelephonyNumbers.Webhooks.at(config.publicBaseUrl(), CallWebhooks.INCOMING_CALL, CallWebhooks.CALL_STATUS, SMS);
    }

    /**
     * Onboarding on real Twilio, when {@code ETHIQ_TELEPHONY=twilio} and the platform account (SID + auth token) is
     * configured; empty otherwise (then accounts get numbers from the pool without any Twilio configuration).
     */
    public static Optional<Onboarding> fromConfig(AppConfig config, NumberPool pool, Tenants tenants, TenantSecrets secrets,
                                                  AuditTrail audit, Clock clock) {
        if (config.telephony() != AppConfig.VendorMode.REAL || config.twilioPlatformAccountSid().isEmpty()
                || config.twilioPlatformAuthToken().isEmpty()) {
            log.info("number onboarding at Twilio is off (needs ETHIQ_TELEPHONY=twilio, ETHIQ_TWILIO_PLATFORM_ACCOUNT_SID and _AUTH_TOKEN)");
            return Optional.empty();
        }
        TelephonyCredentials platform = new TelephonyCredentials(config.twilioPlatformAccountSid(), config.twilioPlatformAuthToken().get());
        TwilioSettings settings = TwilioSettings.defaults(config.publicBaseUrl()).withApiBaseUrl(config.twilioApiBaseUrl())
                .withRequireTls(config.tlsRequired());
        TelephonyNumbers numbers = new TwilioTelephonyNumbers(settings, clock, config.twilioBundleSid(), config.twilioAddressSid());
        NumberProvisioning provisioning = new NumberProvisioning(pool, numbers, tenants,
                t -> secrets.telephony(t).orElse(platform), platform, webhooks(config), audit, IdGenerator.random(), clock,
                config.numberQuarantine());
        return Optional.of(new Onboarding(provisioning, config.numberRetryInterval(), config.numberReconcileInterval()));
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
