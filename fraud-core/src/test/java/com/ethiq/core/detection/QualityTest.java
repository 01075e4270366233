package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.DetectionThresholds;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Detection quality on the labelled sets. The shared evaluation data is optional: those tests skip when the
 * directory is absent. Bounds are deliberately looser than the measured numbers (docs/detection.md) so that
 * the dev set is a guard against regressions, not a target to overfit.
 */
@Tag("quality") // measures whole data sets; left out of the mutation run (docs/testing.md)
class QualityTest {

    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    private static QualityReport replay(List<CallTranscript> calls, String name) {
        QualityReport report = new QualityReport();
        for (CallTranscript c : calls) {
            report.add(CallReplay.replay(ENGINE, c, DetectionThresholds.DEFAULT));
        }
        System.out.println("[quality] " + name + ": " + report.summary());
        return report;
    }

    private static Path require(String relative) {
        Optional<Path> file = EvalData.evalFile(relative);
        assumeTrue(file.isPresent(), "shared eval data absent: " + relative);
        return file.get();
    }

    @Test
    void frenchDevSet() {
        QualityReport r = replay(EvalData.readJsonl(require("fr-dev/calls-fr-dev.jsonl")), "fr-dev");
        assertThat(r.labelled()).isEqualTo(80);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ownFrenchHeldOutSet() {
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/heldout-fr.jsonl"), "heldout-fr");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ownSecondFrenchSet() {
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind2-fr.jsonl"), "blind2-fr");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ownThirdFrenchSet() {
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind3-fr.jsonl"), "blind3-fr");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ownFourthFrenchSet() {
        // one known false alarm: a grandson taking remote control "as usual" and asking for the code on screen
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind4-fr.jsonl"), "blind4-fr");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.8);
        assertThat(r.falsePositives()).isLessThanOrEqualTo(1);
    }

    @Test
    void ownFifthFrenchSet() {
        // first run (before the rules were touched): recall 0.917, FPR 0.040; see docs/detection.md
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind5-fr.jsonl"), "blind5-fr");
        assertThat(r.labelled()).isEqualTo(49);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void ownSixthFrenchSet() {
        // first run (before the rules were touched): recall 0.806 (25/31), FPR 0.000; see docs/detection.md
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind6-fr.jsonl"), "blind6-fr");
        assertThat(r.labelled()).isEqualTo(62);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.93);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void ownSeventhFrenchSet() {
        // issue 19, written before reading the rules; first run: recall 1.000 (24/24), FPR 0.000 (0/16)
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind7-fr.jsonl"), "blind7-fr");
        assertThat(r.labelled()).isEqualTo(40);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.falsePositives()).isZero();
    }

    @Test
    void ownEighthFrenchSet() {
        // issue 19 round 2, written before reading the packs; first run recall 0.905 (19/21), FPR 0.125 (2/16);
        // after the cross-turn links and narrative rule: 1.000, 0.0625 (a real carrier's "vous pouvez payer en ligne")
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind8-fr.jsonl"), "blind8-fr");
        assertThat(r.labelled()).isEqualTo(37);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.falsePositives()).isLessThanOrEqualTo(1);
        // round 4: alerts at the pretext for first-name bosses, redirected payments, dated losses (was +2)
        assertThat(r.medianEarliness()).isLessThanOrEqualTo(1);
    }

