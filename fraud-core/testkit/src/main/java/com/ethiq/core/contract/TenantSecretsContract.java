package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.TenantSecrets;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import com.ethiq.core.port.TenantSecrets.SecretStatus;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TenantSecrets} must do. Implementations must take their time from {@link #clock}.
 * Unique ids per test, so it can run against a shared database.
 */
public abstract class TenantSecretsContract {

    /** The time source the implementation under test must use for {@code updatedAt}. */
    protected final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");

    protected abstract TenantSecrets create();

    /** A tenant that exists in the store the secrets belong to. */
    protected abstract TenantId newTenant();

    private static final String SID = "AC" + "0123456789abcdef".repeat(2);
    private static final String SERVICE_ACCOUNT = """
            {"type": "service_account", "project_id": "ethiq-test", "private_key_id": "abc",
             "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEv…é\\n-----END PRIVATE KEY-----\\n"}""";

    protected TenantSecrets secrets;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpSecrets() {
        secrets = create();
        a = newTenant();
        b = newTenant();
    }

    @Test
    void telephonyCredentialsComeBackAsStoredAndCanBeReplaced() {
        secrets.storeTelephony(a, new TelephonyCredentials(SID, Secret.of("f1rst-auth-token-0000000000000001")));
        secrets.storeTelephony(a, new TelephonyCredentials(SID.replace('a', 'b'), Secret.of("second-auth-token-000000000000002")));

        TelephonyCredentials back = secrets.telephony(a).orElseThrow();
        assertThat(back.accountSid()).isEqualTo(SID.replace('a', 'b'));
        assertThat(back.authToken().reveal()).isEqualTo("second-auth-token-000000000000002");
    }

    @Test
    void speechAndAiKeysComeBackAsStored() {
        secrets.storeSecret(a, SecretKind.SPEECH_SERVICE_ACCOUNT, Secret.of(SERVICE_ACCOUNT));
        secrets.storeSecret(a, SecretKind.AI_API_KEY, Secret.of("sk-test-0123456789"));

        assertThat(secrets.speechServiceAccount(a).orElseThrow().reveal()).isEqualTo(SERVICE_ACCOUNT);
        assertThat(secrets.aiApiKey(a).orElseThrow().reveal()).isEqualTo("sk-test-0123456789");
        assertThat(secrets.telephony(a)).isEmpty();
    }

    @Test
    void telephonyTokensNeedTheirAccountSid() {
        assertThatThrownBy(() -> secrets.storeSecret(a, SecretKind.TELEPHONY_AUTH_TOKEN, Secret.of("token")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(secrets.telephony(a)).isEmpty();
    }

    @Test
    void removedSecretsAreForgotten() {
        secrets.storeSecret(a, SecretKind.AI_API_KEY, Secret.of("sk-test-0123456789"));
        secrets.storeTelephony(a, new TelephonyCredentials(SID, Secret.of("auth-token-00000000000000000001")));

        secrets.remove(a, SecretKind.AI_API_KEY);
        secrets.remove(a, SecretKind.SPEECH_SERVICE_ACCOUNT);

        assertThat(secrets.aiApiKey(a)).isEmpty();
        assertThat(secrets.telephony(a)).isPresent();
        assertThat(secrets.status(a).get(SecretKind.AI_API_KEY).set()).isFalse();
    }

    @Test
    void statusTellsSetOrNotWithTheLastFourAndTheTimeButNeverTheValue() {
        secrets.storeTelephony(a, new TelephonyCredentials(SID, Secret.of("auth-token-0000000000000000wxyz")));
        clock.advance(Duration.ofMinutes(5));
        secrets.storeSecret(a, SecretKind.AI_API_KEY, Secret.of("sk-test-abcd1234"));

        var status = secrets.status(a);

        assertThat(status).containsOnlyKeys(SecretKind.values());
        assertThat(status.get(SecretKind.TELEPHONY_AUTH_TOKEN))
                .isEqualTo(new SecretStatus(true, "wxyz", clock.instant().minus(Duration.ofMinutes(5))));
        assertThat(status.get(SecretKind.AI_API_KEY)).isEqualTo(new SecretStatus(true, "1234", clock.instant()));
        assertThat(status.get(SecretKind.SPEECH_SERVICE_ACCOUNT).set()).isFalse();
        assertThat(status.toString()).doesNotContain("auth-token").doesNotContain("sk-test");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        secrets.storeTelephony(b, new TelephonyCredentials(SID, Secret.of("their-auth-token-000000000000001")));
        secrets.storeSecret(b, SecretKind.AI_API_KEY, Secret.of("sk-theirs"));

        assertThat(secrets.telephony(a)).isEmpty();
        assertThat(secrets.aiApiKey(a)).isEmpty();
        assertThat(secrets.status(a).values()).noneMatch(SecretStatus::set);
        secrets.remove(a, SecretKind.AI_API_KEY);
        assertThat(secrets.aiApiKey(b).orElseThrow().reveal()).isEqualTo("sk-theirs");
    }
}
