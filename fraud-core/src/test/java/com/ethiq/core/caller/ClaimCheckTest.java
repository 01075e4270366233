package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.CueKind;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Speaker;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClaimCheckTest {
    private static final InstitutionDirectory DIRECTORY = InstitutionDirectory.bundled();
    private static final ClaimCheck CHECK = new ClaimCheck(DIRECTORY);
    private static final PhoneNumber STRANGER = PhoneNumber.of("+33756781234");

    private static Verdict claiming(ScamCategory category) {
        FraudCue cue = new FraudCue(CueKind.IDENTITY_CLAIM, category, "id.test", "...", 0, Speaker.CALLER, 0.4);
        return new Verdict.Suspicious(0.4, category, List.of(cue), "score 0.40: identity claim");
    }

    private static CallerContext from(PhoneNumber number, Attestation attestation) {
        return new CallerContext(Optional.ofNullable(number), CallerTrust.STRANGER, attestation, Reputation.NONE);
    }

    /** How a caller would name it: the institution's first alias in a sentence. */
    private static String words(Institution i) {
        return "bonjour madame je suis monsieur Morel de " + i.aliases().get(0) + " je vous appelle au sujet de votre dossier";
    }

    static Stream<Arguments> everyInstitutionWithAndWithoutAttestation() {
        return DIRECTORY.institutions().stream().flatMap(i -> Stream.of(Attestation.ABSENT, Attestation.NOT_VERIFIED,
                Attestation.PASSED_A, Attestation.FAILED).map(a -> Arguments.of(i.id(), a)));
    }

    @ParameterizedTest(name = "{0} from a stranger, attestation {1}")
    @MethodSource("everyInstitutionWithAndWithoutAttestation")
    void aClaimFromAStrangersNumberIsAMismatchThatNamesTheInstitution(String id, Attestation attestation) {
        Institution institution = DIRECTORY.find(id).orElseThrow();
        ScamCategory claimed = institution.claims().iterator().next();

        ClaimFinding finding = CHECK.check(claiming(claimed), words(institution), from(STRANGER, attestation)).orElseThrow();

        assertThat(finding.institution()).isEqualTo(institution);
        assertThat(finding.match()).isFalse();
        CallerCue cue = finding.cue(CallerPolicy.DEFAULT);
        assertThat(cue.explanation()).startsWith("claims to be " + institution.name() + "; ")
                .contains("the number is not one of " + institution.name() + "'s");
        assertThat(cue.weight()).isGreaterThan(0);
        assertThat(finding.advice()).isEqualTo(institution.advice()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} from its own number, attestation {1}")
    @MethodSource("everyInstitutionWithAndWithoutAttestation")
    void aClaimFromOneOfTheInstitutionsNumbersMatchesUnlessTheVerificationFailed(String id, Attestation attestation) {
        Institution institution = DIRECTORY.find(id).orElseThrow();
        if (institution.numbers().isEmpty()) {
            return; // nothing to match: covered by the mismatch test and by directoryHasNumbersForTheInstitutionsThatCall
        }
        PhoneNumber own = institution.numbers().iterator().next();

        ClaimFinding finding = CHECK.check(claiming(institution.claims().iterator().next()), words(institution),
                from(own, attestation)).orElseThrow();

        assertThat(finding.match()).isTrue();
        CallerCue cue = finding.cue(CallerPolicy.DEFAULT);
        assertThat(cue.explanation()).contains("the number is one of " + institution.name() + "'s");
        if (attestation == Attestation.FAILED) {
            assertThat(cue.id()).isEqualTo("claim.spoofed");
            assertThat(cue.weight()).isEqualTo(CallerPolicy.DEFAULT.spoofedWeight());
            assertThat(finding.advice()).isNotBlank();
        } else {
            assertThat(cue.id()).isEqualTo("claim.match");
            assertThat(cue.weight()).isZero();
            assertThat(finding.advice()).isEmpty();
        }
    }

    @Test
    void directoryHasNumbersForTheInstitutionsThatCallAndNoneForThoseThatNeverDo() {
        assertThat(DIRECTORY.version()).isNotBlank();
        assertThat(DIRECTORY.institutions()).extracting(Institution::id).contains("credit_agricole", "bnp_paribas",
                "societe_generale", "la_banque_postale", "assurance_maladie", "caf", "dgfip", "la_poste", "edf", "engie",
                "microsoft", "apple", "police");
        assertThat(DIRECTORY.institutions().stream().filter(i -> !i.numbers().isEmpty())).hasSizeGreaterThanOrEqualTo(5);
        assertThat(DIRECTORY.find("microsoft").orElseThrow().unsolicited()).isFalse();
        assertThat(DIRECTORY.find("microsoft").orElseThrow().numbers()).isEmpty();
        assertThat(DIRECTORY.institutions()).allSatisfy(i -> assertThat(i.neverAsks()).isNotEmpty());
    }

    @Test
    void theExplanationNamesTheInstitutionAndTheMismatch() {
        Institution ca = DIRECTORY.find("credit_agricole").orElseThrow();
        ClaimFinding finding = CHECK.check(claiming(ScamCategory.FAKE_BANK_ADVISER),
                "allô je suis du service anti-fraude du Crédit Agricole", from(STRANGER, Attestation.ABSENT)).orElseThrow();

        assertThat(finding.cue(CallerPolicy.DEFAULT).explanation())
                .isEqualTo("claims to be Crédit Agricole; the number is not one of Crédit Agricole's");
        assertThat(finding.institution()).isEqualTo(ca);
    }

    @Test
    void anInstitutionThatNeverCallsIsAStrongerCueAndAHiddenNumberIsSaidSo() {
        ClaimFinding microsoft = CHECK.check(claiming(ScamCategory.FAKE_TECH_SUPPORT),
                "ici le support technique de Microsoft votre ordinateur est infecté", from(null, Attestation.ABSENT)).orElseThrow();

        CallerCue cue = microsoft.cue(CallerPolicy.DEFAULT);
        assertThat(cue.id()).isEqualTo("claim.never_calls");
        assertThat(cue.explanation()).contains("the number is hidden").contains("Microsoft never calls unprompted");
        assertThat(cue.weight()).isGreaterThan(CallerPolicy.DEFAULT.mismatchWeight());
    }

    @Test
    void noIdentityClaimOrNoNamedInstitutionOrAnotherKindOfClaimMeansNoFinding() {
        Verdict noClaim = new Verdict.Suspicious(0.4, ScamCategory.FAKE_BANK_ADVISER, List.of(new FraudCue(CueKind.URGENCY,
                ScamCategory.FAKE_BANK_ADVISER, "u", "vite", 0, Speaker.CALLER, 0.4)), "");
        CallerContext caller = from(STRANGER, Attestation.ABSENT);

        assertThat(CHECK.check(noClaim, "le crédit agricole", caller)).isEmpty();
        assertThat(CHECK.check(claiming(ScamCategory.FAKE_BANK_ADVISER), "ici le service fraude de votre banque", caller)).isEmpty();
        // A fake policeman mentioning the victim's bank claims to be the police, not the bank.
        assertThat(CHECK.check(claiming(ScamCategory.FAKE_POLICE), "la police judiciaire enquête sur votre conseiller du crédit agricole",
                caller)).map(f -> f.institution().id()).contains("police");
        assertThat(CHECK.check(Verdict.Clear.empty(), "bonjour c'est EDF", caller)).isEmpty();
    }

    @Test
    void theMismatchRaisesTheScoreThroughTheCallerSignals() {
        CallerSignals signals = CallerSignals.defaults();
        Verdict rules = claiming(ScamCategory.FAKE_BANK_ADVISER);

        CallerSignals.Judged judged = signals.apply(rules, from(STRANGER, Attestation.ABSENT),
                "je suis du service fraude du crédit agricole", DetectionThresholds.DEFAULT);

        assertThat(judged.verdict().score()).isEqualTo(0.52); // 1 - 0.6 * 0.8
        assertThat(judged.verdict().explanation()).contains("caller: claims to be Crédit Agricole");
        assertThat(judged.advice()).contains("au dos de votre carte");
    }
}
