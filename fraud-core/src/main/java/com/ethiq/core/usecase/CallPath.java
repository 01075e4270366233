package com.ethiq.core.usecase;

import com.ethiq.core.audio.SpeechGate;
import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerSignals;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.ScamAnalyzer;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.UsageLedger;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The collaborators every call session uses (shared, thread-safe); {@code analyzer} may be null (rules only), so may
 * {@code screening} (every caller is then a stranger); the session's store writes go through {@code writes}; a scam's
 * raise (which waits up to {@code AlertService.RECORD_WAIT} for the alerts' commit) runs on {@code raises}, off the
 * thread that judged the segment (a recogniser's or the media socket's).
 */
record CallPath(DetectionEngine engine, SpeechTranscriber transcriber, ScamAnalyzer analyzer, CallLogs callLogs,
                UsageLedger usage, AuditTrail audit, AlertService alerts, IdGenerator ids, Clock clock,
                Executor aiExecutor, AiBudget aiBudget, EscalationPolicy escalation, CallObserver observer,
                WriteBehind writes, SpeechGate.Settings speechGate, CallerScreening screening, CallerSignals signals,
                Executor raises) {
}
