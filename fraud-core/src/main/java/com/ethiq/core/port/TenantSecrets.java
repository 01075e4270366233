package com.ethiq.core.port;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import java.util.Optional;

/**
 * Outgoing port: a tenant's vendor credentials, decrypted. Only the adapter that needs a secret reads it;
 * the management API only writes them and reads {@link #status}. Thread-safe.
 */
public interface TenantSecrets {

    Optional<TelephonyCredentials> telephony(TenantId tenant);

    /** A per-tenant Google service-account JSON key, when the tenant brings its own. */
    Optional<Secret> speechServiceAccount(TenantId tenant);

    /** A per-tenant AI API key, when the tenant brings its own. */
    Optional<Secret> aiApiKey(TenantId tenant);

    void storeTelephony(TenantId tenant, TelephonyCredentials credentials);

    void storeSecret(TenantId tenant, SecretKind kind, Secret secret);

    void remove(TenantId tenant, SecretKind kind);

    /** "Set / not set, ends with …" for each kind: never the value. */
    java.util.Map<SecretKind, SecretStatus> status(TenantId tenant);

    enum SecretKind { TELEPHONY_AUTH_TOKEN, SPEECH_SERVICE_ACCOUNT, AI_API_KEY }

    record SecretStatus(boolean set, String lastFour, java.time.Instant updatedAt) {
    }
}
