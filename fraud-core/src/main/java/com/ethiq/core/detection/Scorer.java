package com.ethiq.core.detection;

import com.ethiq.core.domain.DetectionThresholds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the cues of a window of turns into a verdict. A scam call is a combination: someone claims an identity
 * or a pretext, asks for something (a code, the card, a transfer, remote access...), and applies pressure. The
 * score therefore rewards co-occurring kinds far more than repetitions of one kind: each kind's strength is a
 * noisy-OR of its distinct rules, and the score is a noisy-OR of products of kinds. Legitimacy cues damp the parts
 * of the score that do not rest on an actual request. Stateless and thread-safe.
 */
final class Scorer {

    private static final double KIND_CAP = 0.97;
    private static final int EXPLAINED_CUES = 6;

    private Scorer() {
    }

    /** Cue strengths per kind, after keeping the strongest occurrence of each rule. */
    static Verdict verdict(List<FraudCue> window, DetectionThresholds thresholds) {
        if (window.isEmpty()) {
            return Verdict.Clear.empty();
        }
        List<FraudCue> cues = strongestPerRule(window);
        Map<CueKind, Double> strength = new EnumMap<>(CueKind.class);
        for (CueKind k : CueKind.values()) {
            double miss = 1;
            for (FraudCue c : cues) {
                if (c.kind() == k) {
                    miss *= 1 - c.weight();
                }
            }
            strength.put(k, Math.min(KIND_CAP, 1 - miss));
        }
        double score = combine(strength, Math.min(KIND_CAP, 1 - legitMiss(cues, true)), coercion(cues));
        ScamCategory category = category(cues);
        String explanation = explain(cues, score);
        if (score >= thresholds.scam()) {
            return new Verdict.Scam(round(score), category == ScamCategory.NONE ? ScamCategory.OTHER : category, cues, explanation);
        }
        if (score >= thresholds.suspicious()) {
            return new Verdict.Suspicious(round(score), category == ScamCategory.NONE ? ScamCategory.OTHER : category, cues,
                    explanation);
        }
        return new Verdict.Clear(round(score), cues, explanation);
    }

    /**
     * Narrative legitimacy (rule ids {@value #NARRATIVE}...: someone telling a story about a scam, "someone called me
     * saying they were from the IRS") says the requests heard are reported, not made: it damps them as much as the
     * rest. Other legitimacy ("I will never ask for your code") damps requests less: a scammer says it too. A
     * caller who introduced themself before the story ("c'est la gendarmerie ... des faux policiers rôdent") is not
     * telling a story about someone else: only a narrative no later than the first identity claim counts.
     */
    static final String NARRATIVE = "leg.narrative";

    private static double legitMiss(List<FraudCue> cues, boolean narrativeOnly) {
        int firstIdentity = Integer.MAX_VALUE;
        for (FraudCue c : cues) {
            if (c.kind() == CueKind.IDENTITY_CLAIM) {
                firstIdentity = Math.min(firstIdentity, c.turn());
            }
        }
        double miss = 1;
        for (FraudCue c : cues) {
            if (c.kind() == CueKind.LEGITIMACY
                    && (!narrativeOnly || (c.ruleId().startsWith(NARRATIVE) && c.turn() <= firstIdentity))) {
                miss *= 1 - c.weight();
            }
        }
        return miss;
    }

    /**
     * Weight from which an urgency or secrecy cue is coercion rather than ordinary hurry: a threat (arrest,
     * seizure, cut-off) or isolation (don't tell anyone, keep it between us). "Today", "stay on the line" are weaker.
     */
    static final double COERCION_MIN_WEIGHT = 0.55;
    static final double COERCION_FACTOR = 1.6;
    /** Factor of the identity × pretext × pressure term (see {@link #combine}). */
    static final double CLAIM_STORY_PRESSURE = 5;

    /** Noisy-OR of the strong pressure cues (one per rule). */
    static double coercion(List<FraudCue> cues) {
        double miss = 1;
        for (FraudCue c : cues) {
            if ((c.kind() == CueKind.URGENCY || c.kind() == CueKind.SECRECY) && c.weight() >= COERCION_MIN_WEIGHT) {
                miss *= 1 - c.weight();
            }
        }
        return Math.min(KIND_CAP, 1 - miss);
    }

    static double combine(Map<CueKind, Double> s) {
        return combine(s, 0, 0);
    }

    static double combine(Map<CueKind, Double> s, double narrative) {
        return combine(s, narrative, 0);
    }

