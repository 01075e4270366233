package com.ethiq.app.load;

import com.ethiq.app.sim.TwilioCallSimulator.Account;
import com.ethiq.app.sim.TwilioSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The load harness (not a test): starts a {@link LoadServer} in its own JVM pinned to one core, pins itself to the
 * other, and drives it like Twilio would. Phase 1: incoming-call webhooks at a fixed rate (latency seen by the
 * client). Phase 2: N simultaneous calls streaming both tracks in real time (50 frames/s per track), N stepping up;
 * at each step, after a warm-up, a measurement window gives the server's CPU per frame (from /proc), the p99 lag of
 * frame processing behind each stream's clock (server metric), the generator's own lateness, and the server heap after
 * a full GC. A small share of the calls are scams: detection-to-SMS latency comes from the server's metric and the
 * SMS requests reach the fake Twilio API. At the end all streams stop, and the heap after a GC gives the memory a live
 * call holds. Prints a report and writes it to {@code app-javalin/target/load-report.md}.
 *
 * <p>Run (see docs/performance.md): {@code ./mvnw -o -q -pl app-javalin -am -Ploadtest verify -DskipTests
 * -Dload.args="--calls 500,1000,2000"}.
 * {@code --target http://host:port} drives a node on another machine instead ({@link RemoteTarget}).
 */
public final class LoadHarness {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
    private static final Pattern TENANT = Pattern.compile("name=\"tenantId\" value=\"([^\"]+)\"");

    private final Map<String, String> opts;
    private final int port;
    /** The node driven: a local LoadServer, or {@code --target} (another machine's node, started by someone else). */
    private final URI base;
    /** What the node believes its own address is: webhook and upgrade signatures are computed over it. */
    private final URI publicBase;
    private final RemoteTarget target;
    private final int tenants;
    private final double scamShare;
    // HTTP/1.1 as Twilio: the JDK client's h2c upgrade offer is taken for a WebSocket upgrade by some servers (Node's)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> report = new ArrayList<>();
    private final AtomicLong callCounter = new AtomicLong();
    private Process server;
    private com.ethiq.adapter.twilio.fake.FakeTwilioApi twilio;
    private long serverPid;

    private LoadHarness(Map<String, String> opts) {
        this.opts = opts;
        this.port = Integer.parseInt(opts.getOrDefault("port", "18080"));
        this.target = RemoteTarget.from(opts);
        this.base = target == null ? URI.create("http://127.0.0.1:" + port) : target.base();
        this.publicBase = URI.create(opts.getOrDefault("public-base", base.toString()));
        this.tenants = target == null ? Integer.parseInt(opts.getOrDefault("tenants", "50")) : target.tenantCount();
        this.scamShare = Double.parseDouble(opts.getOrDefault("scam-percent", "2")) / 100.0;
    }

    public static void main(String[] args) throws Exception {
        LoadHarness h = new LoadHarness(LoadServer.options(args.length == 1 ? args[0].trim().split("\\s+") : args));
        try {
            h.run();
        } finally {
            h.stopServer();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String serverCpu = opts.getOrDefault("server-cpu", "0");
        String generatorCpu = opts.getOrDefault("generator-cpu", "1");
        line("# Load run " + Instant.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores, load average before: "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        line("Server: cpu " + serverCpu + ", store " + opts.getOrDefault("store", "memory")
                + (opts.containsKey("db-cpu") ? " (database on cpu " + opts.get("db-cpu") + ")" : "") + ", telephony "
                + opts.getOrDefault("telephony", "fake") + ", heap " + opts.getOrDefault("server-heap", "2g")
                + ", batch " + System.getenv().getOrDefault("ETHIQ_MEDIA_BATCH_FRAMES", "5") + " frames; generator: cpu " + generatorCpu);
        String baseline = opts.get("baseline");
        if (baseline != null) {
            line("Baseline transport only (" + baseline + "): the server counts frames and does nothing else.");
        }
        pinSelf(generatorCpu);
        if (target != null) {
            line("Target: " + base + " (started separately; no local server, no local fake Twilio API; CPU "
                    + (opts.containsKey("server-pid") ? "from /proc of pid " + opts.get("server-pid")
                    : "from its /metrics process_cpu_time_ns_total") + ", " + tenants + " tenant(s))");
        } else if (baseline == null && opts.getOrDefault("telephony", "fake").equals("fake")) {
            // Twilio's side runs here, on the generator's core: its CPU is not the server's.
            twilio = com.ethiq.adapter.twilio.fake.FakeTwilioApi.start();
            for (int i = 0; i < tenants; i++) {
                twilio.registerAccount(LoadPlan.account(i).accountSid(), LoadPlan.account(i).authToken());
                twilio.addIncomingNumber(LoadPlan.account(i).accountSid(), LoadPlan.number(i).e164());
            }
        }
        if (target == null) {
            startServer(serverCpu, baseline);
        }

        // ---- Phase 1: webhooks
        int rate = Integer.parseInt(opts.getOrDefault("webhook-rate", "200"));
        int seconds = Integer.parseInt(opts.getOrDefault("webhook-seconds", "15"));
        if (rate > 0 && seconds > 0 && baseline == null) {
            webhookWarmup();
            webhooks(rate, seconds);
        }

        // ---- Phase 2: concurrent streaming calls
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "15"));
        int firstWarmup = Integer.parseInt(opts.getOrDefault("first-warmup", "60")); // the JIT needs a minute on one core
        int measure = Integer.parseInt(opts.getOrDefault("measure", "15"));
        // --stop-lag-ms: the p99 frame lag that ends the stepping (raise it to measure every step on a loaded machine);
        // 110 ms: 50 ms beyond the 60 ms a media socket may rest between reads at the default ETHIQ_MEDIA_READ_INTERVAL
        double stopLagMs = Double.parseDouble(opts.getOrDefault("stop-lag-ms", "110"));
        List<Integer> steps = List.of(opts.getOrDefault("calls", "500,1000,1500,2000,2500").split(",")).stream()
                .map(String::trim).map(Integer::parseInt).filter(n -> n > 0).toList();
        if (steps.isEmpty()) { // --calls 0: the webhook figure only
            return;
        }
        line("");
        line("| calls | frames/s (server) | CPU µs/frame | of which kernel | server CPU % | frame lag p50 / p99 / p99.9 (ms) | generator late p50 / p99 (ms) | heap after GC (MB) | closed by server |");
        line("|---|---|---|---|---|---|---|---|---|");
        int largestPassing = 0;
        long heapAtLargest = 0;
        try (MediaLoad load = new MediaLoad(new InetSocketAddress(base.getHost(), base.getPort()), "/twilio/media")) {
            boolean first = true;
            for (int target : steps) {
                openCalls(load, target);
                sleep((first ? firstWarmup : warmup) * 1000L);
                first = false;
                load.resetLateness();
                Map<String, Double> m0 = scrape();
                CpuSample c0 = serverCpu(m0);
                ThreadCpu threads0 = localThreads();
                long sent0 = load.framesSent.get();
                long t0 = System.nanoTime();
                // --webhooks-while-streaming R: incoming-call webhooks at R/s through the window, on the same selector
                // as the media sockets (what a webhook waits for on a busy node); off by default, as they cost CPU
                int probeRate = Integer.parseInt(opts.getOrDefault("webhooks-while-streaming", "0"));
                CompletableFuture<String> probe = probeRate > 0
                        ? CompletableFuture.supplyAsync(() -> webhooksDuring(probeRate, measure)) : null;
                sleep(measure * 1000L);
                long elapsed = System.nanoTime() - t0;
                Map<String, Double> m1 = scrape();
                CpuSample c1 = serverCpu(m1);
                ThreadCpu threads1 = localThreads();
                // a server without the metric (a foreign server on this machine, --target … --server-pid): frames sent
                double frames = m1.containsKey("ethiq_media_frames_total")
                        ? m1.get("ethiq_media_frames_total") - m0.getOrDefault("ethiq_media_frames_total", 0.0)
                        : load.framesSent.get() - sent0;
                double cpuSeconds = (c1.totalNanos() - c0.totalNanos()) / 1e9;
                double usPerFrame = frames == 0 ? 0 : cpuSeconds * 1e6 / frames;
                double lag50 = m1.getOrDefault("ethiq_media_frame_lag_seconds{quantile=\"0.5\"}", 0.0) * 1000;
                double lag99 = m1.getOrDefault("ethiq_media_frame_lag_seconds{quantile=\"0.99\"}", 0.0) * 1000;
                double lag999 = m1.getOrDefault("ethiq_media_frame_lag_seconds{quantile=\"0.999\"}", 0.0) * 1000;
                long heap = heapAfterGc();
                String kernel = c1.kernelNanos() < 0 ? "n/a" : c1.totalNanos() == c0.totalNanos() ? "0 %"
                        : String.format(Locale.ROOT, "%.0f %%", 100.0 * (c1.kernelNanos() - c0.kernelNanos()) / (c1.totalNanos() - c0.totalNanos()));
                line(String.format(Locale.ROOT, "| %d | %.0f | %.2f | %s | %.0f %% | %.1f / %.1f / %.1f | %d / %d | %.1f | %d |",
                        load.streaming.get(), frames / (elapsed / 1e9), usPerFrame,
                        kernel, cpuSeconds / (elapsed / 1e9) * 100,
                        lag50, lag99, lag999, load.latenessPercentile(0.5), load.latenessPercentile(0.99), heap / 1e6,
                        load.closedByServer.get()));
                if (probe != null) {
                    line(probe.join());
                }
                if (threads0 != null && threads1 != null) {
                    Map<String, Long> spent = threads1.since(threads0);
                    double jit = ThreadCpu.jitShare(spent);
                    line(String.format(Locale.ROOT, "(%d calls: server CPU by thread: %s; without the JIT compilers' %.0f %%: %.2f µs/frame)",
                            load.streaming.get(), ThreadCpu.describe(spent), jit * 100, usPerFrame * (1 - jit)));
                }
                if (lag99 < stopLagMs && load.streaming.get() >= target * 0.99) {
                    largestPassing = load.streaming.get();
                    heapAtLargest = heap;
                } else {
                    line("(stopping: p99 lag >= " + stopLagMs + " ms or calls refused at this step)");
                    break;
                }
            }
            Map<String, Double> m = scrape();
            line("");
            line(String.format(Locale.ROOT, "Largest N with p99 frame lag < %.0f ms: %d calls (%d frames/s).",
                    stopLagMs, largestPassing, largestPassing * 100));
            line(String.format(Locale.ROOT, "Detection → SMS request latency (server, %d scam calls): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; SMS raised %.0f, delivered %.0f.",
                    m.getOrDefault("ethiq_alerts_latency_seconds_count", 0.0).longValue(),
                    m.getOrDefault("ethiq_alerts_latency_seconds{quantile=\"0.5\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_latency_seconds{quantile=\"0.9\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_latency_seconds{quantile=\"0.99\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_latency_seconds_max", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_raised_total{kind=\"sms\"}", 0.0),
                    m.getOrDefault("ethiq_alerts_deliveries_total{kind=\"sms\",outcome=\"sent\"}", 0.0)));
            line(String.format(Locale.ROOT, "Detection → SMS accepted by the fake Twilio API (lookup + POST): p50 %.1f ms, p99 %.1f ms.",
                    m.getOrDefault("ethiq_alerts_latency_accepted_seconds{quantile=\"0.5\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_latency_accepted_seconds{quantile=\"0.99\"}", 0.0) * 1000));
            line(alertStages(m));
            line("Close codes seen by the generator: " + load.closeCodes + ", upgrade failures: " + load.upgradeFailures.get()
                    + ", generator backlog events: " + load.backlogEvents.get());
            load.stopAll();
            waitFor(() -> scrapeQuietly().getOrDefault("ethiq_media_streams_live", 0.0) == 0, 30_000);
            sleep(2000);
            long heapAfter = heapAfterGc();
            if (largestPassing > 0 && target == null) { // a remote node's heap cannot be measured after a GC from here
                line(String.format(Locale.ROOT, "Heap per live call: (%.1f MB with %d calls − %.1f MB after they ended) / %d = %.1f KB",
                        heapAtLargest / 1e6, largestPassing, heapAfter / 1e6, largestPassing,
                        (heapAtLargest - heapAfter) / 1024.0 / largestPassing));
            }
        }
        Path out = Path.of(opts.getOrDefault("report", "target/load-report.md"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
        System.out.println("report written to " + out.toAbsolutePath());
    }

    // ---------------------------------------------------------------- phases

    /** The JIT needs thousands of requests before the handler runs compiled: 100 req/s for 30 s, not measured. */
    private void webhookWarmup() throws Exception {
        int n = Integer.parseInt(opts.getOrDefault("webhook-warmup", "3000"));
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long wait = start + i * 10_000_000L - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            inFlight.add(ringAsync(false));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }

    private void webhooks(int rate, int seconds) throws Exception {
        CpuSample cpu0 = serverCpu(scrape());
        WebhookRun run = ringAtRate(rate, seconds);
        double elapsed = run.elapsedSeconds();
        int total = run.total();
        List<Long> sorted = run.sortedNanos();
        Map<String, Double> m = scrape();
        CpuSample cpu1 = serverCpu(m);
        line("");
        line(String.format(Locale.ROOT, "Incoming-call webhook at %d req/s for %d s (%d requests, %d failed, %.0f req/s achieved): "
                        + "client p50 %.1f ms, p99 %.1f ms, max %.1f ms; server handler p99 %.1f ms; server CPU %.0f %%",
                rate, seconds, total, run.failures(), total / elapsed, pct(sorted, 0.5), pct(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                m.getOrDefault("ethiq_webhooks_latency_seconds{route=\"incoming_call\",quantile=\"0.99\"}", 0.0) * 1000,
                (cpu1.totalNanos() - cpu0.totalNanos()) / 1e9 / elapsed * 100));
    }

    /** Webhooks at {@code rate}/s for {@code seconds}, while the calls stream: the client's latencies, as a line. */
    private String webhooksDuring(int rate, int seconds) {
        WebhookRun run = ringAtRate(rate, seconds);
        List<Long> sorted = run.sortedNanos();
        return String.format(Locale.ROOT, "(webhooks while streaming: %d at %d/s, %d failed; client p50 %.1f ms, p99 %.1f ms, max %.1f ms)",
                run.total(), rate, run.failures(), pct(sorted, 0.5), pct(sorted, 0.99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6);
    }

    /** What a run of webhooks at a fixed rate came to: the client's latencies of the answered ones, sorted. */
    private record WebhookRun(int total, int failures, List<Long> sortedNanos, double elapsedSeconds) {
    }

    /** Incoming-call webhooks at {@code rate}/s for {@code seconds}, each on its due time; waits for every answer. */
    private WebhookRun ringAtRate(int rate, int seconds) {
        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = start + (long) (i * 1e9 / rate) - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            long sent = System.nanoTime();
            inFlight.add(ringAsync(false).whenComplete((r, e) -> {
                if (e != null || r == null) {
                    failures.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - sent);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new WebhookRun(total, failures.get(), sorted, elapsed);
    }

    private void openCalls(MediaLoad load, int target) throws Exception {
        int toOpen = target - load.streaming.get();
        long start = System.nanoTime();
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = 0; i < toOpen; i++) {
            long due = start + (long) (i * 1e9 / 200); // 200 new calls per second
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            boolean scam = Math.random() < scamShare;
            if (opts.containsKey("baseline")) {
                String sid = LoadPlan.callSid(callCounter.incrementAndGet(), false);
                load.add(new MediaLoad.CallSpec(sid, LoadPlan.account(0).accountSid(), "unsigned", Map.of("token", "none")));
                continue;
            }
            inFlight.add(ringAsync(scam).thenAccept(answer -> {
                if (answer != null) {
                    load.add(answer);
                }
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        waitFor(() -> load.streaming.get() >= target, 30_000);
    }

    /** Rings a random tenant; the answer is what the media stream needs (null if the webhook failed). */
    private CompletableFuture<MediaLoad.CallSpec> ringAsync(boolean scam) {
        int t = (int) (callCounter.incrementAndGet() % tenants);
        Account account = target == null ? LoadPlan.account(t) : target.account(t);
        String called = target == null ? LoadPlan.number(t).e164() : target.number(t);
        String callSid = LoadPlan.callSid(callCounter.get(), scam);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", account.accountSid());
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", callSid);
        form.put("CallStatus", "ringing");
        form.put("Called", called);
        // --reputation: a different caller on every call, so every lookup misses the node's cache and reads the store
        // (LoadPlan.caller; one in LoadPlan.REPORTED_EVERY is a number the server seeded as reported by 3 accounts)
        String from = opts.containsKey("reputation") ? LoadPlan.caller(callCounter.get()) : "+33612345678";
        form.put("Caller", from);
        form.put("Direction", "inbound");
        form.put("From", from);
        form.put("To", called);
        String url = publicBase + "/twilio/voice";
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/twilio/voice")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioSignature.sign(account.authToken(), url, form))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            if (r.statusCode() != 200) {
                return null;
            }
            if (twilio != null) {
                twilio.startConference(account.accountSid(), "Conf-" + LoadPlan.tenantId(t) + "-" + callSid); // the caller joined
            }
            Matcher token = TOKEN.matcher(r.body());
            Matcher tenant = TENANT.matcher(r.body());
            if (!token.find()) {
                return null;
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("token", token.group(1));
            params.put("callSid", callSid);
            if (tenant.find()) {
                params.put("tenantId", tenant.group(1));
            }
            String wss = publicBase.toString().replaceFirst("^http", "ws") + "/twilio/media";
            return new MediaLoad.CallSpec(callSid, account.accountSid(), TwilioSignature.sign(account.authToken(), wss, Map.of()), params);
        }).exceptionally(e -> null);
    }

    // ---------------------------------------------------------------- server process

    private void startServer(String cpu, String baseline) throws Exception {
        Path log = Path.of("target/load-server.log");
        Files.createDirectories(log.toAbsolutePath().getParent());
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", cpu, javaBin(),
                "-Xms" + opts.getOrDefault("server-heap", "2g"), "-Xmx" + opts.getOrDefault("server-heap", "2g"),
                "-XX:+UseG1GC", "-XX:G1ConcRefinementThreads=0", "-XX:ActiveProcessorCount=1")); // as shipped (ethiq, Jib)
        String extra = opts.getOrDefault("server-jvm", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.split(";")));
        }
        if (baseline != null) {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    "com.ethiq.app.calls.media.BaselineMediaServer", "--port", Integer.toString(port), "--mode", baseline));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                    LoadServer.class.getName(), "--port", Integer.toString(port), "--tenants", Integer.toString(tenants),
                    "--store", opts.getOrDefault("store", "memory"), "--telephony", opts.getOrDefault("telephony", "fake")));
            if (opts.containsKey("reputation")) {
                cmd.addAll(List.of("--reputation", opts.get("reputation")));
            }
            if (opts.containsKey("db-cpu")) {
                cmd.addAll(List.of("--db-cpu", opts.get("db-cpu")));
            }
            if (twilio != null) {
                cmd.addAll(List.of("--twilio-url", twilio.baseUrl().toString()));
            }
        }
        server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            for (String l : Files.readAllLines(log)) {
                Matcher m = Pattern.compile("READY (\\d+) pid (\\d+)").matcher(l);
                if (m.find()) {
                    serverPid = Long.parseLong(m.group(2));
                    return;
                }
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the load server died; see " + log.toAbsolutePath());
            }
            sleep(200);
        }
        throw new IllegalStateException("the load server did not start; see " + log.toAbsolutePath());
    }

    private void stopServer() {
        if (twilio != null) {
            twilio.close();
        }
        if (server != null && server.isAlive()) {
            server.destroy(); // SIGTERM: graceful stop
            try {
                if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void pinSelf(String cpu) throws Exception {
        exec("taskset", "-a", "-cp", cpu, Long.toString(ProcessHandle.current().pid()));
    }

    /** The server's CPU time so far, and the kernel's share of it (-1 when unknown). */
    record CpuSample(long totalNanos, long kernelNanos) {
    }

    /**
     * A local server's CPU from /proc (user + kernel, in clock ticks); a remote node's from its own /metrics
     * ({@code process_cpu_time_ns_total}, the JVM's process CPU time: no kernel share).
     */
    private CpuSample serverCpu(Map<String, Double> metrics) throws Exception {
        if (target != null && !opts.containsKey("server-pid")) {
            Double ns = metrics.get("process_cpu_time_ns_total");
            if (ns == null) {
                throw new IllegalStateException("the target's /metrics has no process_cpu_time_ns_total");
            }
            return new CpuSample(ns.longValue(), -1);
        }
        if (clockTick == 0) {
            clockTick = Long.parseLong(exec("getconf", "CLK_TCK").trim());
        }
        long pid = target != null ? Long.parseLong(opts.get("server-pid")) : serverPid;
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long user = Long.parseLong(f[11]); // utime and stime: fields 14 and 15
        long system = Long.parseLong(f[12]);
        return new CpuSample((user + system) * 1_000_000_000L / clockTick, system * 1_000_000_000L / clockTick);
    }

    private long clockTick;

    /** Per-thread CPU of a server on this machine (null for a remote node). */
    private ThreadCpu localThreads() throws Exception {
        if (target != null && !opts.containsKey("server-pid")) {
            return null;
        }
        if (clockTick == 0) {
            clockTick = Long.parseLong(exec("getconf", "CLK_TCK").trim());
        }
        return ThreadCpu.of(target != null ? Long.parseLong(opts.get("server-pid")) : serverPid, clockTick);
    }

    /**
     * The server's live heap. A local server: the total of {@code jcmd GC.class_histogram}, which runs a full GC and
     * counts only the objects it kept, at one instant. (Reading the heap-used metric some time after {@code GC.run}
     * also counted what 400 live calls allocated in between, and the "after they ended" reading had no such traffic:
     * a bias of several KB per call.) A remote node: heap in use, as no GC can be asked for from here.
     */
    private long heapAfterGc() throws Exception {
        if (target == null) {
            long live = histogramTotalBytes(exec("jcmd", Long.toString(serverPid), "GC.class_histogram"));
            if (live > 0) {
                return live;
            }
            exec("jcmd", Long.toString(serverPid), "GC.run"); // no histogram (another JVM?): the older reading
            sleep(500);
        }
        return scrape().entrySet().stream().filter(e -> e.getKey().startsWith("jvm_memory_used_bytes{area=\"heap\""))
                .mapToLong(e -> e.getValue().longValue()).sum();
    }

    /** The bytes on the histogram's "Total" line ({@code Total <instances> <bytes>}), or -1 when there is none. */
    static long histogramTotalBytes(String histogram) {
        for (String line : histogram.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("Total")) {
                try {
                    return Long.parseLong(f[2]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- metrics

    private Map<String, Double> scrapeQuietly() {
        try {
            return scrape();
        } catch (Exception e) {
            return Map.of();
        }
    }

    /** The server's Prometheus text, keyed by name + labels without the node label. */
    private Map<String, Double> scrape() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10));
        if (opts.containsKey("metrics-token")) { // a node's metrics are loopback-only without it
            request.header("Authorization", "Bearer " + opts.get("metrics-token"));
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 && opts.containsKey("server-pid")) {
            return Map.of(); // a foreign server (the seed's Node design): no metrics, CPU from /proc
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/metrics answered " + r.statusCode() + (target != null ? " (--metrics-token?)" : ""));
        }
        String text = r.body();
        Map<String, Double> out = new LinkedHashMap<>();
        for (String l : text.split("\n")) {
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int space = l.lastIndexOf(' ');
            String key = l.substring(0, space).replaceAll("node=\"[^\"]*\",?", "").replace(",}", "}").replace("{}", "");
            try {
                out.merge(key, Double.parseDouble(l.substring(space + 1)), Double::sum);
            } catch (NumberFormatException ignored) {
                // NaN and friends
            }
        }
        return out;
    }

    /**
     * Where the alert latency waits: each stage of a scam's alerts timed from the segment that raised them (write
     * begun on a store thread, committed, SMS and announcement sends begun on a send thread).
     */
    static String alertStages(Map<String, Double> m) {
        StringBuilder out = new StringBuilder("Alert stages from the scam segment, p50 / p90 / p99 / max (ms):");
        for (String stage : List.of("record_started", "recorded", "sms_send_started", "announcement_send_started")) {
            String tag = "stage=\"" + stage + "\"";
            double count = m.getOrDefault("ethiq_alerts_stage_latency_seconds_count{" + tag + "}", 0.0);
            out.append(String.format(Locale.ROOT, " %s %.1f / %.1f / %.1f / %.1f (%d);", stage,
                    m.getOrDefault("ethiq_alerts_stage_latency_seconds{" + tag + ",quantile=\"0.5\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_stage_latency_seconds{" + tag + ",quantile=\"0.9\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_stage_latency_seconds{" + tag + ",quantile=\"0.99\"}", 0.0) * 1000,
                    m.getOrDefault("ethiq_alerts_stage_latency_seconds_max{" + tag + "}", 0.0) * 1000, (long) count));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private void line(String s) {
        System.out.println(s);
        report.add(s);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1)) / 1e6;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
