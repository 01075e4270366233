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
    private final List<FraudCue> sticky = new ArrayList<>();
    private Verdict current = Verdict.Clear.empty();

    CallDetectionSession(LanguagePack pack, RuleSet custom, DetectionThresholds thresholds) {
        this.pack = pack;
        this.custom = custom;
        this.thresholds = thresholds;
        java.util.Arrays.fill(lastFinalUtterance, -1);
    }

    @Override
    public synchronized Verdict onSegment(TranscriptSegment segment) {
        Speaker speaker = segment.speaker();
        int who = speaker.ordinal();
        long key = ((long) who << 32) | segment.utteranceIndex();
        if (segment.isFinal()) {
            Partial p = partials[who];
            if (p != null && p.utteranceIndex() <= segment.utteranceIndex()) {
                partials[who] = null;
            }
            Integer existing = turnOfUtterance.get(key);
            int turn = existing != null ? existing : turns.size();
            List<FraudCue> cues = match(segment.text(), speaker, turn);
            if (existing != null) {
                turns.set(turn, cues);
                sticky.removeIf(c -> c.turn() == turn && c.speaker() == speaker);
            } else {
                turns.add(cues);
                turnOfUtterance.put(key, turn);
            }
            for (FraudCue c : cues) {
                if (c.kind() == CueKind.IDENTITY_CLAIM) {
                    sticky.add(c);
                }
            }
            lastFinalUtterance[who] = Math.max(lastFinalUtterance[who], segment.utteranceIndex());
        } else {
            if (turnOfUtterance.containsKey(key) || segment.utteranceIndex() < lastFinalUtterance[who]) {
                return current; // a late partial of an utterance already final
            }
            Partial p = partials[who];
            if (p != null && p.utteranceIndex() > segment.utteranceIndex()) {
                return current; // older than the partial we hold
            }
            partials[who] = new Partial(segment.utteranceIndex(), match(segment.text(), speaker, turns.size()));
        }
        current = Scorer.verdict(window(), thresholds);
        return current;
    }

    private List<FraudCue> match(String text, Speaker speaker, int turn) {
        String[] tokens = pack.normalizer().tokens(text);
        List<FraudCue> out = new ArrayList<>(4);
        pack.rules().match(tokens, speaker, turn, out);
        if (custom != null) {
            custom.match(tokens, speaker, turn, out);
        }
        return out.isEmpty() ? List.of() : out;
    }

    private List<FraudCue> window() {
        List<FraudCue> out = new ArrayList<>();
        int from = Math.max(0, turns.size() - WINDOW_TURNS);
        for (FraudCue c : sticky) {
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
