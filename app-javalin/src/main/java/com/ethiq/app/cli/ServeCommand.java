package com.ethiq.app.cli;

import com.ethiq.app.demo.EmbeddedDefault;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ethiq serve}: runs a node. With no configuration that is the embedded default (embedded PostgreSQL with its
 * data in {@code ./.ethiq}, simulated vendors, a demo account, the dashboard); every real vendor is switched on by
 * its environment variables alone (docs/configuration.md). Ctrl+C (SIGINT/SIGTERM) drains live calls, then stops.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts Ethiq: webhooks, media streams, management API and dashboard.",
                "Without configuration: embedded PostgreSQL (data kept in ./.ethiq), simulated Twilio and speech,",
                "rules-only analysis, a seeded demo account. See docs/getting-started.md and docs/configuration.md."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped cleanly", "1:could not start (the message says why)"})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the embedded default's files (PostgreSQL data, generated secrets, demo.json). "
                    + "Default: $ETHIQ_DATA_DIR or ./.ethiq")
    Path dataDir;

    @Option(names = "--in-memory", description = "No embedded PostgreSQL: in-memory stores (nothing survives a restart).")
    boolean inMemory;

    @Option(names = "--db-port", paramLabel = "PORT", description = "Port of the embedded PostgreSQL (default: any free port).")
    int dbPort;

    @Override
    public Integer call() {
        quietEmbeddedDatabaseLogs();
        EmbeddedDefault.Options env = EmbeddedDefault.Options.fromEnvironment();
        EmbeddedDefault.Options options = new EmbeddedDefault.Options(env.env(), dataDir != null ? dataDir : env.dataFolder(),
                !inMemory, dbPort, Clock.systemUTC());
        EmbeddedDefault node;
        try {
            node = EmbeddedDefault.start(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("ethiq serve: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ethiq serve: stopping (draining live calls)...");
            node.close();
            stopped.countDown();
        }, "ethiq-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The embedded server's own output and Flyway's progress drown the banner; keep their warnings only. */
    private static void quietEmbeddedDatabaseLogs() {
        for (String name : new String[] {"io.zonky", "org.flywaydb"}) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger && logger.getLevel() == null) {
                logger.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }
}
