package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Precision, recall, false-positive rate and earliness of replayed labelled calls. A call counts as flagged when
 * it reached the scam verdict at some turn (that is when the live system alerts). Earliness is
 * {@code first_alert_turn - first_fraud_turn} over the scam calls that were flagged and carry a first fraud turn:
 * negative means before the careful human, positive after. Not thread-safe.
 */
public final class QualityReport {

    private int truePositives;
    private int falsePositives;
    private int trueNegatives;
    private int falseNegatives;
    private final List<Integer> earliness = new ArrayList<>();

    /** Adds a replayed call; unlabelled calls are ignored. */
    public void add(CallReplay.Result result) {
        CallTranscript call = result.call();
        if (!call.isLabelled()) {
            return;
        }
        boolean flagged = result.alerted();
        if (call.isScam()) {
            if (flagged) {
                truePositives++;
                if (call.firstFraudTurn() != null) {
                    earliness.add(result.firstAlertTurn() - call.firstFraudTurn());
                }
            } else {
                falseNegatives++;
            }
        } else if (flagged) {
            falsePositives++;
        } else {
            trueNegatives++;
        }
    }

    public int labelled() {
        return truePositives + falsePositives + trueNegatives + falseNegatives;
    }

    public int truePositives() {
        return truePositives;
    }

    public int falsePositives() {
        return falsePositives;
    }

    public int trueNegatives() {
        return trueNegatives;
    }

    public int falseNegatives() {
        return falseNegatives;
    }

    /** NaN when nothing was flagged. */
    public double precision() {
        int flagged = truePositives + falsePositives;
        return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
    }

    /** NaN when there are no scam calls. */
    public double recall() {
        int scams = truePositives + falseNegatives;
        return scams == 0 ? Double.NaN : (double) truePositives / scams;
    }

    /** NaN when there are no legitimate calls. */
    public double falsePositiveRate() {
        int legit = falsePositives + trueNegatives;
        return legit == 0 ? Double.NaN : (double) falsePositives / legit;
    }

    /** Median of first_alert_turn - first_fraud_turn over flagged scams; NaN when none. */
    public double medianEarliness() {
        if (earliness.isEmpty()) {
            return Double.NaN;
        }
        List<Integer> sorted = new ArrayList<>(earliness);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "calls=%d scam=%d legit=%d tp=%d fp=%d tn=%d fn=%d precision=%s recall=%s fpr=%s median_earliness=%s",
                labelled(), truePositives + falseNegatives, falsePositives + trueNegatives, truePositives,
                falsePositives, trueNegatives, falseNegatives, fmt(precision()), fmt(recall()),
                fmt(falsePositiveRate()), fmt(medianEarliness()));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }
}
