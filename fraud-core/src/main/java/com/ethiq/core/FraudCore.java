package com.ethiq.core;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.caller.CallerFingerprints;
import com.ethiq.core.caller.CallerPolicy;
import com.ethiq.core.caller.CallerReputation;
import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerSignals;
import com.ethiq.core.caller.ClaimCheck;
import com.ethiq.core.caller.InstitutionDirectory;
import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.core.concurrent.Scheduler;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.family.FamilyResponse;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.FamilyLinkStore;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLeases;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.MediaStreamTargets;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.KnownCallers;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.core.port.UsageLedger;
import com.ethiq.core.usecase.AlertDispatcher;
import com.ethiq.core.usecase.Announcements;
import com.ethiq.core.usecase.ContactNotices;
import com.ethiq.core.port.AccountTelephony;
import com.ethiq.core.port.AnnouncementStore;
import com.ethiq.core.usecase.AlertService;
import com.ethiq.core.usecase.AlertWorkers;
import com.ethiq.core.usecase.CallObserver;
import com.ethiq.core.usecase.CallSessions;
import com.ethiq.core.usecase.CallStatusService;
import com.ethiq.core.usecase.ComposedAlertOutcomes;
import com.ethiq.core.usecase.SmsDeliveryReports;
import com.ethiq.core.usecase.CoreThreads;
import com.ethiq.core.usecase.EscalationPolicy;
import com.ethiq.core.usecase.IncomingCallService;
import com.ethiq.core.usecase.PhoneOfflineNotice;
import com.ethiq.core.usecase.ReportedCallerNotice;
import com.ethiq.core.usecase.RingOutcomes;
import com.ethiq.core.usecase.RingPolicy;
import com.ethiq.core.usecase.RingProtectedPerson;
import com.ethiq.core.usecase.StreamRecovery;
import com.ethiq.core.usecase.TranscriptRetention;
import com.ethiq.core.usecase.WriteBehind;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point for hosts that embed the core (the Javalin app is one): give it adapters for the ports, get the
 * use cases. The core owns its threads (AI requests, transcript hand-off, ringing the protected person in, alert
 * delivery, retention; sized by {@link CoreThreads}); the host only calls {@link #start}, {@link #drain} and
 * {@link #close}. Plain constructors underneath; no framework. Thread-safe once built.
 */
public final class FraudCore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FraudCore.class);

    private final DetectionEngine engine;
    private final IncomingCallService incomingCalls;
    private final CallSessions callSessions;
    private final CallStatusService callStatus;
    private final RingOutcomes ringOutcomes;
    private final SmsDeliveryReports smsDelivery;
    private final AlertDispatcher alertDispatcher;
    private final Announcements announcements;
    private final AlertWorkers alertWorkers;
    private final WriteBehind writes;
    private final TranscriptRetention retention;
    private final FamilyResponse family;
    private final Duration retentionInterval;
    private final ExecutorService transcriptPool;
    /** Pools the core built (and shuts down); executors given by the host are the host's. */
    private final List<ExecutorService> owned;
    private final ScheduledExecutorService jobs;
    /** Leases of this node's calls and the sweep for other nodes' lapsed ones; null without a lease store. */
    private final StreamRecovery recovery;
    private final ScheduledExecutorService leaseJobs;
    private final ExecutorService recoveryPool;
    private final AtomicBoolean started = new AtomicBoolean();

    private FraudCore(Builder b) {
        CoreThreads threads = b.threads;
        List<ExecutorService> pools = new ArrayList<>();
        this.engine = b.engine != null ? b.engine : DetectionEngine.withDefaultPacks();
        Executor ai = b.aiExecutor != null ? b.aiExecutor
                : own(pools, Executors.newFixedThreadPool(threads.aiThreads(), DaemonThreads.named("ethiq-ai")));
        // Segments are judged on the thread that delivers them (TranscriptHandOff): these threads only run a scam's
        // raise, which waits for the alerts' commit (CallSession.raiseOnce); created as raises come (a few a minute).
        this.transcriptPool = b.transcriptExecutor != null ? null
                : own(pools, Executors.newFixedThreadPool(threads.transcriptThreads(), DaemonThreads.named("ethiq-transcripts")));
        Executor transcripts = b.transcriptExecutor != null ? b.transcriptExecutor : transcriptPool;
        ScheduledExecutorService callControlPool = b.callControlScheduler != null ? null
                : own(pools, Executors.newScheduledThreadPool(threads.callControlThreads(), DaemonThreads.named("ethiq-call-control")));
        Scheduler ringScheduler = b.callControlScheduler != null ? b.callControlScheduler : Scheduler.of(callControlPool);

        // Store writes of the call path: behind detection, ordered per call, kept and retried through an outage.
        Executor storeExecutor = b.storeExecutor != null ? b.storeExecutor
                : own(pools, Executors.newFixedThreadPool(threads.storeThreads(), DaemonThreads.named("ethiq-store")));
        Scheduler storeRetries = b.storeRetryScheduler != null ? b.storeRetryScheduler
                : Scheduler.of(own(pools, Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("ethiq-store-retry"))));
        // A scam's alerts do not wait behind other calls' transcript lines for a store thread: two of their own.
        Executor alertWrites = b.storeExecutor != null ? b.storeExecutor : own(pools, warm(2, "ethiq-store-alerts"));
        this.writes = new WriteBehind(storeExecutor, alertWrites, storeRetries, b.writeBehind);
        this.writes.observe(b.observer);

        // Alert delivery: immediate passes run on the workers' wake-up executor (which also wakes every worker) unless
        // the host gave one. The workers need the dispatcher and the dispatcher their executor: tied here, once.
        AlertWorkers[] workers = new AlertWorkers[1];
        Executor wakeUp = b.alertExecutor != null ? b.alertExecutor : task -> workers[0].wakeUpExecutor().execute(task);
        // A raised scam's sends (recorded first, or from memory when the store is down) on threads of their own, SMS
        // apart from announcements, outcomes marked apart; all on the host's alert executor if it gave one (tests).
        AlertDispatcher.Sends sends = b.alertExecutor != null ? new AlertDispatcher.Sends(wakeUp, wakeUp, wakeUp)
                : new AlertDispatcher.Sends(
                        own(pools, warm(threads.alertSendThreads(), "ethiq-alert-sms")),
                        own(pools, warm(threads.alertSendThreads(), "ethiq-alert-announce")),
                        own(pools, warm(2, "ethiq-alert-outcomes")));
        AlertOutcomes outcomes = b.alertOutcomes != null ? b.alertOutcomes
                : new ComposedAlertOutcomes(b.alertOutbox, b.usage, b.audit);
        this.alertDispatcher = new AlertDispatcher(b.alertOutbox, outcomes, b.tenants, b.callControl, b.ids, b.clock,
                wakeUp, sends, b.dispatcherSettings);
        this.alertDispatcher.observe(b.observer);
        if (b.announcementStore != null) {
            this.announcements = new Announcements(b.announcementStore,
                    b.accountTelephony != null ? b.accountTelephony : NO_PREFERENCES, b.callControl, b.clock);
            this.announcements.observe(b.observer);
            this.alertDispatcher.announceThrough(announcements);
        } else {
            this.announcements = null;
        }
        this.alertWorkers = new AlertWorkers(alertDispatcher, threads.alertWorkers(), threads.alertInterval());
        workers[0] = alertWorkers;

        PhoneOfflineNotice offline = new PhoneOfflineNotice(b.callLogs, b.contacts, b.alertOutbox, alertDispatcher, b.audit,
                b.ids, b.clock);
        this.ringOutcomes = new RingOutcomes(b.callLogs, b.tenants, b.callControl, offline, b.audit, b.ids, b.clock,
                ringScheduler, b.ringPolicy);
        RingProtectedPerson ring = new RingProtectedPerson(b.callControl, b.audit, b.ids, b.clock, ringScheduler, b.ringPolicy,
                b.observer, ringOutcomes);
        CallerReputation reputation = b.callerReports == null || b.fingerprints == null ? null
                : new CallerReputation(b.callerReports, b.fingerprints, b.reputationSettings, b.clock);
        CallerScreening screening = new CallerScreening(b.contacts, b.knownCallers, reputation);
        // the operator-published directory when the host has a store for it (every node re-reads it within the TTL)
        ClaimCheck claimCheck = b.institutionStore == null ? new ClaimCheck(b.institutions)
                : new ClaimCheck(new com.ethiq.core.caller.LiveInstitutionDirectory(b.institutionStore, b.institutions,
                        b.institutionTtl, b.clock));
        CallerSignals signals = new CallerSignals(b.callerPolicy, claimCheck);
        ReportedCallerNotice reportedNotice = new ReportedCallerNotice(b.contacts, b.alertOutbox, alertDispatcher, b.audit,
                b.ids, b.clock);
        this.incomingCalls = new IncomingCallService(b.tenants, b.callLogs, b.audit, b.ids, b.clock, ring, writes, screening,
                reportedNotice);
        AlertService alerts = new AlertService(b.contacts, b.alertOutbox, b.audit, outcomes, alertDispatcher, writes,
                storeExecutor, b.ids, b.clock);
        alerts.observe(b.observer);
        // The family response: a link in every alert SMS, the actions of that link (only with a link store).
        this.family = b.familyLinks == null ? null : new FamilyResponse(b.familyLinks, b.tenants, b.callLogs, b.contacts,
                b.alertOutbox, b.callControl, announcements, new ContactNotices(b.alertOutbox, alertDispatcher, b.ids), b.audit,
                b.knownCallers, b.callerReports, b.ids, b.clock, b.publicBaseUrl);
        if (family != null) {
            alerts.composeSmsWith(family);
            family.observe(b.observer);
        }
        this.callSessions = new CallSessions(engine, b.transcriber, transcripts, b.analyzer, b.callLogs, b.usage, b.audit, alerts,
                b.ids, b.clock, ai, b.escalation, b.observer, writes, b.speechGate, screening, signals,
                b.aiBudgetLedger != null ? b.aiBudgetLedger : com.ethiq.core.port.AiBudgetLedger.perNode());
        if (announcements != null) {
            // a warning everyone hears comes back on the callee track: the call's session must not transcribe it
            announcements.onSpokenToEveryone((tenant, call, text) -> callSessions.find(call)
                    .filter(s -> s.tenant().id().equals(tenant)).ifPresent(s -> s.announcedToEveryone(text)));
        }
        this.callStatus = new CallStatusService(b.callLogs, callSessions, b.clock, ringOutcomes, writes);
        this.smsDelivery = new SmsDeliveryReports(b.contacts, b.alertOutbox, b.audit, alertDispatcher, b.ids, b.clock);
        this.retention = new TranscriptRetention(b.transcriptPurge, b.clock);
        this.retentionInterval = threads.retentionInterval();
        this.jobs = Executors.newSingleThreadScheduledExecutor(DaemonThreads.single("ethiq-jobs"));
        pools.add(jobs);
        if (b.callLeases != null && b.streamTargets != null) {
            this.recoveryPool = own(pools, Executors.newFixedThreadPool(b.recoverySettings.parallelism(),
                    DaemonThreads.named("ethiq-recovery")));
            this.recovery = new StreamRecovery(b.node, b.callLeases, b.callLogs, b.callControl, b.streamTargets, b.usage,
                    b.audit, b.ids, b.clock, writes, callSessions, recoveryPool, b.recoverySettings);
            callSessions.listen(recovery);
            // two threads: a slow sweep never delays this node's own heartbeat
            this.leaseJobs = own(pools, Executors.newScheduledThreadPool(2, DaemonThreads.named("ethiq-leases")));
        } else {
            this.recovery = null;
            this.leaseJobs = null;
            this.recoveryPool = null;
        }
        this.owned = List.copyOf(pools);
    }

    /** A fixed pool with its threads started now: the first scam of a node does not pay for creating them. */
    private static ExecutorService warm(int threads, String name) {
        java.util.concurrent.ThreadPoolExecutor pool = (java.util.concurrent.ThreadPoolExecutor)
                Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
        pool.prestartAllCoreThreads();
        return pool;
    }

    private static <E extends ExecutorService> E own(List<ExecutorService> pools, E pool) {
        pools.add(pool);
        return pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    public DetectionEngine detectionEngine() {
        return engine;
    }

    public IncomingCallService incomingCalls() {
        return incomingCalls;
    }

    public CallSessions callSessions() {
        return callSessions;
    }

    public CallStatusService callStatus() {
        return callStatus;
    }

    /** The protected person's leg as the provider reports it: answered, not answered, busy, unreachable, cancelled. */
    public RingOutcomes ringOutcomes() {
        return ringOutcomes;
    }

    /** Delivery reports of alert SMS (an undelivered alert fails and the next contact is alerted). */
    public SmsDeliveryReports smsDelivery() {
        return smsDelivery;
    }

    /** Spoken warnings by reference; empty when the host gave no {@link AnnouncementStore} (words then go in the URL). */
    public java.util.Optional<Announcements> announcements() {
        return java.util.Optional.ofNullable(announcements);
    }

    /** No account preferences stored anywhere: everyone gets the defaults. */
    private static final AccountTelephony NO_PREFERENCES = new AccountTelephony() {
        @Override
        public java.util.Optional<com.ethiq.core.domain.TelephonyPreferences> find(com.ethiq.core.domain.TenantId tenant) {
            return java.util.Optional.empty();
        }

        @Override
        public void save(com.ethiq.core.domain.TenantId tenant, com.ethiq.core.domain.TelephonyPreferences preferences) {
            throw new UnsupportedOperationException("no account telephony store configured");
        }
    };

    public AlertDispatcher alertDispatcher() {
        return alertDispatcher;
    }

    /** The call path's writes kept behind detection: its state says whether the store is down and what waits for it. */
    public WriteBehind storeWrites() {
        return writes;
    }

    public TranscriptRetention retention() {
        return retention;
    }

    /** The family response (links in alert SMS, the actions relatives and members take); empty without a link store. */
    public java.util.Optional<FamilyResponse> family() {
        return java.util.Optional.ofNullable(family);
    }

    /** Leases of this node's calls and the recovery of dead nodes' calls; empty when no lease store was given. */
    public java.util.Optional<StreamRecovery> streamRecovery() {
        return java.util.Optional.ofNullable(recovery);
    }

    /** Starts the background work: alert delivery loops and the periodic retention pass. Idempotent. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        alertWorkers.start();
        long every = retentionInterval.toMillis();
        jobs.scheduleWithFixedDelay(this::retentionPass, every, every, TimeUnit.MILLISECONDS);
        if (recovery != null) {
            long beat = recovery.settings().heartbeat().toMillis();
            leaseJobs.scheduleAtFixedRate(() -> leaseJob(recovery::heartbeat), beat, beat, TimeUnit.MILLISECONDS);
            leaseJobs.scheduleWithFixedDelay(() -> leaseJob(recovery::sweep), beat, beat, TimeUnit.MILLISECONDS);
        }
    }

    private void leaseJob(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("lease job failed; next tick retries: {}", e.toString());
        }
    }

    private void retentionPass() {
        try {
            retention.purgeExpired();
        } catch (RuntimeException e) {
            log.warn("retention pass failed; next tick retries: {}", e.toString());
        }
    }

    /**
     * Graceful end: waits up to half of {@code grace} for live calls to finish, ends the others (their last results
     * are still judged and may raise alerts), lets pending transcript work finish, then delivers what is due until the
     * grace period is spent (at least half a second). New calls must already be refused by the host. Returns how many
     * alerts the final delivery handled.
     */
    public int drain(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        long waitUntil = System.nanoTime() + grace.toNanos() / 2;
        while (callSessions.liveCount() > 0 && System.nanoTime() < waitUntil) {
            sleep(50);
        }
        if (leaseJobs != null) {
            leaseJobs.shutdown(); // no more sweeps: this node is leaving, it takes over nothing
        }
        int live = callSessions.liveCount();
        if (live > 0) {
            log.info("ending {} live call session(s) for shutdown", live);
            callSessions.endAll();
        }
        if (recoveryPool != null) {
            // the ended calls' leases are released before the pools stop, so no survivor sweeps calls that are over
            recoveryPool.shutdown();
            awaitQuietly(recoveryPool, Math.min(remaining(deadline) / 2, TimeUnit.SECONDS.toNanos(2)));
        }
        if (transcriptPool != null) {
            transcriptPool.shutdown();
            awaitQuietly(transcriptPool, remaining(deadline) / 2);
        }
        if (!writes.awaitEmpty(Duration.ofNanos(remaining(deadline) / 2))) {
            log.warn("shutting down with {} store write(s) of {} call(s) not written (store unavailable)",
                    writes.pending(), writes.pendingCalls());
        }
        int delivered = alertWorkers.drain(Duration.ofNanos(Math.max(remaining(deadline), TimeUnit.MILLISECONDS.toNanos(500))));
        if (delivered > 0) {
            log.info("delivered {} pending alert(s) before shutdown", delivered);
        }
        return delivered;
    }

    /** Stops every thread the core owns, without waiting for work in flight. Idempotent. */
    @Override
    public void close() {
        alertWorkers.close();
        for (ExecutorService pool : owned) {
            pool.shutdownNow();
        }
        awaitQuietly(jobs, TimeUnit.SECONDS.toNanos(5));
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

    /** Collects the adapters; every port is required except the AI analyzer (rules decide alone without it). */
    public static final class Builder {
        private Tenants tenants;
        private EmergencyContacts contacts;
        private KnownCallers knownCallers;
        private CallerReports callerReports;
        private CallerFingerprints fingerprints;
        private CallerReputation.Settings reputationSettings = CallerReputation.Settings.DEFAULT;
        private CallerPolicy callerPolicy = CallerPolicy.DEFAULT;
        private InstitutionDirectory institutions = InstitutionDirectory.bundled();
        private com.ethiq.core.port.InstitutionDirectories institutionStore;
        private java.time.Duration institutionTtl = com.ethiq.core.caller.LiveInstitutionDirectory.DEFAULT_TTL;
        private CallLogs callLogs;
        private AlertOutbox alertOutbox;
        private AlertOutcomes alertOutcomes;
        private UsageLedger usage;
        private AuditTrail audit;
        private CallControl callControl;
        private SpeechTranscriber transcriber;
        private ScamAnalyzer analyzer;
        private TranscriptPurge transcriptPurge = TranscriptPurge.NONE;
        private com.ethiq.core.port.AiBudgetLedger aiBudgetLedger;
        private DetectionEngine engine;
        private IdGenerator ids = IdGenerator.random();
        private Clock clock = Clock.systemUTC();
        private CoreThreads threads = CoreThreads.DEFAULT;
        private Executor aiExecutor;
        private Executor alertExecutor;
        private Executor transcriptExecutor;
        private Scheduler callControlScheduler;
        private Executor storeExecutor;
        private Scheduler storeRetryScheduler;
        private WriteBehind.Settings writeBehind = WriteBehind.Settings.DEFAULT;
        private EscalationPolicy escalation = EscalationPolicy.DEFAULT;
        private SpeechGate.Settings speechGate = SpeechGate.Settings.DEFAULT;
        private AnnouncementStore announcementStore;
        private AccountTelephony accountTelephony;
        private AlertDispatcher.Settings dispatcherSettings = AlertDispatcher.Settings.DEFAULT;
        private RingPolicy ringPolicy = RingPolicy.DEFAULT;
        private CallObserver observer = CallObserver.NONE;
        private FamilyLinkStore familyLinks;
        private java.util.function.Supplier<String> publicBaseUrl;

        private Builder() {
        }

        public Builder tenants(Tenants v) { this.tenants = v; return this; }
        public Builder emergencyContacts(EmergencyContacts v) { this.contacts = v; return this; }
        public Builder callLogs(CallLogs v) { this.callLogs = v; return this; }
        public Builder alertOutbox(AlertOutbox v) { this.alertOutbox = v; return this; }
        public Builder usageLedger(UsageLedger v) { this.usage = v; return this; }
        public Builder auditTrail(AuditTrail v) { this.audit = v; return this; }
        /**
         * Optional: a send's outcome (mark, usage, audit) as one unit of work of the store (the durable adapter's:
         * one transaction, batched). Without it the core writes the three ports one after the other
         * ({@link ComposedAlertOutcomes}), which suits stores without transactions.
         */
        public Builder alertOutcomes(AlertOutcomes v) { this.alertOutcomes = v; return this; }
        public Builder callControl(CallControl v) { this.callControl = v; return this; }
        public Builder speechTranscriber(SpeechTranscriber v) { this.transcriber = v; return this; }
        /** Optional: without an analyzer the rules decide alone. */
        public Builder scamAnalyzer(ScamAnalyzer v) { this.analyzer = v; return this; }
        /** Optional: how expired transcripts are removed; without it the retention pass removes nothing. */
        public Builder transcriptPurge(TranscriptPurge v) { this.transcriptPurge = Objects.requireNonNull(v, "'transcriptPurge' must not be null"); return this; }
        public Builder detectionEngine(DetectionEngine v) { this.engine = v; return this; }
        public Builder ids(IdGenerator v) { this.ids = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        /** Sizes and periods of the threads the core builds and owns. */
        public Builder threads(CoreThreads v) { this.threads = Objects.requireNonNull(v, "'threads' must not be null"); return this; }
        /** Replaces the core's AI pool (tests: {@code Runnable::run}); the host then owns it. */
        public Builder aiExecutor(Executor v) { this.aiExecutor = v; return this; }
        /** Replaces where immediate alert delivery passes run (tests: {@code Runnable::run}); the host then owns it. */
        public Builder alertExecutor(Executor v) { this.alertExecutor = v; return this; }
        /**
         * Replaces the pool a scam's raise runs on, off the thread that judged it (tests: {@code Runnable::run}).
         * Transcript segments themselves are judged on the thread that delivers them, in order per stream.
         */
        public Builder transcriptExecutor(Executor v) { this.transcriptExecutor = v; return this; }
        /** Replaces where attempts to ring the protected person in are scheduled (tests: a hand-driven scheduler). */
        public Builder callControlScheduler(Scheduler v) { this.callControlScheduler = v; return this; }
        /** Replaces the pool the call path's store writes run on (tests: {@code Runnable::run}); order per call is kept. */
        public Builder storeExecutor(Executor v) { this.storeExecutor = v; return this; }
        /** Replaces where refused store writes are scheduled again (tests: a hand-driven scheduler). */
        public Builder storeRetryScheduler(Scheduler v) { this.storeRetryScheduler = v; return this; }
        /** Bounds of the in-memory backlog of writes kept while the store is unavailable, and its retry delays. */
        public Builder writeBehind(WriteBehind.Settings v) { this.writeBehind = Objects.requireNonNull(v, "'writeBehind' must not be null"); return this; }
        public Builder escalationPolicy(EscalationPolicy v) { this.escalation = v; return this; }
        /** Per-track voice-activity gate before the recogniser (default on; {@code SpeechGate.Settings.OFF} sends everything). */
        public Builder speechGate(SpeechGate.Settings v) { this.speechGate = Objects.requireNonNull(v, "'speechGate' must not be null"); return this; }
        public Builder dispatcherSettings(AlertDispatcher.Settings v) { this.dispatcherSettings = v; return this; }
        /** Retries when ringing the protected person in. */
        public Builder ringPolicy(RingPolicy v) { this.ringPolicy = Objects.requireNonNull(v, "'ringPolicy' must not be null"); return this; }
        public Builder observer(CallObserver v) { this.observer = v; return this; }
        /** Optional: where the tenants' daily AI budgets are counted; without it each node counts alone. */
        public Builder aiBudgetLedger(com.ethiq.core.port.AiBudgetLedger v) { this.aiBudgetLedger = v; return this; }
        /** Stores spoken warnings so they are fetched by reference (any node can serve them). */
        public Builder announcementStore(AnnouncementStore v) { this.announcementStore = v; return this; }
        /** Each account's telephony preferences (who hears warnings, SMS sender). */
        public Builder accountTelephony(AccountTelephony v) { this.accountTelephony = v; return this; }
        /** Optional: the accounts' trusted and blocked callers; without it only emergency contacts are trusted. */
        public Builder knownCallers(KnownCallers v) { this.knownCallers = v; return this; }
        /**
         * Optional: the shared caller reputation (reports as keyed fingerprints); on only with both the store and the
         * platform key's {@link CallerFingerprints}.
         */
        public Builder callerReputation(CallerReports reports, CallerFingerprints fingerprints, CallerReputation.Settings settings) {
            this.callerReports = reports;
            this.fingerprints = fingerprints;
            this.reputationSettings = Objects.requireNonNull(settings, "'settings' must not be null");
            return this;
        }
        /** How much each caller signal weighs (trusted raise, priors, claim check weights). */
        public Builder callerPolicy(CallerPolicy v) { this.callerPolicy = Objects.requireNonNull(v, "'callerPolicy' must not be null"); return this; }
        /** The directory the claim check compares callers with; the bundled one by default. */
        public Builder institutions(InstitutionDirectory v) { this.institutions = Objects.requireNonNull(v, "'institutions' must not be null"); return this; }

        /**
         * Optional: family links in alert SMS ({@code {publicBaseUrl}/f/{token}}) and the actions they allow; without it
         * the alert SMS is plain text. Needs an {@link #announcementStore}: the "end" action's notice is spoken by
         * reference, like a warning.
         */
        public Builder familyLinks(FamilyLinkStore store, String publicBaseUrl) {
            Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
            return familyLinks(store, () -> publicBaseUrl);
        }

        /** As above, the base URL read when each link is written (a local run learns its port after start). */
        public Builder familyLinks(FamilyLinkStore store, java.util.function.Supplier<String> publicBaseUrl) {
            this.familyLinks = Objects.requireNonNull(store, "'store' must not be null");
            this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
            return this;
        }

        /**
         * Calls outlive their node: {@code leases} shared by every node, this node's id, and where a call's stream is
         * started again ({@link MediaStreamTargets}). Without them a dead node's calls are neither streamed again nor closed.
         */
        public Builder streamRecovery(CallLeases leases, String node, MediaStreamTargets targets, StreamRecovery.Settings settings) {
            this.callLeases = Objects.requireNonNull(leases, "'leases' must not be null");
            this.node = CallLeases.requireNode(node);
            this.streamTargets = Objects.requireNonNull(targets, "'targets' must not be null");
            this.recoverySettings = Objects.requireNonNull(settings, "'settings' must not be null");
            return this;
        }

        private CallLeases callLeases;
        private String node;
        private MediaStreamTargets streamTargets;
        private StreamRecovery.Settings recoverySettings = StreamRecovery.Settings.DEFAULT;

        /**
         * Optional (null: the {@link #institutions} directory only): operators publish the directory in this store;
         * {@link #institutions} is then the seed used until a version is published, and each node re-reads the store at
         * most every {@code ttl}.
         */
        public Builder institutionStore(com.ethiq.core.port.InstitutionDirectories v, java.time.Duration ttl) {
            this.institutionStore = v;
            this.institutionTtl = Objects.requireNonNull(ttl, "'ttl' must not be null");
            return this;
        }

        public FraudCore build() {
            Objects.requireNonNull(tenants, "'tenants' adapter is required");
            Objects.requireNonNull(contacts, "'emergencyContacts' adapter is required");
            Objects.requireNonNull(callLogs, "'callLogs' adapter is required");
            Objects.requireNonNull(alertOutbox, "'alertOutbox' adapter is required");
            Objects.requireNonNull(usage, "'usageLedger' adapter is required");
            Objects.requireNonNull(audit, "'auditTrail' adapter is required");
            Objects.requireNonNull(callControl, "'callControl' adapter is required");
            Objects.requireNonNull(transcriber, "'speechTranscriber' adapter is required");
            if (familyLinks != null && announcementStore == null) {
                throw new IllegalStateException("'familyLinks' needs an 'announcementStore': the end notice is spoken by reference");
            }
            return new FraudCore(this);
        }
    }
}
