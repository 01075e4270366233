package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import com.ethiq.core.port.TenantSecrets.SecretStatus;
import java.util.Map;

/**
 * Use cases: an account's vendor credentials, write-only. Values go in, and only "set / not set, ends with …" ever
 * comes out. Writing needs a recent step-up. Thread-safe.
 */
public final class CredentialService {
    private static final int MAX_SECRET_LENGTH = 16_384;
    private final TenantSecrets secrets;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public CredentialService(TenantSecrets secrets, AccessPolicy access, AuditRecorder audit) {
        this.secrets = secrets;
        this.access = access;
        this.audit = audit;
    }

    public Map<SecretKind, SecretStatus> status(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.CREDENTIALS_READ);
        return secrets.status(tenant);
    }

    public Map<SecretKind, SecretStatus> setTelephony(Actor actor, TenantId tenant, String accountSid, String authToken) {
        access.require(actor, tenant, Permission.CREDENTIALS_WRITE);
        secrets.storeTelephony(tenant, new TelephonyCredentials(accountSid, secret("authToken", authToken)));
        audit.record(actor, tenant, "credentials.set", SecretKind.TELEPHONY_AUTH_TOKEN.name().toLowerCase(java.util.Locale.ROOT), Map.of());
        return secrets.status(tenant);
    }

    public Map<SecretKind, SecretStatus> setSecret(Actor actor, TenantId tenant, SecretKind kind, String value) {
        access.require(actor, tenant, Permission.CREDENTIALS_WRITE);
        if (kind == SecretKind.TELEPHONY_AUTH_TOKEN) {
            throw new IllegalArgumentException("telephony credentials need an 'accountSid': use the telephony endpoint");
        }
        secrets.storeSecret(tenant, kind, secret("value", value));
        audit.record(actor, tenant, "credentials.set", kind.name().toLowerCase(java.util.Locale.ROOT), Map.of());
        return secrets.status(tenant);
    }

    public Map<SecretKind, SecretStatus> remove(Actor actor, TenantId tenant, SecretKind kind) {
        access.require(actor, tenant, Permission.CREDENTIALS_WRITE);
        secrets.remove(tenant, kind);
        audit.record(actor, tenant, "credentials.removed", kind.name().toLowerCase(java.util.Locale.ROOT), Map.of());
        return secrets.status(tenant);
    }

    private static Secret secret(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required");
        }
        if (value.length() > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("'" + field + "' must be at most " + MAX_SECRET_LENGTH + " characters");
        }
        return Secret.of(value);
    }
}
