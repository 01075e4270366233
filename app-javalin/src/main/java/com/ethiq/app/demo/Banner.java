package com.ethiq.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up banner of {@code ./ethiq serve}: where the app listens, which vendors are real and which are simulated
 * (loudly: in simulated mode nothing reaches a phone), where the data is kept, the demo login and what to try next.
 * Pure text; no secrets other than the local demo login, which exists only in simulated mode.
 */
public final class Banner {
    private static final int WIDTH = 84;

    private Banner() {
    }

    /**
     * @param vendors        port → implementation, as {@code Adapters#vendors()} reports it
     * @param dataFolder     the data folder shown to the user (embedded mode) or null
     * @param demo           the demo account, or null when none was seeded
     */
    public static String render(String dashboardUrl, Map<String, String> unordered, String database, String dataFolder,
                                DemoTenant demo) {
        // a stable order whatever map the adapters report
        Map<String, String> vendors = new java.util.LinkedHashMap<>();
        for (String port : List.of("telephony", "speech", "ai", "store")) {
            if (unordered.containsKey(port)) {
                vendors.put(port, unordered.get(port));
            }
        }
        new java.util.TreeMap<>(unordered).forEach(vendors::putIfAbsent);
        List<String> simulated = new ArrayList<>();
        vendors.forEach((port, impl) -> {
            if (impl.startsWith("simulated")) {
                simulated.add(port);
            }
        });
        boolean inMemory = vendors.getOrDefault("store", "").startsWith("in-memory");
        StringBuilder b = new StringBuilder();
        String heavy = "#".repeat(WIDTH);
        String light = "-".repeat(WIDTH);
        b.append('\n').append(heavy).append('\n');
        line(b, "ETHIQ is running   " + dashboardUrl);
        if (!simulated.isEmpty()) {
            b.append(heavy).append('\n');
            line(b, "!!!  SIMULATED VENDORS: " + String.join(", ", simulated).toUpperCase(java.util.Locale.ROOT) + "  !!!");
            line(b, "!!!  Nothing here reaches a real phone; SMS and announcements are printed below.");
        }
        if (inMemory) {
            line(b, "!!!  IN-MEMORY STORE: calls, contacts and logins are lost when this process stops.");
        }
        b.append(light).append('\n');
        vendors.forEach((port, impl) -> line(b, String.format("  %-10s %s", port, impl)));
        line(b, String.format("  %-10s %s", "database", database));
        if (dataFolder != null) {
            line(b, String.format("  %-10s %s  (kept between runs; delete it to start afresh)", "data", dataFolder));
        }
        b.append(light).append('\n');
        line(b, "  Dashboard   " + dashboardUrl);
        if (demo != null) {
            if (!demo.loginEmail().isEmpty() && !demo.loginPassword().isEmpty()) {
                line(b, "  Login       " + demo.loginEmail() + "  /  " + demo.loginPassword());
            } else if (!demo.loginEmail().isEmpty()) {
                // another node on this database created the login: its password is in that node's data folder
                line(b, "  Login       " + demo.loginEmail() + "  (password: the one printed by the node that created it)");
            }
            line(b, "  Demo line   " + demo.number() + " (fictional), account " + demo.displayName());
            line(b, "  Try         ./ethiq simulate            (a scam call, in another terminal)");
            line(b, "              ./ethiq simulate --legit    ./ethiq simulate --calls 5 --all");
            if (dataFolder != null) {
                line(b, "  Simulator credentials (fake Twilio account of the demo): " + dataFolder + "/" + DemoInfo.FILE);
            }
        }
        if (demo == null && "twilio".equals(vendors.get("telephony"))) {
            // The demo's number and Twilio credentials are fictional: real Twilio would never route a call to them.
            line(b, "  No demo account: with ETHIQ_TELEPHONY=twilio a call must reach a real Twilio number of yours.");
            line(b, "              Create an account, set its Twilio credentials and number: docs/onboarding.md");
        }
        if (dataFolder != null) {
            line(b, "  2nd node    eval \"$(./ethiq node-env)\" && ETHIQ_HTTP_PORT=8081 ./ethiq serve --data-dir " + dataFolder + "-node2");
        }
        line(b, "  Health " + dashboardUrl + "health   Metrics " + dashboardUrl + "metrics   Stop: Ctrl+C");
        b.append(heavy).append('\n');
        return b.toString();
    }

    private static void line(StringBuilder b, String text) {
        b.append("# ").append(text).append('\n');
    }
}
