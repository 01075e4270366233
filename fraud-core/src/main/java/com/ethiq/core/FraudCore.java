package com.ethiq.core;

import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.UsageLedger;
import com.ethiq.core.usecase.AlertDispatcher;
import com.ethiq.core.usecase.AlertService;
import com.ethiq.core.usecase.CallObserver;
import com.ethiq.core.usecase.CallSessions;
import com.ethiq.core.usecase.CallStatusService;
import com.ethiq.core.usecase.CoreWiring;
import com.ethiq.core.usecase.EscalationPolicy;
import com.ethiq.core.usecase.IncomingCallService;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Entry point for hosts that embed the core (the Javalin app is one): give it adapters for the ports, get the use
 * cases. Plain constructors underneath; no framework. Thread-safe once built.
 */
public final class FraudCore {
    private final DetectionEngine engine;
    private final IncomingCallService incomingCalls;
    private final CallSessions callSessions;
    private final CallStatusService callStatus;
    private final AlertDispatcher alertDispatcher;

    private FraudCore(Builder b) {
        this.engine = b.engine != null ? b.engine : DetectionEngine.withDefaultPacks();
        this.incomingCalls = new IncomingCallService(b.tenants, b.callLogs, b.audit, b.ids, b.clock);
        this.alertDispatcher = new AlertDispatcher(b.alertOutbox, b.tenants, b.callControl, b.usage, b.audit, b.ids, b.clock,
                b.alertExecutor, b.dispatcherSettings);
        this.alertDispatcher.observe(b.observer);
        AlertService alerts = new AlertService(b.contacts, b.alertOutbox, b.audit, alertDispatcher, b.ids, b.clock);
        this.callSessions = CoreWiring.callSessions(engine, b.transcriber, b.analyzer, b.callLogs, b.usage, b.audit, alerts,
                b.ids, b.clock, b.aiExecutor, b.escalation, b.observer);
        this.callStatus = CoreWiring.callStatus(b.callLogs, callSessions, b.clock);
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

    public AlertDispatcher alertDispatcher() {
        return alertDispatcher;
    }

    /** Collects the adapters; every port is required except the AI analyzer (rules decide alone without it). */
    public static final class Builder {
        private Tenants tenants;
        private EmergencyContacts contacts;
        private CallLogs callLogs;
        private AlertOutbox alertOutbox;
        private UsageLedger usage;
        private AuditTrail audit;
        private CallControl callControl;
        private SpeechTranscriber transcriber;
        private ScamAnalyzer analyzer;
        private DetectionEngine engine;
        private IdGenerator ids = IdGenerator.random();
        private Clock clock = Clock.systemUTC();
        private Executor aiExecutor;
        private Executor alertExecutor;
        private EscalationPolicy escalation = EscalationPolicy.DEFAULT;
        private AlertDispatcher.Settings dispatcherSettings = AlertDispatcher.Settings.DEFAULT;
        private CallObserver observer = CallObserver.NONE;

        private Builder() {
        }

        public Builder tenants(Tenants v) { this.tenants = v; return this; }
        public Builder emergencyContacts(EmergencyContacts v) { this.contacts = v; return this; }
        public Builder callLogs(CallLogs v) { this.callLogs = v; return this; }
        public Builder alertOutbox(AlertOutbox v) { this.alertOutbox = v; return this; }
        public Builder usageLedger(UsageLedger v) { this.usage = v; return this; }
        public Builder auditTrail(AuditTrail v) { this.audit = v; return this; }
        public Builder callControl(CallControl v) { this.callControl = v; return this; }
        public Builder speechTranscriber(SpeechTranscriber v) { this.transcriber = v; return this; }
        /** Optional: without an analyzer the rules decide alone. */
        public Builder scamAnalyzer(ScamAnalyzer v) { this.analyzer = v; return this; }
        public Builder detectionEngine(DetectionEngine v) { this.engine = v; return this; }
        public Builder ids(IdGenerator v) { this.ids = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        /** Where AI requests run (blocking I/O); defaults to a small daemon pool. */
        public Builder aiExecutor(Executor v) { this.aiExecutor = v; return this; }
        /** Where immediate alert delivery passes run; defaults to a single daemon thread. */
        public Builder alertExecutor(Executor v) { this.alertExecutor = v; return this; }
        public Builder escalationPolicy(EscalationPolicy v) { this.escalation = v; return this; }
        public Builder dispatcherSettings(AlertDispatcher.Settings v) { this.dispatcherSettings = v; return this; }
        public Builder observer(CallObserver v) { this.observer = v; return this; }

        public FraudCore build() {
            Objects.requireNonNull(tenants, "'tenants' adapter is required");
            Objects.requireNonNull(contacts, "'emergencyContacts' adapter is required");
            Objects.requireNonNull(callLogs, "'callLogs' adapter is required");
            Objects.requireNonNull(alertOutbox, "'alertOutbox' adapter is required");
            Objects.requireNonNull(usage, "'usageLedger' adapter is required");
            Objects.requireNonNull(audit, "'auditTrail' adapter is required");
            Objects.requireNonNull(callControl, "'callControl' adapter is required");
            Objects.requireNonNull(transcriber, "'speechTranscriber' adapter is required");
            if (aiExecutor == null) {
                aiExecutor = CoreWiring.daemonPool("ethiq-ai", 4);
            }
            if (alertExecutor == null) {
                alertExecutor = CoreWiring.daemonPool("ethiq-alerts", 1);
            }
            return new FraudCore(this);
        }
    }
}
