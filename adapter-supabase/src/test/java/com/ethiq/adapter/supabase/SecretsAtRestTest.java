package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the database holds for a secret, and key rotation with the re-wrap job. */
class SecretsAtRestTest {
    private static final String SID = "AC" + "0123456789abcdef".repeat(2);

    private final TestDatabase.Database db = TestDatabase.shared().freshDatabase();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private List<String> column(String sql, Object... params) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.superuserDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void theDatabaseHoldsCiphertextOnly() throws Exception {
        SupabaseStore store = db.store();
        TenantId t = db.newTenant();
        store.tenantSecrets().storeTelephony(t, new TelephonyCredentials(SID, Secret.of("plain-auth-token-9876")));

        List<String> rows = column("select t::text from ethiq.tenant_credentials t where account_id = ?", t.value());
        assertThat(rows).singleElement().asString().doesNotContain("plain-auth-token").contains("v1.k1.").contains("9876");
    }

    @Test
    void aCiphertextCopiedToAnotherTenantDoesNotOpen() throws Exception {
        SupabaseStore store = db.store();
        TenantId victim = db.newTenant();
        TenantId attacker = db.newTenant();
        store.tenantSecrets().storeSecret(victim, SecretKind.AI_API_KEY, Secret.of("sk-victim"));
        store.tenantSecrets().storeSecret(attacker, SecretKind.AI_API_KEY, Secret.of("sk-attacker"));
        try (Connection c = db.superuserDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("update ethiq.tenant_credentials set ciphertext = "
                     + "(select ciphertext from ethiq.tenant_credentials where account_id = ? and kind = 'ai_api_key') "
                     + "where account_id = ? and kind = 'ai_api_key'")) {
            ps.setObject(1, victim.value());
            ps.setObject(2, attacker.value());
            ps.execute();
        }

        assertThatThrownBy(() -> store.tenantSecrets().aiApiKey(attacker))
                .isInstanceOf(SecretCipher.UnreadableSecretException.class).hasMessageNotContaining("sk-victim");
        assertThat(store.tenantSecrets().aiApiKey(victim).orElseThrow().reveal()).isEqualTo("sk-victim");
    }

    @Test
    void rewrapMovesEveryValueToTheActiveKeyAndAuditsIt() throws Exception {
        Keyring old = Keyring.of("k0", Map.of("k0", TestDatabase.key((byte) 0x10)));
        SupabaseStore before = db.storeBuilder().keyring(old).build();
        List<TenantId> tenants = new ArrayList<>();
        // 110 values: more than one batch of 100
        for (int i = 0; i < 55; i++) {
            TenantId t = db.newTenant();
            before.tenantSecrets().storeTelephony(t, new TelephonyCredentials(SID, Secret.of("token-" + i)));
            before.tenantSecrets().storeSecret(t, SecretKind.AI_API_KEY, Secret.of("sk-" + i));
            tenants.add(t);
        }
        SupabaseStore after = db.storeBuilder().build(); // k1 active, k0 still known
        assertThat(column("select distinct key_id from ethiq.tenant_credentials")).containsExactly("k0");

        JdbiTenantSecrets.RewrapReport report = after.tenantSecrets().rewrapAll();

        assertThat(report).isEqualTo(new JdbiTenantSecrets.RewrapReport(110, 0));
        assertThat(column("select distinct key_id from ethiq.tenant_credentials")).containsExactly("k1");
        assertThat(column("select distinct split_part(ciphertext, '.', 2) from ethiq.tenant_credentials")).containsExactly("k1");
        for (int i = 0; i < tenants.size(); i += 11) {
            assertThat(after.tenantSecrets().telephony(tenants.get(i)).orElseThrow().authToken().reveal()).isEqualTo("token-" + i);
        }
        // one entry per tenant and batch: every tenant has its trace
        assertThat(column("select count(distinct account_id) from ethiq.audit_log where action = 'secrets.rewrapped'"))
                .containsExactly("55");
        // the old key can go: everything opens with k1 alone
        SupabaseStore k1Only = db.storeBuilder().keyring(Keyring.of("k1", Map.of("k1", TestDatabase.key((byte) 0x20)))).build();
        assertThat(k1Only.tenantSecrets().aiApiKey(tenants.get(0)).orElseThrow().reveal()).isEqualTo("sk-0");
        assertThat(after.tenantSecrets().rewrapAll()).isEqualTo(new JdbiTenantSecrets.RewrapReport(0, 0));
    }

    @Test
    void aValueNoKeyOpensIsReportedAndLeftAlone() throws Exception {
        SupabaseStore foreign = db.storeBuilder().keyring(Keyring.of("kx", Map.of("kx", TestDatabase.key((byte) 0x55)))).build();
        TenantId t = db.newTenant();
        foreign.tenantSecrets().storeSecret(t, SecretKind.AI_API_KEY, Secret.of("sk-lost"));

        assertThat(db.store().tenantSecrets().rewrapAll()).isEqualTo(new JdbiTenantSecrets.RewrapReport(0, 1));
        assertThat(column("select key_id from ethiq.tenant_credentials where account_id = ?", t.value())).containsExactly("kx");
    }
}
