package com.ethiq.adapter.supabase.identity;

import com.ethiq.adapter.supabase.JdbiTenantSecrets;
import com.ethiq.core.management.backoffice.SealedSecrets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SealedSecrets} of one PostgreSQL store: tenants' credentials ({@link JdbiTenantSecrets#rewrapAll}, platform
 * role, batches with SKIP LOCKED) and users' TOTP seeds ({@link JdbiTwoFactorSecrets#resealAll}, each in its user's
 * unit of work). Counts by key id never read a secret. Thread-safe.
 */
public final class StoreSealedSecrets implements SealedSecrets {
    public static final String TENANT_CREDENTIALS = "tenant credentials";
    public static final String TOTP_SEEDS = "totp seeds";

    private final JdbiTenantSecrets tenantSecrets;
    private final JdbiTwoFactorSecrets totp;
    private final String activeKeyId;

    public StoreSealedSecrets(JdbiTenantSecrets tenantSecrets, JdbiTwoFactorSecrets totp, String activeKeyId) {
        this.tenantSecrets = Objects.requireNonNull(tenantSecrets, "'tenantSecrets' must not be null");
        this.totp = Objects.requireNonNull(totp, "'totp' must not be null");
        this.activeKeyId = Objects.requireNonNull(activeKeyId, "'activeKeyId' must not be null");
    }

    @Override
    public String activeKeyId() {
        return activeKeyId;
    }

    @Override
    public Resealed resealAll() {
        JdbiTenantSecrets.RewrapReport credentials = tenantSecrets.rewrapAll();
        JdbiTwoFactorSecrets.ResealReport seeds = totp.resealAll();
        return new Resealed(credentials.rewrapped() + seeds.resealed(), credentials.failed() + seeds.failed());
    }

    @Override
    public Map<String, Map<String, Integer>> sealedByKey() {
        Map<String, Map<String, Integer>> all = new LinkedHashMap<>();
        all.put(TENANT_CREDENTIALS, tenantSecrets.sealedByKey());
        all.put(TOTP_SEEDS, totp.sealedByKey());
        return all;
    }
}
