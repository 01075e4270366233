package com.ethiq.core.usecase;

import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds the package-private parts of the call path for {@link com.ethiq.core.FraudCore}. Not for hosts. */
public final class CoreWiring {
    private CoreWiring() {
    }

    public static CallSessions callSessions(DetectionEngine engine, SpeechTranscriber transcriber, ScamAnalyzer analyzer,
                                            CallLogs callLogs, UsageLedger usage, AuditTrail audit, AlertService alerts,
                                            IdGenerator ids, Clock clock, Executor aiExecutor, EscalationPolicy escalation,
                                            CallObserver observer) {
        return new CallSessions(new CallPath(engine, transcriber, analyzer, callLogs, usage, audit, alerts, ids, clock,
                aiExecutor, new AiBudget(clock), escalation, observer));
    }

    public static CallStatusService callStatus(CallLogs callLogs, CallSessions sessions, Clock clock) {
        return new CallStatusService(callLogs, sessions, clock);
    }

    public static ExecutorService daemonPool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
