package com.ethiq.core.detection;

import java.util.List;

/** What detection thinks of a call so far. Scores are in 0..1. */
public sealed interface Verdict permits Verdict.Clear, Verdict.Suspicious, Verdict.Scam {

    double score();

    ScamCategory category();

    /** The cues that support this verdict, strongest first. */
    List<FraudCue> cues();

    /** A short human explanation (which cues, which turns). */
    String explanation();

    /** "clear", "suspicious" or "scam". */
    String label();

    default boolean isScam() {
        return this instanceof Scam;
    }

    record Clear(double score, List<FraudCue> cues, String explanation) implements Verdict {
        public Clear {
            cues = List.copyOf(cues);
        }

        public static Clear empty() {
            return new Clear(0.0, List.of(), "");
        }

        @Override
        public ScamCategory category() {
            return ScamCategory.NONE;
        }

        @Override
        public String label() {
            return "clear";
        }
    }

    record Suspicious(double score, ScamCategory category, List<FraudCue> cues, String explanation) implements Verdict {
        public Suspicious {
            cues = List.copyOf(cues);
        }

        @Override
        public String label() {
            return "suspicious";
        }
    }

    record Scam(double score, ScamCategory category, List<FraudCue> cues, String explanation) implements Verdict {
        public Scam {
            cues = List.copyOf(cues);
        }

        @Override
        public String label() {
            return "scam";
        }
    }
}
