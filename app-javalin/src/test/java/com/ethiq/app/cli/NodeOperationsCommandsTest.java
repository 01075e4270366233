package com.ethiq.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.ContextKeys;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.app.AppConfig;
import com.ethiq.app.demo.LocalSecrets;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ethiq node-env} prints values a second node accepts as they are; {@code ./ethiq reseal} retires a key. */
class NodeOperationsCommandsTest {
    private static final Pattern EXPORT = Pattern.compile("^export (ETHIQ_[A-Z_]+)='((?:[^']|'\\\\'')*)'$", Pattern.MULTILINE);

    @TempDir
    Path folder;

    @Test
    void nodeEnvPrintsUnescapedValuesThatConfigureASecondNode() throws Exception {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(folder);
        // the file escapes ':' — the trap of copying by hand
        assertThat(Files.readString(folder.resolve(LocalSecrets.FILE))).contains("base64\\:");

        String printed = NodeEnvCommand.render(folder, 54321, "https://voice.example.com");

        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = EXPORT.matcher(printed);
        while (m.find()) {
            vars.put(m.group(1), m.group(2).replace("'\\''", "'"));
        }
        assertThat(vars).containsEntry("ETHIQ_DATABASE_URL", "jdbc:postgresql://localhost:54321/postgres")
                .containsEntry("ETHIQ_MEDIA_TOKEN_SECRET", secrets.mediaTokenSecret())
                .containsEntry("ETHIQ_SECRET_KEYS", secrets.secretKeys())
                .containsEntry("ETHIQ_API_JWT_SECRET", secrets.apiJwtKey())
                .containsEntry("ETHIQ_PUBLIC_BASE_URL", "https://voice.example.com")
                .containsKeys("ETHIQ_DATABASE_USER", "ETHIQ_DATABASE_PASSWORD", "ETHIQ_DATABASE_PLATFORM_USER",
                        "ETHIQ_DATABASE_PLATFORM_PASSWORD", "ETHIQ_SECRET_ACTIVE_KEY");
        assertThat(printed).doesNotContain("\\:");
        AppConfig second = AppConfig.from(vars);
        assertThat(second.database().configured()).isTrue();
        assertThat(second.transport().publicBaseUrl().toString()).isEqualTo("https://voice.example.com");
    }

    @Test
    void resealWithoutADatabaseSaysWhatItNeeds() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ResealCommand.run(Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ETHIQ_DATABASE_URL").contains("node-env");
    }

    @Test
    void resealMovesEverySecretToTheActiveKeyAndSaysTheOldOneMayGo() throws Exception {
        TestDatabase.Database db = TestDatabase.shared().freshDatabase();
        String k0 = "k0:" + Base64.getEncoder().encodeToString(TestDatabase.key((byte) 0x10));
        String k1 = "k1:" + Base64.getEncoder().encodeToString(TestDatabase.key((byte) 0x20));
        Keyring old = Keyring.parse(k0, "k0");
        Keyring rotated = Keyring.parse(k0 + "," + k1, "k1");
        // the database checks contexts signed with keys derived from the node's keyring, as a node installs them
        ContextKeys.derive(rotated).install(db.superuserDataSource(), TestDatabase.ROLES);
        TenantId tenant = db.newTenant();
        db.storeBuilder().keyring(old).contextKeys(ContextKeys.derive(rotated)).build().tenantSecrets()
                .storeTelephony(tenant, new TelephonyCredentials("AC" + "2".repeat(32), Secret.of("auth-token")));

        Map<String, String> env = new HashMap<>();
        env.put("ETHIQ_DATABASE_URL", db.jdbcUrl());
        env.put("ETHIQ_DATABASE_USER", TestDatabase.ROLES.app());
        env.put("ETHIQ_DATABASE_PASSWORD", TestDatabase.APP_PASSWORD);
        env.put("ETHIQ_DATABASE_PLATFORM_USER", TestDatabase.ROLES.platform());
        env.put("ETHIQ_DATABASE_PLATFORM_PASSWORD", TestDatabase.PLATFORM_PASSWORD);
        env.put("ETHIQ_SECRET_KEYS", k0 + "," + k1);
        env.put("ETHIQ_SECRET_ACTIVE_KEY", "k1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = ResealCommand.run(env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("re-sealed 1 secret(s) under key 'k1'").contains("[k0] may be removed");
        Keyring k1Only = Keyring.parse(k1, "k1");
        assertThat(db.storeBuilder().keyring(k1Only).contextKeys(ContextKeys.derive(rotated)).build().tenantSecrets()
                .telephony(tenant).orElseThrow().authToken().reveal()).isEqualTo("auth-token");
    }
}