    @Test
    void ownNinthFrenchSet() {
        // issue 19 round 3, written before reading the packs; first run recall 0.900 (9/10), FPR 0.167 (1/6: a
        // daughter telling her mother about a fake fine SMS); after the round's families: 1.000, 0.000
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind9-fr.jsonl"), "blind9-fr");
        assertThat(r.labelled()).isEqualTo(16);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.falsePositives()).isZero();
    }

    @Test
    void ownTenthFrenchSet() {
        // issue 19 round 4, written before reading the packs (first names and roles as identity, RIB changes without
        // pressure, safe accounts); first run recall 0.938 (15/16), FPR 0.000 (0/12), median alert 0 turns after
        // the label with 6 of 15 alerts at +2
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind10-fr.jsonl"), "blind10-fr");
        assertThat(r.labelled()).isEqualTo(28);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.93);
        assertThat(r.falsePositives()).isZero();
        assertThat(r.medianEarliness()).isLessThanOrEqualTo(1);
    }

    @Test
    void ownEleventhFrenchSet() {
        // issue 19 round 5, written before reading the packs (public bodies, renovation, CEO and supplier, a
        // grandson's new number by voice, crypto adviser, romance, customs, fake police, tech support; hard
        // negatives); first run recall 0.944 (17/18), FPR 0.000 (0/12), median alert +2 turns after the label
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind11-fr.jsonl"), "blind11-fr");
        assertThat(r.labelled()).isEqualTo(30);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.94);
        assertThat(r.falsePositives()).isZero();
        assertThat(r.medianEarliness()).isLessThanOrEqualTo(1);
    }

    @Test
    void frenchDevelopmentProbes() {
        // written AFTER reading the rules to hunt for gaps (not blind): a regression guard for the families they cover
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/dev-probes-fr.jsonl"), "dev-probes-fr");
        assertThat(r.labelled()).isEqualTo(333); // + 10 hard negatives of round 4
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.05);
    }

    @Test
    void ownSecondEnglishSet() {
        // first run: recall 0.700, FPR 0.000
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-2.jsonl"), "blind-en-2");
        assertThat(r.labelled()).isEqualTo(20);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ownThirdEnglishSet() {
        // first run: recall 0.750 (6/8), FPR 0.125 (a courier asking the gate code)
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-3.jsonl"), "blind-en-3");
        assertThat(r.labelled()).isEqualTo(16);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.875);
        assertThat(r.falsePositives()).isZero();
    }

    @Test
    void ownFourthEnglishSet() {
        // issue 19, written before reading the rules; first run: recall 0.917 (11/12), FPR 0.250 (2/8: a son
        // borrowing rent money, friends telling each other about an IRS call); after the narrative rule, the
        // family-visit legitimacy and secrets asked as questions: 1.000, 0.000
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-4.jsonl"), "blind-en-4");
        assertThat(r.labelled()).isEqualTo(20);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.falsePositives()).isLessThanOrEqualTo(1);
    }

    @Test
    void ownFifthEnglishSet() {
        // issue 19 round 3, written before reading the packs; first run recall 0.833 (15/18), FPR 0.000 (0/12);
        // after the coercion term and the round's families: 1.000, 0.000, median alert 0 turns after the label
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-5.jsonl"), "blind-en-5");
        assertThat(r.labelled()).isEqualTo(30);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.94);
        assertThat(r.falsePositives()).isZero();
        assertThat(r.medianEarliness()).isLessThanOrEqualTo(1);
    }

    @Test
    void ownSixthEnglishSet() {
        // issue 19 round 4, written before reading the packs: one-sided robocall and voicemail scripts and genuine
        // automated notifications of the same shape; first run recall 0.909 (20/22), FPR 0.125 (2/16: a real bank
        // fraud alert's "press 1 if you made this purchase", a card payment reminder)
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-6.jsonl"), "blind-en-6");
        assertThat(r.labelled()).isEqualTo(38);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.95);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.0625);
    }

    @Test
    void ownSeventhEnglishSet() {
        // issue 19 round 5, written before reading the packs (IRS, SSA, Medicare, tech support, grandparent bail,
        // toll and parcel follow-up calls, crypto recovery, romance; hard negatives); first run recall 1.000
        // (14/14), FPR 0.100 (1/10: neighbours telling each other about an IRS gift-card call)
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-7.jsonl"), "blind-en-7");
        assertThat(r.labelled()).isEqualTo(24);
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.92);
        assertThat(r.falsePositives()).isZero();
        assertThat(r.medianEarliness()).isLessThanOrEqualTo(1);
    }

    @Test
    void englishDevelopmentProbes() {
        // written after reading the rules (not blind)
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/dev-probes-en.jsonl"), "dev-probes-en");
        assertThat(r.labelled()).isEqualTo(38); // + 14 robocall-shaped genuine notifications (round 4)
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.85);
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.125);
    }

    @Test
    void ownEnglishLegitimateCalls() {
        QualityReport r = replay(EvalData.readJsonlResource("/com/ethiq/core/detection/legit-en.jsonl"), "legit-en");
        assertThat(r.falsePositiveRate()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void ftcRobocalls() {
        // round 4: call-to-action linked to bait or threat; 0.836 before, 0.939 after
        QualityReport r = replay(EvalData.robocalls(require("robocall-ftc-en/metadata.csv")), "robocall-ftc-en");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void syntheticGovernmentImpersonationDialogues() {
        QualityReport r = replay(EvalData.seDialogues(require("se-dialogues-en/government_impersonation.jsonl")), "se-dialogues-en");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void fraudR1Dialogues() {
        QualityReport r = replay(EvalData.fraudR1Dialogues(require("fraud-r1-en/FP-base-English.json")), "fraud-r1-en");
        assertThat(r.recall()).isGreaterThanOrEqualTo(0.5);
    }
}
