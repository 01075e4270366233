package com.ethiq.app.cli;

import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.supabase.identity.IdentityStore;
import com.ethiq.adapter.supabase.identity.StoreSealedSecrets;
import com.ethiq.app.AppConfig;
import com.ethiq.app.config.DatabaseSettings;
import com.ethiq.core.management.backoffice.SecretRotation;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ethiq reseal}: re-seals every secret of the configured database — tenants' Twilio and AI credentials, users'
 * TOTP seeds — under the active key ({@code ETHIQ_SECRET_ACTIVE_KEY}), then says whether anything is still sealed with
 * another key. Run it after making a new key active (old keys still in {@code ETHIQ_SECRET_KEYS}), before removing
 * them. Safe to re-run, and beside running nodes.
 */
@Command(name = "reseal", mixinStandardHelpOptions = true,
        description = {"Re-seals every secret at rest (tenant credentials, TOTP seeds) with the active key, so an old key can be retired.",
                "Reads the node's variables (ETHIQ_DATABASE_URL, roles, ETHIQ_SECRET_KEYS, ETHIQ_SECRET_ACTIVE_KEY).",
                "Embedded default: eval \"$(./ethiq node-env)\" first. See docs/operations.md, \"Retiring an encryption key\"."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every secret is under the active key: the other keys may be removed",
                "1:cannot run (the message says why)",
                "3:some secrets are still under another key or could not be opened (listed): keep that key"})
public final class ResealCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return run(System.getenv(), System.out, System.err);
    }

    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        DatabaseSettings db;
        Keyring keyring;
        try {
            db = AppConfig.from(env).database();
            if (!db.configured() || db.secretKeys().isEmpty() || db.secretActiveKey().isEmpty()) {
                err.println("ethiq reseal: needs the node's database and keys (ETHIQ_DATABASE_URL, ETHIQ_DATABASE_USER/PASSWORD, "
                        + "ETHIQ_DATABASE_PLATFORM_USER/PASSWORD, ETHIQ_SECRET_KEYS, ETHIQ_SECRET_ACTIVE_KEY); for the embedded "
                        + "default: eval \"$(./ethiq node-env)\" && ./ethiq reseal");
                return 1;
            }
            keyring = Keyring.parse(db.secretKeys().get().reveal(), db.secretActiveKey().get());
        } catch (IllegalArgumentException e) {
            err.println("ethiq reseal: " + e.getMessage());
            return 1;
        }
        try (PooledDataSource app = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.user(), db.passwordText())
                .withPoolName("ethiq-reseal-app").withMaximumPoolSize(2).withTransactionPooler(db.transactionPooler()));
             PooledDataSource platform = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.platformUser(),
                     db.platformPasswordText()).withPoolName("ethiq-reseal-platform").withMaximumPoolSize(2)
                     .withTransactionPooler(db.transactionPooler()))) {
            SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform).keyring(keyring)
                    .clock(Clock.systemUTC()).build();
            IdentityStore identity = new IdentityStore(store, app);
            SecretRotation.Outcome outcome = new SecretRotation(new StoreSealedSecrets(store.tenantSecrets(),
                    identity.twoFactorSecrets(), keyring.activeKeyId())).resealAll();
            out.printf("re-sealed %d secret(s) under key '%s'; %d could not be opened%n", outcome.resealed(),
                    outcome.activeKeyId(), outcome.failed());
            if (outcome.otherKeysRetirable()) {
                out.printf("every secret is sealed with '%s': keys %s may be removed from ETHIQ_SECRET_KEYS%n",
                        outcome.activeKeyId(), keyring.keyIds().stream().filter(k -> !k.equals(outcome.activeKeyId())).toList());
                return 0;
            }
            outcome.stillUnderOtherKeys().forEach((kind, byKey) -> out.printf("still sealed with another key: %s %s%n", kind, byKey));
            out.println("keep those keys: see the warnings above for the secrets no key opens");
            return 3;
        } catch (RuntimeException e) {
            err.println("ethiq reseal: " + e.getMessage());
            return 1;
        }
    }
}
