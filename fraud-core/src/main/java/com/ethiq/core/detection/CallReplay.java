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
        return replay(engine, call, thresholds, null);
    }

    /**
     * Plays the call as a recogniser would deliver it under {@code noise}: each turn's interim results, then its
     * final, all noisy (null: the clean finals only). An alert raised on an interim result counts: the live system
     * sends it. The result carries the noisy call.
     */
    public static Result replay(DetectionEngine engine, CallTranscript call, DetectionThresholds thresholds,
                                RecogniserNoise noise) {
        DetectionSession session = engine.newSession(call.language(), thresholds, List.of());
        Verdict peak = session.current();
        Integer firstAlert = null;
        int[] utterance = new int[2];
        List<CallTranscript.Turn> turns = call.turns();
        List<CallTranscript.Turn> heard = new java.util.ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            CallTranscript.Turn t = turns.get(i);
            int u = utterance[t.speaker().ordinal()]++;
            String text = t.text();
            if (noise != null) {
                RecogniserNoise.Utterance said = noise.utterance(text);
                for (String partial : said.partials()) {
                    Verdict v = session.onSegment(TranscriptSegment.partialText(t.speaker(), u, partial));
                    if (rank(v) > rank(peak) || (rank(v) == rank(peak) && v.score() > peak.score())) {
                        peak = v;
                    }
                    if (firstAlert == null && v.isScam()) {
                        firstAlert = i;
                    }
                }
                text = said.finalText();
            }
            heard.add(new CallTranscript.Turn(t.speaker(), text));
            Verdict v = session.onSegment(TranscriptSegment.finalText(t.speaker(), u, text));
            if (rank(v) > rank(peak) || (rank(v) == rank(peak) && v.score() > peak.score())) {
                peak = v;
            }
            if (firstAlert == null && v.isScam()) {
                firstAlert = i;
            }
        }
        CallTranscript played = noise == null ? call : new CallTranscript(call.id(), call.language(), call.label(),
                call.category(), call.firstFraudTurn(), heard);
        return new Result(played, peak, session.current(), firstAlert);
    }

    private static int rank(Verdict v) {
        return v instanceof Verdict.Scam ? 2 : v instanceof Verdict.Suspicious ? 1 : 0;
    }
}
