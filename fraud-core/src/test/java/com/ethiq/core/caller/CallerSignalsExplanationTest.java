package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.CueKind;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Speaker;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every caller signal is a named cue in the verdict's explanation, like the phrase rules: reputation, claim, attestation. */
class CallerSignalsExplanationTest {
    private static final String STRANGER = "+33756781299";
    private static final String WORDS = "bonjour je suis du service anti fraude du crédit agricole";
    private final CallerSignals signals = CallerSignals.defaults();

    private static Verdict claimHeard() {
        return new Verdict.Suspicious(0.45, ScamCategory.FAKE_BANK_ADVISER, List.of(new FraudCue(CueKind.IDENTITY_CLAIM,
                ScamCategory.FAKE_BANK_ADVISER, "id.bank", "service anti fraude", 0, Speaker.CALLER, 0.45)), "identity claim (turn 0)");
    }

    private CallerSignals.Judged judge(Attestation attestation, Reputation reputation) {
        CallerContext caller = new CallerContext(CallerScreening.parse(STRANGER), CallerTrust.STRANGER, attestation, reputation);
        return signals.apply(claimHeard(), caller, WORDS, DetectionThresholds.DEFAULT);
    }

    @Test
    void reputationClaimMismatchAndAFailedVerificationAreEachANamedCueOfTheExplanation() {
        CallerSignals.Judged judged = judge(Attestation.FAILED, new Reputation(4, Set.of(ScamCategory.FAKE_BANK_ADVISER)));

        assertThat(judged.cues()).extracting(CallerCue::id)
                .containsExactly("caller.reported", "caller.attestation_failed", "claim.mismatch");
        assertThat(judged.verdict().explanation())
                .startsWith("identity claim (turn 0) | caller: ")
                .contains("number reported as a scam by 4 accounts (fake_bank_adviser)")
                .contains("caller-ID verification failed")
                .contains("claims to be Crédit Agricole; the number is not one of Crédit Agricole's");
        assertThat(judged.verdict().score()).isGreaterThan(claimHeard().score());
    }

    @Test
    void aPassedOrMissingSignatureIsExplainedWithoutRaisingTheScore() {
        for (Attestation passed : List.of(Attestation.PASSED_A, Attestation.PASSED_B, Attestation.NOT_VERIFIED)) {
            CallerCue cue = judge(passed, Reputation.NONE).cues().stream().filter(c -> c.id().equals("caller.attestation"))
                    .findFirst().orElseThrow();
            assertThat(cue.weight()).isZero();
            assertThat(judge(passed, Reputation.NONE).verdict().explanation()).contains("caller-ID verification: " + passed.words());
        }
        assertThat(judge(Attestation.ABSENT, Reputation.NONE).cues()).extracting(CallerCue::id).containsExactly("claim.mismatch");
        assertThat(judge(Attestation.PASSED_A, Reputation.NONE).verdict().score())
                .isEqualTo(judge(Attestation.ABSENT, Reputation.NONE).verdict().score());
    }
}
