package com.ethiq.app.cli;

import com.ethiq.app.demo.DemoInfo;
import com.ethiq.app.config.LocalRunSettings;
import com.ethiq.core.domain.Secret;
import com.ethiq.app.sim.CallScript;
import com.ethiq.app.sim.CallSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ethiq simulate}: plays phone calls against a running server exactly as Twilio would (signed webhook, media
 * WebSocket with audio at real pace, status callbacks), the scripted lines handed to the server's simulated
 * recogniser; one call or several at once, from the bundled French scripts or a transcript file; prints the verdict,
 * the alerts and the timings of each call.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Drives a running Ethiq server as Twilio would and prints what happened.",
                "Needs the server's speech to be simulated (the default of './ethiq serve').",
                "Credentials come from ./.ethiq/demo.json (written by './ethiq serve') unless given as options."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every call ran (whatever the verdict)", "1:a call failed to run", "2:bad usage"})
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--script", paramLabel = "NAME", description = "A bundled script by id (see --list). Default: faux-conseiller, or the first legit one with --legit.")
    String script;

    @Option(names = "--legit", description = "Play a legitimate call instead of a scam.")
    boolean legit;

    @Option(names = "--all", description = "Play every script (bundled or from --file), in turn or --calls at a time.")
    boolean all;

    @Option(names = "--file", paramLabel = "FILE.jsonl", description = "Transcript file in the shared format (one call per line).")
    Path file;

    @Option(names = "--calls", paramLabel = "N", description = "Concurrent calls (default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int calls;

    @Option(names = "--list", description = "List the bundled scripts and exit.")
    boolean list;

    @Option(names = "--url", paramLabel = "URL", description = "Server base URL (default: from demo.json, else http://localhost:8080).")
    URI url;

    @Option(names = "--demo-file", paramLabel = "FILE", description = "Credentials file (default: $ETHIQ_DATA_DIR/demo.json or ./.ethiq/demo.json).")
    Path demoFile;

    @Option(names = "--account-sid", description = "Twilio Account SID of the tenant (instead of demo.json).")
    String accountSid;

    @Option(names = "--auth-token", description = "Twilio auth token of the tenant (instead of demo.json). Prefer $ETHIQ_SIM_AUTH_TOKEN.")
    String authToken;

    @Option(names = "--to", paramLabel = "E164", description = "The tenant's number (instead of demo.json).")
    String to;

    @Option(names = "--from", paramLabel = "E164", description = "Caller number (default: the demo caller).")
    String from;

    @Option(names = "--no-answer", description = "The protected person does not pick up (rings until the account's ring timeout).")
    boolean noAnswer;

    @Option(names = "--relative-joins", description = "A relative presses \"join\" on the family link of the alert SMS while the call is live.")
    boolean relativeJoins;

    @Option(names = "--tone", description = "Send a 400 Hz tone for each line over digital silence (the simulator before real speech) instead of speech over line noise.")
    boolean tone;

    @Option(names = "--busy", description = "The protected person's line is busy.")
    boolean busy;

    @Option(names = "--unreachable", description = "The protected person's SIP phone cannot be reached (3 such calls in a row tell the account).")
    boolean unreachable;

    @Option(names = "--hang-up-while-ringing", description = "The caller hangs up before the protected person picks up.")
    boolean hangUpWhileRinging;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<CallScript> scripts;
        try {
            scripts = file != null ? CallScript.readFile(file) : CallScript.bundled();
        } catch (RuntimeException e) {
            err.println("ethiq simulate: " + e.getMessage());
            return 2;
        }
        if (list) {
            for (CallScript s : scripts) {
                out.printf("%-22s %-6s %-26s %d turns%n", s.id(), s.label(), s.category(), s.turns().size());
            }
            out.flush();
            return 0;
        }
        if (calls < 1 || calls > 200) {
            err.println("ethiq simulate: --calls must be 1..200");
            return 2;
        }
        List<CallScript> chosen;
        try {
            chosen = choose(scripts);
        } catch (IllegalArgumentException e) {
            err.println("ethiq simulate: " + e.getMessage());
            return 2;
        }
        CallSimulator.Pickup pickup;
        try {
            pickup = pickup();
        } catch (IllegalArgumentException e) {
            err.println("ethiq simulate: " + e.getMessage());
            return 2;
        }
        CallSimulator.Target target;
        try {
            target = target();
        } catch (RuntimeException e) {
            err.println("ethiq simulate: " + e.getMessage());
            return 2;
        }
        out.printf("Simulating %d call(s) to %s (%s) at %s, %d at a time%n", chosen.size(), target.tenantNumber(),
                target.accountSid().substring(0, 6) + "…", target.baseUrl(), Math.min(calls, chosen.size()));
        out.println(tone ? "Audio: a 400 Hz tone for each line, digital silence otherwise (--tone)"
                : "Audio: synthesised speech over line noise (" + speechSource() + ")");
        out.flush();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(2);
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(calls, chosen.size()));
        int failures = 0;
        try {
            List<Future<CallSimulator.Outcome>> futures = new ArrayList<>();
            for (CallScript s : chosen) {
                futures.add(workers.submit(() -> {
                    CallSimulator simulator = new CallSimulator(target, http, ticks, CallSimulator.Pacing.DEFAULT, pickup);
                    simulator.withAudio(tone ? CallSimulator.Audio.TONE : CallSimulator.Audio.SPEECH);
                    return (relativeJoins ? simulator.withRelativeJoining() : simulator).run(s);
                }));
            }
            for (Future<CallSimulator.Outcome> f : futures) {
                CallSimulator.Outcome o;
                try {
                    o = f.get();
                } catch (Exception e) {
                    err.println("ethiq simulate: " + e);
                    failures++;
                    continue;
                }
                print(out, o);
                if (!o.ok()) {
                    failures++;
                }
            }
        } finally {
            workers.shutdownNow();
            ticks.shutdownNow();
        }
        out.printf("%d call(s), %d failed%n", chosen.size(), failures);
        out.flush();
        return failures == 0 ? 0 : 1;
    }

    private static String speechSource() {
        com.ethiq.app.sim.SpeechClips clips = com.ethiq.app.sim.SpeechClips.shared();
        return clips.bundledCount() + " bundled clips; other lines "
                + (clips.canSynthesise() ? "synthesised with espeak-ng and sox" : "played as a tone: espeak-ng or sox is not on the PATH");
    }

    private List<CallScript> choose(List<CallScript> scripts) {
        List<CallScript> pool = scripts;
        if (all) {
            List<CallScript> out = new ArrayList<>(pool);
            while (out.size() < calls) {
                out.addAll(pool);
            }
            return out.subList(0, Math.max(calls, pool.size()));
        }
        CallScript one;
        if (script != null) {
            one = pool.stream().filter(s -> s.id().equals(script)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "no script '" + script + "' (try --list)"));
        } else {
            one = pool.stream().filter(s -> legit ? !s.isScam() : s.isScam()).findFirst().orElse(pool.get(0));
        }
        List<CallScript> out = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            out.add(one);
        }
        return out;
    }

    private CallSimulator.Pickup pickup() {
        List<CallSimulator.Pickup> chosen = new ArrayList<>();
        if (noAnswer) {
            chosen.add(CallSimulator.Pickup.NO_ANSWER);
        }
        if (busy) {
            chosen.add(CallSimulator.Pickup.BUSY);
        }
        if (unreachable) {
            chosen.add(CallSimulator.Pickup.UNREACHABLE);
        }
        if (hangUpWhileRinging) {
            chosen.add(CallSimulator.Pickup.CALLER_HANGS_UP);
        }
        if (chosen.size() > 1) {
            throw new IllegalArgumentException("choose one of --no-answer, --busy, --unreachable, --hang-up-while-ringing");
        }
        return chosen.isEmpty() ? CallSimulator.Pickup.ANSWER : chosen.get(0);
    }

    private CallSimulator.Target target() {
        LocalRunSettings local = LocalRunSettings.from(System.getenv());
        String token = authToken != null ? authToken : local.simulatorAuthToken().map(Secret::reveal).orElse(null);
        if (accountSid != null && token != null && to != null) {
            return new CallSimulator.Target(url != null ? url : URI.create("http://localhost:8080"), accountSid, token, to,
                    from != null ? from : "+33199000123");
        }
        Path path = demoFile;
        if (path == null) {
            path = local.dataDir().resolve(DemoInfo.FILE);
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no " + path + ": start './ethiq serve' (simulated mode) from this folder first, "
                    + "or pass --url, --account-sid, --to and --auth-token");
        }
        DemoInfo demo = DemoInfo.read(path);
        return new CallSimulator.Target(url != null ? url : demo.baseUrl(), accountSid != null ? accountSid : demo.accountSid(),
                token != null ? token : demo.authToken(), to != null ? to : demo.tenantNumber(),
                from != null ? from : demo.callerNumber());
    }

    public static void print(PrintWriter out, CallSimulator.Outcome o) {
        out.println();
        out.printf("Call %s  script %s (%s)%n", o.callSid(), o.script().id(),
                o.script().label().isEmpty() ? "unlabelled" : "expected " + o.script().label());
        if (!o.ok() && o.report() == null) {
            out.printf("  FAILED: %s%n", o.error());
            out.flush();
            return;
        }
        for (String h : o.heard()) {
            out.printf(h.startsWith("relative") ? "  %s%n" : "  caller heard: %s%n", h);
        }
        if (o.report() != null && !o.report().path("ringResult").isNull() && o.report().has("ringResult")) {
            out.printf("  protected person: %s%n", o.report().path("ringResult").asText().replace('_', ' '));
        }
        if (o.framesSent() > 0) {
            out.printf("  webhook %d ms, media socket opened in %d ms, %d frames over %.1f s, closed by %s%n",
                    o.webhookMillis(), o.connectMillis(), o.framesSent(), o.mediaMillis() / 1000.0, o.closedBy());
        }
        for (CallSimulator.TurnTiming t : o.turns()) {
            CallScript.Turn turn = o.script().turns().get(t.index());
            out.printf("  +%5.1fs  %-7s %s%n", t.startedMs() / 1000.0, turn.speaker().wire(), abbreviate(turn.text(), 90));
        }
        JsonNode r = o.report();
        if (r != null) {
            out.printf("  verdict: %s (score %.2f, %s)%s%n", r.path("verdict").asText().toUpperCase(Locale.ROOT),
                    r.path("score").asDouble(), r.path("category").asText(), r.path("fraudDetected").asBoolean() ? "  FRAUD DETECTED" : "");
            if (!r.path("explanation").asText().isEmpty()) {
                out.printf("  why: %s%n", abbreviate(r.path("explanation").asText(), 160));
            }
            java.time.Instant started = java.time.Instant.parse(r.path("startedAt").asText());
            for (JsonNode a : r.path("alerts")) {
                double after = Duration.between(started, java.time.Instant.parse(a.path("createdAt").asText())).toMillis() / 1000.0;
                out.printf("  alert: %-12s to %-16s %s (raised %.1f s after the call started)%n", a.path("kind").asText(),
                        a.path("recipient").asText(), a.path("status").asText(), after);
            }
            if (r.path("alerts").isEmpty()) {
                out.println("  alerts: none");
            }
            for (JsonNode d : r.path("simulatedDeliveries")) {
                switch (d.path("kind").asText()) {
                    case "sms" -> out.printf("  [simulated SMS to %s] %s%n", d.path("to").asText(), abbreviate(d.path("body").asText(), 320));
                    case "announcement" -> out.printf("  [simulated announcement] %s%n", abbreviate(d.path("message").asText(), 120));
                    case "leg_cancelled" -> out.printf("  [simulated] the protected person's ringing leg was cancelled%n");
                    case "relative_joined" -> out.printf("  [simulated participant] relative %s dialled in from %s, tone on entry, announced: %s%n",
                            d.path("to").asText(), d.path("callerId").asText(), d.path("announcement").asText());
                    case "ended_by_relative" -> out.printf("  [simulated end] protected person told: %s; caller hung up%n",
                            d.path("notice").asText());
                    default -> { }
                }
            }
        }
        if (r != null) {
            for (JsonNode n : r.path("accountNotices")) {
                out.printf("  account told: to %s (%s) %s%n", n.path("to").asText(), n.path("status").asText(),
                        abbreviate(n.path("message").asText(), 200));
            }
            if (r.path("accountNotices").isEmpty() && "unreachable".equals(r.path("ringResult").asText())) {
                out.println("  account told: nothing yet (after 3 unreachable calls in a row)");
            }
        }
        if (o.error() != null) {
            out.printf("  ERROR: %s%n", o.error());
        }
        out.flush();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
