package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** AES-256-GCM sealing: fresh nonces, values bound to owner, column and key, rotation-friendly keyring. */
class SecretCipherTest {
    private static final UUID OWNER = UUID.randomUUID();
    private static final String COLUMN = "tenant_credentials.ai_api_key";

    private final SecretCipher cipher = new SecretCipher(TestDatabase.testKeyring());

    @Test
    void aSealedValueOpensAgainAndCarriesVersionAndKeyId() {
        String sealed = cipher.sealText(OWNER, COLUMN, "sk-live-é-0123456789");

        assertThat(sealed).startsWith("v1.k1.").doesNotContain("sk-live");
        assertThat(SecretCipher.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(cipher.openText(OWNER, COLUMN, sealed)).isEqualTo("sk-live-é-0123456789");
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = cipher.sealText(OWNER, COLUMN, "same");
        String second = cipher.sealText(OWNER, COLUMN, "same");

        assertThat(first).isNotEqualTo(second);
        byte[] n1 = Base64.getUrlDecoder().decode(first.substring(6));
        byte[] n2 = Base64.getUrlDecoder().decode(second.substring(6));
        assertThat(java.util.Arrays.copyOf(n1, 12)).isNotEqualTo(java.util.Arrays.copyOf(n2, 12));
        assertThat(n1).hasSize(12 + 4 + 16);
    }

    @Test
    void aValueMovedToAnotherOwnerOrColumnDoesNotOpen() {
        String sealed = cipher.sealText(OWNER, COLUMN, "sk-live");

        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), COLUMN, sealed))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class).hasMessageNotContaining("sk-live");
        assertThatThrownBy(() -> cipher.open(OWNER, "tenant_credentials.telephony_auth_token", sealed))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class);
        // relabelling the key id breaks the associated data too
        String relabelled = sealed.replace("v1.k1.", "v1.k0.");
        assertThatThrownBy(() -> cipher.open(OWNER, COLUMN, relabelled)).isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = cipher.sealText(OWNER, COLUMN, "sk-live");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> cipher.open(OWNER, COLUMN, tampered)).isInstanceOf(SecretCipher.UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open(OWNER, COLUMN, "plain text")).isInstanceOf(SecretCipher.UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open(OWNER, COLUMN, "v1.k1.AAAA")).isInstanceOf(SecretCipher.UnreadableSecretException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        Keyring before = Keyring.of("k0", Map.of("k0", TestDatabase.key((byte) 0x10)));
        String old = new SecretCipher(before).sealText(OWNER, COLUMN, "sk-old");
        SecretCipher rotated = new SecretCipher(TestDatabase.testKeyring());

        assertThat(rotated.openText(OWNER, COLUMN, old)).isEqualTo("sk-old");
        assertThat(rotated.needsRewrap(old)).isTrue();
        assertThat(rotated.needsRewrap(rotated.sealText(OWNER, COLUMN, "sk-new"))).isFalse();
        assertThatThrownBy(() -> new SecretCipher(Keyring.of("k2", Map.of("k2", TestDatabase.key((byte) 0x30)))).open(OWNER, COLUMN, old))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class).hasMessageContaining("k0");
    }

    @Test
    void keyringsComeFromConfigurationAndNeverPrintKeys() {
        String spec = TestDatabase.keySpec("2026-01", (byte) 1) + ", " + TestDatabase.keySpec("2026-06", (byte) 2);
        Keyring keyring = Keyring.parse(spec, "2026-06");

        assertThat(keyring.keyIds()).containsExactly("2026-01", "2026-06");
        assertThat(keyring.activeKeyId()).isEqualTo("2026-06");
        assertThat(keyring.toString()).doesNotContain(spec.substring(spec.indexOf(':') + 1, spec.indexOf(':') + 10));
        assertThat(Keyring.parse(Keyring.generate("fresh"), "fresh").keyIds()).containsExactly("fresh");

        assertThatThrownBy(() -> Keyring.parse("k:" + Base64.getEncoder().encodeToString(new byte[16]), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Keyring.parse("k:not*base64!", "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not*base64").hasNoCause();
        assertThatThrownBy(() -> Keyring.parse(spec, "missing")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyring.parse("", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keyring.parse("bad id:" + Base64.getEncoder().encodeToString(new byte[32]), "bad id"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
