package com.ethiq.app.onboarding;

import com.ethiq.app.AppConfig;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TenantSecrets} where a tenant without Twilio credentials of its own uses the platform account's: pool
 * numbers are owned by the platform account, so Twilio signs their webhooks with its token and the call path must
 * drive their calls and SMS through it. Everything else (other secrets, writes, the "is it set" status shown to
 * tenants) goes to the store unchanged, so a tenant never sees the platform credentials as its own. Thread-safe.
 */
public final class PlatformAccountSecrets implements TenantSecrets {
    private final TenantSecrets store;
    private final TelephonyCredentials platform;

    public PlatformAccountSecrets(TenantSecrets store, TelephonyCredentials platform) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.platform = Objects.requireNonNull(platform, "'platform' must not be null");
    }

    /** The store wrapped when this configuration has a platform account ({@link Onboarding#platformAccount}), else as is. */
    public static TenantSecrets forConfig(AppConfig config, TenantSecrets store) {
        return Onboarding.platformAccount(config).<TenantSecrets>map(p -> new PlatformAccountSecrets(store, p)).orElse(store);
    }

    @Override
    public Optional<TelephonyCredentials> telephony(TenantId tenant) {
        return store.telephony(tenant).or(() -> Optional.of(platform));
    }

    @Override
    public Optional<Secret> speechServiceAccount(TenantId tenant) {
        return store.speechServiceAccount(tenant);
    }

    @Override
    public Optional<Secret> aiApiKey(TenantId tenant) {
        return store.aiApiKey(tenant);
    }

    @Override
    public void storeTelephony(TenantId tenant, TelephonyCredentials credentials) {
        store.storeTelephony(tenant, credentials);
    }

    @Override
    public void storeSecret(TenantId tenant, SecretKind kind, Secret secret) {
        store.storeSecret(tenant, kind, secret);
    }

    @Override
    public void remove(TenantId tenant, SecretKind kind) {
        store.remove(tenant, kind);
    }

    @Override
    public Map<SecretKind, SecretStatus> status(TenantId tenant) {
        return store.status(tenant);
    }
}
