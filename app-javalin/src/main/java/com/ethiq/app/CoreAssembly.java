package com.ethiq.app;

import com.ethiq.app.jobs.AlertWorkers;
import com.ethiq.app.jobs.JobScheduler;
import com.ethiq.app.jobs.RetentionJob;
import com.ethiq.app.metrics.AlertLatencyProbe;
import com.ethiq.app.metrics.CompositeObserver;
import com.ethiq.app.metrics.Metrics;
import com.ethiq.core.FraudCore;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.usecase.CallObserver;
import com.ethiq.core.usecase.CallSessions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud core wired to its adapters, with the node's background jobs and metrics, and no HTTP at all: a host
 * (the Javalin app, a CLI, another JVM service) builds one, starts it, and feeds it calls through {@link #core()}.
 * {@link #drain} ends live calls and delivers pending alerts; {@link #close} releases everything. Thread-safe.
 */
public final class CoreAssembly implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoreAssembly.class);

    private final Adapters adapters;
    private final Metrics metrics;
    private final FraudCore core;
    private final CallControl callControl;
    private final JobScheduler jobs;
    private final ExecutorService aiExecutor;
    private final AlertWorkers alertWorkers;
    private final ExecutorService transcriptExecutor;

    private CoreAssembly(AppConfig config, Adapters adapters, Metrics metrics, List<CallObserver> extraObservers) {
        this.adapters = adapters;
        this.metrics = metrics;
        this.aiExecutor = Executors.newFixedThreadPool(4, named("ethiq-ai"));
        this.transcriptExecutor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                named("ethiq-transcripts"));
        AlertLatencyProbe probe = new AlertLatencyProbe(metrics.calls());
        this.callControl = probe.wrap(adapters.callControl());
        this.core = FraudCore.builder()
                .tenants(adapters.tenants())
                .emergencyContacts(adapters.contacts())
                .callLogs(adapters.callLogs())
                .alertOutbox(adapters.alertOutbox())
                .usageLedger(adapters.usage())
                .auditTrail(adapters.audit())
                .callControl(callControl)
                .speechTranscriber(new OffloadedTranscriber(adapters.transcriber(), transcriptExecutor))
                .scamAnalyzer(adapters.analyzer())
                .clock(adapters.clock())
                .aiExecutor(aiExecutor)
                .alertExecutor(task -> alertWorkers().wakeUpExecutor().execute(task))
                .dispatcherSettings(config.alerts().dispatcher())
                .observer(new CompositeObserver(observers(metrics, probe, extraObservers)))
                .build();
        this.alertWorkers = new AlertWorkers(core.alertDispatcher(), config.alerts().workers(), config.alerts().dispatchInterval());
        Runnable retention = adapters.retention() != null ? adapters.retention()
                : new RetentionJob(adapters.roster(), adapters.callLogs(), adapters.clock());
        this.jobs = new JobScheduler(alertWorkers, retention, config.retention().interval());
    }

    private AlertWorkers alertWorkers() {
        return alertWorkers;
    }

    /** Wires the core; nothing runs until {@link #start()}. */
    public static CoreAssembly create(AppConfig config, Adapters adapters, Metrics metrics) {
        return create(config, adapters, metrics, List.of());
    }

    /** Same, with more observers of the call path (e.g. a live dashboard feed) after the metrics. */
    public static CoreAssembly create(AppConfig config, Adapters adapters, Metrics metrics, List<CallObserver> extraObservers) {
        Objects.requireNonNull(config, "'config' must not be null");
        Objects.requireNonNull(adapters, "'adapters' must not be null");
        Objects.requireNonNull(metrics, "'metrics' must not be null");
        Objects.requireNonNull(extraObservers, "'extraObservers' must not be null");
        return new CoreAssembly(config, adapters, metrics, extraObservers);
    }

    private static List<CallObserver> observers(Metrics metrics, AlertLatencyProbe probe, List<CallObserver> extra) {
        List<CallObserver> all = new java.util.ArrayList<>(List.of(metrics.calls(), probe));
        all.addAll(extra);
        return all;
    }

    /** Starts the background jobs (alert dispatcher, retention). */
    public void start() {
        jobs.start();
    }

    public FraudCore core() {
        return core;
    }

    public Adapters adapters() {
        return adapters;
    }

    public Metrics metrics() {
        return metrics;
    }

    public JobScheduler jobs() {
        return jobs;
    }

    /** The call control the core uses (the adapter, measured). */
    public CallControl callControl() {
        return callControl;
    }

    /**
     * Graceful end: waits up to half of {@code grace} for live calls to finish, ends the others (their last results
     * are still judged and may raise alerts), lets pending transcript work finish, then delivers what is due until the
     * grace period is spent. New calls must already be refused by the host.
     */
    public void drain(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        CallSessions sessions = core.callSessions();
        long waitUntil = System.nanoTime() + grace.toNanos() / 2;
        while (sessions.liveCount() > 0 && System.nanoTime() < waitUntil) {
            sleep(50);
        }
        int live = sessions.liveCount();
        if (live > 0) {
            log.info("ending {} live call session(s) for shutdown", live);
            sessions.endAll();
        }
        transcriptExecutor.shutdown();
        awaitQuietly(transcriptExecutor, remaining(deadline) / 2);
        int delivered = jobs.drain(Duration.ofNanos(Math.max(remaining(deadline), TimeUnit.MILLISECONDS.toNanos(500))));
        if (delivered > 0) {
            log.info("delivered {} pending alert(s) before shutdown", delivered);
        }
    }

    @Override
    public void close() {
        jobs.close();
        for (ExecutorService e : List.of(transcriptExecutor, aiExecutor)) {
            e.shutdownNow();
        }
        adapters.close();
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void awaitQuietly(ExecutorService executor, long nanos) {
        try {
            executor.awaitTermination(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
