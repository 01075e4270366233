package com.ethiq.app.cli;

import com.ethiq.adapter.supabase.ConnectionPools;
import com.ethiq.adapter.supabase.Keyring;
import com.ethiq.adapter.supabase.PoolSettings;
import com.ethiq.adapter.supabase.PooledDataSource;
import com.ethiq.adapter.supabase.SupabaseStore;
import com.ethiq.adapter.twilio.FallbackDocuments;
import com.ethiq.app.AppConfig;
import com.ethiq.app.config.DatabaseSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ethiq fallback-twiml --out DIR}: writes the static fallback TwiML of every provisioned number (issue 22,
 * item 6) for an operator to upload where {@code ETHIQ_TWILIO_VOICE_FALLBACK_URL} points ({@code …/{number}.xml}).
 * Reads the pool and the accounts from the configured database; safe beside running nodes.
 */
@Command(name = "fallback-twiml", mixinStandardHelpOptions = true,
        description = {"Writes <digits>.xml for every provisioned number: <Dial><Sip> to the protected person, unprotected,",
                "served by a static host when the nodes cannot answer (VoiceFallbackUrl). See docs/operations.md."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:documents written", "1:cannot run (the message says why)"})
public final class FallbackTwimlCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, description = "directory to write the documents into (created if missing)")
    Path out;

    @Override
    public Integer call() {
        return run(System.getenv(), out, System.out, System.err);
    }

    static int run(Map<String, String> env, Path out, PrintStream stdout, PrintStream err) {
        AppConfig config;
        DatabaseSettings db;
        try {
            config = AppConfig.from(env);
            db = config.database();
            if (!db.configured() || db.secretKeys().isEmpty() || db.secretActiveKey().isEmpty()) {
                err.println("ethiq fallback-twiml: needs the node's database (ETHIQ_DATABASE_URL, users, ETHIQ_SECRET_KEYS, "
                        + "ETHIQ_SECRET_ACTIVE_KEY); for the embedded default: eval \"$(./ethiq node-env)\" first");
                return 1;
            }
        } catch (IllegalArgumentException e) {
            err.println("ethiq fallback-twiml: " + e.getMessage());
            return 1;
        }
        try (PooledDataSource app = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.user(), db.passwordText())
                .withPoolName("ethiq-fallback-app").withMaximumPoolSize(2).withTransactionPooler(db.transactionPooler()));
             PooledDataSource platform = ConnectionPools.create(PoolSettings.of(db.jdbcUrl(), db.platformUser(),
                     db.platformPasswordText()).withPoolName("ethiq-fallback-platform").withMaximumPoolSize(2)
                     .withTransactionPooler(db.transactionPooler()))) {
            SupabaseStore store = SupabaseStore.builder().appDataSource(app).platformDataSource(platform)
                    .keyring(Keyring.parse(db.secretKeys().get().reveal(), db.secretActiveKey().get()))
                    .clock(Clock.systemUTC()).build();
            List<Path> written = new FallbackDocuments(store.numberPool(), store.tenants(), config.telephony().region())
                    .writeTo(out);
            stdout.printf("wrote %d fallback document(s) to %s; upload them where ETHIQ_TWILIO_VOICE_FALLBACK_URL points%n",
                    written.size(), out);
            return 0;
        } catch (RuntimeException e) {
            err.println("ethiq fallback-twiml: " + e.getMessage());
            return 1;
        }
    }
}
