package com.ethiq.app.cli;

import com.ethiq.app.config.LocalRunSettings;
import com.ethiq.app.config.Settings;
import com.ethiq.app.demo.DemoInfo;
import com.ethiq.app.demo.EmbeddedDatabase;
import com.ethiq.app.demo.EmbeddedWiring;
import com.ethiq.app.demo.LocalSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ethiq node-env}: the variables that make another node join a running embedded default — its database, the
 * keys every node must share (secrets at rest, media tokens, API sessions) and one public URL for all nodes — as
 * shell {@code export} lines with the values unescaped ({@code secrets.properties} escapes {@code :} as {@code \:},
 * which copied by hand gives a different key).
 */
@Command(name = "node-env", mixinStandardHelpOptions = true,
        description = {"Prints the variables that start another node on a running embedded default's database.",
                "Use:  eval \"$(./ethiq node-env)\" && ETHIQ_HTTP_PORT=8081 ./ethiq serve --data-dir ./.ethiq-node2"},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:printed", "1:no embedded default runs on that data folder"})
public final class NodeEnvCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder of the running node. Default: $ETHIQ_DATA_DIR or ./.ethiq")
    Path dataDir;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The one public URL of all nodes (the load balancer's, the one Twilio calls). Default: "
                    + "$ETHIQ_PUBLIC_BASE_URL, else the running node's own URL.")
    String publicUrl;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        Path folder = dataDir != null ? dataDir : LocalRunSettings.from(env).dataDir();
        if (!Files.exists(folder.resolve(LocalSecrets.FILE))) {
            System.err.println("ethiq node-env: no embedded default in " + folder.toAbsolutePath()
                    + " (start one with ./ethiq serve, or pass --data-dir)");
            return 1;
        }
        OptionalInt port = EmbeddedDatabase.runningPort(folder.resolve("pgdata"));
        if (port.isEmpty()) {
            System.err.println("ethiq node-env: the embedded PostgreSQL of " + folder.toAbsolutePath()
                    + " is not running: start the first node with ./ethiq serve");
            return 1;
        }
        System.out.print(render(folder, port.getAsInt(), publicUrl(folder, env)));
        return 0;
    }

    private String publicUrl(Path folder, Map<String, String> env) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.strip();
        }
        String configured = env.getOrDefault(Settings.PUBLIC_BASE_URL.name(), "");
        if (!configured.isBlank()) {
            return configured.strip();
        }
        Path demo = folder.resolve(DemoInfo.FILE);
        if (Files.exists(demo)) {
            try {
                return DemoInfo.read(demo).baseUrl().toString();
            } catch (RuntimeException e) {
                // fall through to the default port
            }
        }
        return "http://localhost:" + Settings.HTTP_PORT.read(Map.of());
    }

    /** The export lines for a node joining the embedded default of {@code folder} whose server listens on {@code port}. */
    static String render(Path folder, int port, String publicUrl) {
        LocalSecrets secrets = LocalSecrets.loadOrCreate(folder);
        Map<String, String> vars = new LinkedHashMap<>(EmbeddedWiring.databaseVariables(
                "jdbc:postgresql://localhost:" + port + "/" + EmbeddedDatabase.DATABASE, secrets));
        vars.put(Settings.MEDIA_TOKEN_SECRET.name(), secrets.mediaTokenSecret());
        vars.put(Settings.API_JWT_SECRET.name(), secrets.apiJwtKey());
        vars.put(Settings.PUBLIC_BASE_URL.name(), publicUrl);
        StringBuilder out = new StringBuilder();
        out.append("# Ethiq: another node on the embedded default of ").append(folder.toAbsolutePath())
                .append(" (PostgreSQL on localhost:").append(port).append(").\n")
                .append("# Every node shares these keys and one public URL (put a load balancer in front and set it to its URL).\n")
                .append("# Then: ETHIQ_HTTP_PORT=8081 ./ethiq serve --data-dir ").append(folder.toAbsolutePath()).append("-node2\n");
        vars.forEach((k, v) -> out.append("export ").append(k).append('=').append(shellQuote(v)).append('\n'));
        return out.toString();
    }

    static String shellQuote(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }
}
