package com.ethiq.core.detection;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.List;

/**
 * Plays a recorded call through a fresh detection session, each turn as a final segment, and reports what the
 * live system would have done: the strongest verdict reached (alerts are sent when it is reached), the verdict
 * at the end, and the first turn after which the verdict was scam.
 */
public final class CallReplay {

    /** The outcome of one replay; {@code firstAlertTurn} is null when the call never reached the scam threshold. */
    public record Result(CallTranscript call, Verdict peak, Verdict last, Integer firstAlertTurn) {
        public boolean alerted() {
            return firstAlertTurn != null;
        }
    }

    private CallReplay() {
    }

    public static Result replay(DetectionEngine engine, CallTranscript call, DetectionThresholds thresholds) {
        DetectionSession session = engine.newSession(call.language(), thresholds, List.of());
        Verdict peak = session.current();
        Integer firstAlert = null;
        int[] utterance = new int[2];
        List<CallTranscript.Turn> turns = call.turns();
        for (int i = 0; i < turns.size(); i++) {
            CallTranscript.Turn t = turns.get(i);
            int u = utterance[t.speaker().ordinal()]++;
            Verdict v = session.onSegment(TranscriptSegment.finalText(t.speaker(), u, t.text()));
            if (rank(v) > rank(peak) || (rank(v) == rank(peak) && v.score() > peak.score())) {
                peak = v;
            }
            if (firstAlert == null && v.isScam()) {
                firstAlert = i;
            }
        }
        return new Result(call, peak, session.current(), firstAlert);
    }

    private static int rank(Verdict v) {
        return v instanceof Verdict.Scam ? 2 : v instanceof Verdict.Suspicious ? 1 : 0;
    }
}