    /**
     * @param narrative strength of the scam narratives told before any identity claim (damps requests fully)
     * @param coercion  strength of the threats and isolation cues alone ({@link #coercion})
     */
    static double combine(Map<CueKind, Double> s, double narrative, double coercion) {
        double id = s.get(CueKind.IDENTITY_CLAIM);
        double pre = s.get(CueKind.PRETEXT);
        double urg = s.get(CueKind.URGENCY);
        double sec = s.get(CueKind.SECRECY);
        double req = s.get(CueKind.REQUEST);
        double dis = s.get(CueKind.DISCLOSURE);
        double legit = s.get(CueKind.LEGITIMACY);

        double context = 1 - (1 - id) * (1 - 0.9 * pre);
        double pressure = 1 - (1 - urg) * (1 - sec);
        double soft = 1 - 0.8 * legit;
        double hard = 1 - Math.max(0.45 * legit, 0.8 * narrative);

        double miss = 1;
        miss *= 1 - hard * Math.min(0.95, 1.6 * context * req);        // who or why + what they want
        miss *= 1 - hard * Math.min(0.95, 1.2 * req * pressure);       // what they want + pressure
        miss *= 1 - hard * 0.5 * req;                                   // a request alone: suspicious at most
        miss *= 1 - soft * 0.55 * context * pressure;                   // no request yet: suspicious at most
        // a claimed identity or story + a threat or isolation: "warrant for your arrest", "don't tell mum and dad";
        // alerts before the request, which such calls always bring next. Legitimacy damps it fully (a warning
        // about such calls, a narrative).
        miss *= 1 - soft * (1 - 0.8 * narrative) * Math.min(0.9, COERCION_FACTOR * context * coercion);
        miss *= 1 - soft * 0.35 * id * pre;
        // who + why + pressure together, still without a request: "MaPrimeRénov' ... 12 000 euros ... avant vendredi";
        // needs all three (a real bank's fraud team says who and why, rarely hurries), damped by legitimacy
        miss *= 1 - soft * Math.min(0.9, CLAIM_STORY_PRESSURE * id * pre * pressure);
        miss *= 1 - soft * 0.25 * context;
        miss *= 1 - soft * 0.2 * pressure;
        miss *= 1 - dis * (0.4 * soft + 0.6 * hard * Math.max(req, 0.5 * context)); // a code read out
        return Math.max(0, Math.min(1, 1 - miss));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** One cue per rule (the strongest, then the earliest), strongest first. */
    static List<FraudCue> strongestPerRule(List<FraudCue> window) {
        Map<String, FraudCue> best = new LinkedHashMap<>();
        for (FraudCue c : window) {
            FraudCue prev = best.get(c.ruleId());
            if (prev == null || c.weight() > prev.weight() || (c.weight() == prev.weight() && c.turn() < prev.turn())) {
                best.put(c.ruleId(), c);
            }
        }
        List<FraudCue> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(FraudCue::weight).reversed()
                .thenComparingInt(FraudCue::turn)
                .thenComparing(FraudCue::ruleId));
        return out;
    }

    private static ScamCategory category(List<FraudCue> cues) {
        Map<ScamCategory, Double> votes = new EnumMap<>(ScamCategory.class);
        for (FraudCue c : cues) {
            if (c.category() == ScamCategory.NONE || c.category() == ScamCategory.OTHER) {
                continue;
            }
            double factor = switch (c.kind()) {
                case IDENTITY_CLAIM -> 1.5;
                case PRETEXT -> 1.0;
                case REQUEST -> 0.8;
                case URGENCY, SECRECY -> 0.3;
                default -> 0.0;
            };
            if (factor > 0) {
                votes.merge(c.category(), factor * c.weight(), Double::sum);
            }
        }
        ScamCategory best = ScamCategory.NONE;
        double bestVote = 0;
        for (Map.Entry<ScamCategory, Double> e : votes.entrySet()) {
            if (e.getValue() > bestVote + 1e-9) {
                best = e.getKey();
                bestVote = e.getValue();
            }
        }
        return best;
    }

    /** "identity claim", "request"...: each kind's wire name with spaces, computed once. */
    private static final String[] KIND_LABEL = java.util.Arrays.stream(CueKind.values())
            .map(k -> k.wire().replace('_', ' ')).toArray(String[]::new);

    private static String explain(List<FraudCue> cues, double score) {
        StringBuilder sb = new StringBuilder();
        long hundredths = Math.round(score * 100);
        sb.append("score ").append(hundredths / 100).append('.').append(hundredths % 100 < 10 ? "0" : "")
                .append(hundredths % 100).append(": ");
        int n = 0;
        for (FraudCue c : cues) {
            if (n == EXPLAINED_CUES) {
                sb.append("; +").append(cues.size() - n).append(" more");
                break;
            }
            if (n > 0) {
                sb.append("; ");
            }
            sb.append(KIND_LABEL[c.kind().ordinal()])
                    .append(" '").append(c.evidence()).append("' (turn ").append(c.turn())
                    .append(", ").append(c.speaker().wire()).append(", ").append(c.ruleId()).append(')');
            n++;
        }
        return sb.toString();
    }
}
