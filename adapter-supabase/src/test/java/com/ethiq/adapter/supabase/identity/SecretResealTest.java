package com.ethiq.adapter.supabase.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.SecretCipher;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.IdentityFixtures;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.backoffice.SecretRotation;
import com.ethiq.core.management.identity.UserId;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Retiring a key: secrets sealed with key 1, key 2 made active, everything re-sealed, key 1 removed — Twilio
 * credentials and TOTP seeds (checked as a login checks them) still open.
 */
class SecretResealTest {
    private static final String SID = "AC" + "1".repeat(32);
    private final TestDatabase.Database db = TestDatabase.shared().freshDatabase();

    private SupabaseStore store(Keyring keyring) {
        return db.storeBuilder().keyring(keyring).build();
    }

    private IdentityStore identity(SupabaseStore store) {
        return new IdentityStore(store, db.appDataSource());
    }

    @Test
    void sealWithKeyOneRotateToKeyTwoResealRemoveKeyOneAndEverythingStillOpens() {
        byte[] k1 = TestDatabase.key((byte) 0x31);
        byte[] k2 = TestDatabase.key((byte) 0x32);
        SupabaseStore first = store(Keyring.of("key1", Map.of("key1", k1)));
        IdentityStore firstIdentity = identity(first);
        TenantId tenant = db.newTenant();
        first.tenantSecrets().storeTelephony(tenant, new TelephonyCredentials(SID, Secret.of("twilio-auth-token")));
        UserId user = IdentityFixtures.userId();
        firstIdentity.users().create(IdentityFixtures.user(user, IdentityFixtures.email()));
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        firstIdentity.twoFactorSecrets().savePending(user, Secret.of("JBSWY3DPEHPK3PXP"), now);
        assertThat(firstIdentity.twoFactorSecrets().confirm(user, 100, now)).isTrue();

        // key2 active, key1 still known: a node restarted with ETHIQ_SECRET_ACTIVE_KEY=key2
        SupabaseStore rotated = store(Keyring.of("key2", Map.of("key1", k1, "key2", k2)));
        StoreSealedSecrets sealed = new StoreSealedSecrets(rotated.tenantSecrets(), identity(rotated).twoFactorSecrets(), "key2");
        assertThat(sealed.sealedByKey()).isEqualTo(Map.of(StoreSealedSecrets.TENANT_CREDENTIALS, Map.of("key1", 1),
                StoreSealedSecrets.TOTP_SEEDS, Map.of("key1", 1)));

        SecretRotation.Outcome outcome = new SecretRotation(sealed).resealAll();

        assertThat(outcome.resealed()).isEqualTo(2);
        assertThat(outcome.otherKeysRetirable()).isTrue();
        assertThat(sealed.sealedByKey()).isEqualTo(Map.of(StoreSealedSecrets.TENANT_CREDENTIALS, Map.of("key2", 1),
                StoreSealedSecrets.TOTP_SEEDS, Map.of("key2", 1)));
        assertThat(new SecretRotation(sealed).resealAll().resealed()).as("a second run has nothing to do").isZero();

        // key1 removed from the keyring
        SupabaseStore retired = store(Keyring.of("key2", Map.of("key2", k2)));
        IdentityStore retiredIdentity = identity(retired);
        assertThat(retired.tenantSecrets().telephony(tenant).orElseThrow().authToken().reveal()).isEqualTo("twilio-auth-token");
        var totp = retiredIdentity.twoFactorSecrets().find(user).orElseThrow();
        assertThat(totp.seed().reveal()).isEqualTo("JBSWY3DPEHPK3PXP");
        assertThat(totp.confirmed()).isTrue();
        assertThat(retiredIdentity.twoFactorSecrets().acceptStep(user, 101)).as("the next login's code step").isTrue();
    }

    @Test
    void withoutTheResealRemovingTheOldKeyBreaksTwoFactorLogins() {
        byte[] k1 = TestDatabase.key((byte) 0x41);
        IdentityStore firstIdentity = identity(store(Keyring.of("key1", Map.of("key1", k1))));
        UserId user = IdentityFixtures.userId();
        firstIdentity.users().create(IdentityFixtures.user(user, IdentityFixtures.email()));
        firstIdentity.twoFactorSecrets().savePending(user, Secret.of("JBSWY3DPEHPK3PXP"), Instant.parse("2026-03-01T10:00:00Z"));

        IdentityStore retired = identity(store(Keyring.of("key2", Map.of("key2", TestDatabase.key((byte) 0x42)))));
        assertThatThrownBy(() -> retired.twoFactorSecrets().find(user)).isInstanceOf(SecretCipher.UnreadableSecretException.class);
        StoreSealedSecrets sealed = new StoreSealedSecrets(store(Keyring.of("key2", Map.of("key2", TestDatabase.key((byte) 0x42))))
                .tenantSecrets(), retired.twoFactorSecrets(), "key2");
        SecretRotation.Outcome outcome = new SecretRotation(sealed).resealAll();
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.otherKeysRetirable()).isFalse();
        assertThat(outcome.stillUnderOtherKeys()).isEqualTo(Map.of(StoreSealedSecrets.TOTP_SEEDS, Map.of("key1", 1)));
    }
}
