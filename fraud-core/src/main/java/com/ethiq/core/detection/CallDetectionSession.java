package com.ethiq.core.detection;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Detection state of one call. Final segments become turns (their cues are matched once and kept); the latest
 * partial of each speaker is matched on arrival and replaced by the next partial or by its final. The verdict
 * is computed over a sliding window of the last {@link #WINDOW_TURNS} turns plus the live partials; identity
 * claims stay for the whole call (a caller who said "banque de France" at turn 0 is still claiming it at turn 40).
 * Thread-safe: every method is synchronized (segments of both tracks may arrive on different threads).
 */
final class CallDetectionSession implements DetectionSession {

    static final int WINDOW_TURNS = 24;

    private record Partial(int utteranceIndex, List<FraudCue> cues) {
    }

    private final LanguagePack pack;
    private final RuleSet custom;
    private final DetectionThresholds thresholds;
    private final List<List<FraudCue>> turns = new ArrayList<>();
    private final Map<Long, Integer> turnOfUtterance = new HashMap<>();
    private final Partial[] partials = new Partial[Speaker.values().length];
    private final int[] lastFinalUtterance = new int[Speaker.values().length];
    /** Identity claims that stay for the whole call: the earliest cue of each rule (bounded by the rule count). */
    private final Map<String, FraudCue> sticky = new java.util.LinkedHashMap<>();
    private Verdict current = Verdict.Clear.empty();

    CallDetectionSession(LanguagePack pack, RuleSet custom, DetectionThresholds thresholds) {
        this.pack = pack;
        this.custom = custom;
        this.thresholds = thresholds;
        java.util.Arrays.fill(lastFinalUtterance, -1);
    }

    @Override
    public synchronized Verdict onSegment(TranscriptSegment segment) {
        boolean changed = apply(segment);
        if (changed) {
            current = Scorer.verdict(pack.links().apply(window()), thresholds);
        }
        return current;
    }

    /** Updates the state; false when the cues of the window cannot have changed (no re-scoring needed). */
    private boolean apply(TranscriptSegment segment) {
        Speaker speaker = segment.speaker();
        int who = speaker.ordinal();
        long key = ((long) who << 32) | segment.utteranceIndex();
        if (segment.isFinal()) {
            Partial p = partials[who];
            if (p != null && p.utteranceIndex() <= segment.utteranceIndex()) {
                partials[who] = null;
            }
            boolean changed = p != null && !p.cues().isEmpty() && partials[who] == null;
            Integer existing = turnOfUtterance.get(key);
            int turn = existing != null ? existing : turns.size();
            List<FraudCue> cues = match(segment, turn);
            changed |= !cues.isEmpty();
            if (existing != null) {
                changed |= !turns.get(turn).isEmpty();
                turns.set(turn, cues);
                sticky.values().removeIf(c -> c.turn() == turn && c.speaker() == speaker);
            } else {
                int dropped = turns.size() - WINDOW_TURNS; // the turn leaving the window
                if (dropped >= 0 && !turns.get(dropped).isEmpty()) {
                    changed = true;
                }
                turns.add(cues);
                turnOfUtterance.put(key, turn);
            }
            for (FraudCue c : cues) {
                if (c.kind() == CueKind.IDENTITY_CLAIM) {
                    sticky.putIfAbsent(c.ruleId(), c);
                }
            }
            lastFinalUtterance[who] = Math.max(lastFinalUtterance[who], segment.utteranceIndex());
            return changed;
        }
        if (turnOfUtterance.containsKey(key) || segment.utteranceIndex() < lastFinalUtterance[who]) {
            return false; // a late partial of an utterance already final
        }
        Partial p = partials[who];
        if (p != null && p.utteranceIndex() > segment.utteranceIndex()) {
            return false; // older than the partial we hold
        }
        List<FraudCue> cues = match(segment, turns.size());
        partials[who] = new Partial(segment.utteranceIndex(), cues);
        return !cues.isEmpty() || (p != null && !p.cues().isEmpty());
    }

    /** The cues of the segment's text, plus those heard only in its alternative hypotheses (discounted). */
    private List<FraudCue> match(TranscriptSegment segment, int turn) {
        String[] tokens = pack.normalizer().tokens(segment.text());
        List<FraudCue> out = new ArrayList<>(4);
        matchTokens(tokens, segment.speaker(), turn, out);
        List<FraudCue> all = AlternativeHypotheses.merge(out, tokens, segment.alternatives(), pack.normalizer(),
                this::matchTokens, segment.speaker(), turn);
        return all.isEmpty() ? List.of() : all;
    }

    private void matchTokens(String[] tokens, Speaker speaker, int turn, List<FraudCue> out) {
        pack.rules().match(tokens, speaker, turn, out);
        if (custom != null) {
            custom.match(tokens, speaker, turn, out);
        }
    }

    private List<FraudCue> window() {
        List<FraudCue> out = new ArrayList<>();
        int from = Math.max(0, turns.size() - WINDOW_TURNS);
        for (FraudCue c : sticky.values()) {
            if (c.turn() < from) {
                out.add(c);
            }
        }
        for (int t = from; t < turns.size(); t++) {
            out.addAll(turns.get(t));
        }
        for (Partial p : partials) {
            if (p != null) {
                out.addAll(p.cues());
            }
        }
        return out;
    }

    @Override
    public synchronized Verdict current() {
        return current;
    }

    @Override
    public synchronized int turnCount() {
        return turns.size();
    }
}
