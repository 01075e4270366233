package com.ethiq.app;

import com.ethiq.app.metrics.AlertLatencyProbe;
import com.ethiq.app.metrics.CompositeObserver;
import com.ethiq.app.metrics.Metrics;
import com.ethiq.core.FraudCore;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.MediaStreamTargets;
import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.core.usecase.CallObserver;
import com.ethiq.core.usecase.CoreThreads;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The fraud core wired to its adapters and metrics, and no HTTP at all: a host (the Javalin app, a CLI, another JVM
 * service) builds one, starts it, and feeds it calls through {@link #core()}. The core owns its threads and
 * background work (alert delivery, retention); this class only sizes them from the configuration.
 * {@link #drain} ends live calls and delivers pending alerts; {@link #close} releases everything. Thread-safe.
 */
public final class CoreAssembly implements AutoCloseable {
    private final Adapters adapters;
    private final Metrics metrics;
    private final FraudCore core;
    private final CallControl callControl;

    private CoreAssembly(AppConfig config, Adapters adapters, Metrics metrics, List<CallObserver> extraObservers,
                         java.util.function.Supplier<java.net.URI> publicBaseUrl) {
        this.adapters = adapters;
        this.metrics = metrics;
        AlertLatencyProbe probe = new AlertLatencyProbe(metrics.calls());
        this.callControl = probe.wrap(adapters.callControl());
        TranscriptPurge purge = adapters.retention() != null ? adapters.retention()
                : TranscriptPurge.perTenant(adapters.roster()::all, adapters.callLogs());
        FraudCore.Builder builder = FraudCore.builder();
        adapters.familyLinks().ifPresent(links -> builder.familyLinks(links, () -> publicBaseUrl.get().toString()));
        builder
                .tenants(adapters.tenants())
                .emergencyContacts(adapters.contacts())
                .knownCallers(adapters.knownCallers().orElse(null))
                .announcementStore(adapters.announcements())
                .accountTelephony(adapters.accountTelephony())
                .callerPolicy(config.callers().policy())
                .callerReputation(adapters.callerReports().orElse(null), config.callers().fingerprints().orElse(null),
                        config.callers().reputation())
                .institutionStore(adapters.institutionDirectories().orElse(null), com.ethiq.core.caller.LiveInstitutionDirectory.DEFAULT_TTL)
                .callLogs(adapters.callLogs())
                .alertOutbox(adapters.alertOutbox())
                .alertOutcomes(adapters.alertOutcomes().orElse(null))
                .usageLedger(adapters.usage())
                .auditTrail(adapters.audit())
                .callControl(callControl)
                .speechTranscriber(adapters.transcriber())
                .scamAnalyzer(adapters.analyzer())
                .transcriptPurge(purge)
                .aiBudgetLedger(adapters.aiBudgetLedger())
                .clock(adapters.clock())
                .threads(CoreThreads.DEFAULT.withAlertWorkers(config.alerts().workers(), config.alerts().dispatchInterval())
                        .withRetentionInterval(config.retention().interval())
                        .withAlertSendThreads(config.alerts().sendThreads()))
                .dispatcherSettings(config.alerts().dispatcher())
                .speechGate(config.speech().gate())
                .observer(new CompositeObserver(observers(metrics, probe, extraObservers)));
        adapters.callLeases().ifPresent(leases -> builder.streamRecovery(leases, leaseNode(config.server().nodeId()),
                this::streamTarget, config.cluster().recovery()));
        this.core = builder.build();
        // what waits in memory for the store (0 unless it is unavailable); the count dropped is ethiq.store.writes.dropped
        metrics.registry().gauge("ethiq.store.backlog.writes", core.storeWrites(), w -> w.pending());
        metrics.registry().gauge("ethiq.store.backlog.calls", core.storeWrites(), w -> w.pendingCalls());
        if (adapters.clusterEvents() instanceof PostgresClusterEvents events) {
            // live events not sent to the other nodes (queue full, database away): dashboards there miss them
            metrics.registry().more().counter("ethiq.live.events.dropped", java.util.List.of(), events, PostgresClusterEvents::dropped);
        }
    }

    /** Where the call path mounted on this core starts a call's stream again; set by {@link CallPathRoutes}. */
    private final java.util.concurrent.atomic.AtomicReference<MediaStreamTargets> streamTargets = new java.util.concurrent.atomic.AtomicReference<>();

    /** Called once by the call path built on this core: its media URL and tokens. */
    void useStreamTargets(MediaStreamTargets targets) {
        streamTargets.set(Objects.requireNonNull(targets, "'targets' must not be null"));
    }

    private CallControl.StreamTarget streamTarget(com.ethiq.core.domain.TenantId tenant, com.ethiq.core.domain.CallSid callSid, int generation) {
        MediaStreamTargets targets = streamTargets.get();
        if (targets == null) {
            throw new IllegalStateException("no call path is mounted on this core: nowhere to stream the call again");
        }
        return targets.forCall(tenant, callSid, generation);
    }

    /**
     * The lease holder's name: the node id plus a per-process suffix, so two processes with one id (two
     * {@code ./ethiq serve} on one host, a restart) never renew each other's leases.
     */
    static String leaseNode(String nodeId) {
        String clean = nodeId.replaceAll("[^A-Za-z0-9._:-]", "-");
        clean = clean.length() > 60 ? clean.substring(0, 60) : clean;
        return (clean.isEmpty() ? "node" : clean) + "@" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }

    /** Wires the core; nothing runs until {@link #start()}. */
    public static CoreAssembly create(AppConfig config, Adapters adapters, Metrics metrics) {
        return create(config, adapters, metrics, List.of());
    }

    /** Same, with more observers of the call path (e.g. a live dashboard feed) after the metrics. */
    public static CoreAssembly create(AppConfig config, Adapters adapters, Metrics metrics, List<CallObserver> extraObservers) {
        Objects.requireNonNull(config, "'config' must not be null");
        return create(config, adapters, metrics, extraObservers, config.transport()::publicBaseUrl);
    }

    /** Same, the public base URL (of family links) read when each link is written: a local run binds its port late. */
    public static CoreAssembly create(AppConfig config, Adapters adapters, Metrics metrics, List<CallObserver> extraObservers,
                                      java.util.function.Supplier<java.net.URI> publicBaseUrl) {
        Objects.requireNonNull(config, "'config' must not be null");
        Objects.requireNonNull(adapters, "'adapters' must not be null");
        Objects.requireNonNull(metrics, "'metrics' must not be null");
        Objects.requireNonNull(extraObservers, "'extraObservers' must not be null");
        Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
        return new CoreAssembly(config, adapters, metrics, extraObservers, publicBaseUrl);
    }

    private static List<CallObserver> observers(Metrics metrics, AlertLatencyProbe probe, List<CallObserver> extra) {
        List<CallObserver> all = new java.util.ArrayList<>(List.of(metrics.calls(), probe));
        all.addAll(extra);
        return all;
    }

    /** Starts the core's background work (alert delivery, retention). */
    public void start() {
        core.start();
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

    /** The call control the core uses (the adapter, measured). */
    public CallControl callControl() {
        return callControl;
    }

    /** Graceful end ({@link FraudCore#drain}); new calls must already be refused by the host. */
    public void drain(Duration grace) {
        core.drain(grace);
    }

    @Override
    public void close() {
        core.close();
        adapters.close();
    }
}
