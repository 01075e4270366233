package com.ethiq.core.detection;

import static com.ethiq.core.detection.PackReplays.dialogue;
import static com.ethiq.core.detection.PackReplays.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import org.junit.jupiter.api.Test;

/**
 * The round-4 families of the default packs (docs/detection.md, "Round 4 of issue 19"): an English recorded call's
 * call-to-action joined to bait or to a threat, the genuine notifications that share its shape, and French alerts
 * at the pretext when the identity is a first name or a role.
 */
class CallToActionAndRedirectTest {

    /** The rule fired in the peak verdict or in the verdict at the end of the call. */
    private static boolean hasCue(CallReplay.Result r, String rule) {
        return r.peak().cues().stream().anyMatch(c -> c.ruleId().equals(rule))
                || r.last().cues().stream().anyMatch(c -> c.ruleId().equals(rule));
    }

    @Test
    void baitThenCallBackIsAnExplainedScam() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "Hi, I'm calling from your cable provider to let you know that your account is qualified for 50% off.",
                "To get the discount, kindly call us back at 844 555 0113.");
        assertThat(r.alerted()).isTrue();
        assertThat(r.firstAlertTurn()).isEqualTo(1);
        assertThat(hasCue(r, "req.cta.bait")).isTrue();
        assertThat(r.peak().explanation()).contains("req.cta.bait").contains(" ... ");
    }

    @Test
    void theKeyHeardBeforeTheThreatStillLinks() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "This message is intended for you. Press 1 for more information.",
                "Your name and social security number have come up in an investigation in our office.");
        assertThat(r.alerted()).isTrue();
        assertThat(hasCue(r, "req.cta.before_threat")).isTrue();
    }

    @Test
    void aKeyAloneOrAnOfferWithoutAKeyStaysBelowTheAlert() {
        assertThat(recorded(Language.ENGLISH, "Your prescription is ready for pickup.", "Press 1 to repeat this message.")
                .alerted()).isFalse();
        assertThat(recorded(Language.ENGLISH, "You are eligible for a free flu shot at your local store.",
                "Call your pharmacy to schedule.").alerted()).isFalse();
    }

    @Test
    void aGenuineFraudAlertsYesNoMenuIsNotACallToAction() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "This is the fraud prevention department at Chase calling about unusual activity on your card ending in 4417.",
                "Press 1 if you made a purchase of eighty two dollars at Target.",
                "Press 2 if you did not make this purchase.");
        assertThat(r.alerted()).isFalse();
        assertThat(hasCue(r, "leg.confirm_menu")).isTrue();
        assertThat(hasCue(r, "req.press")).isFalse();
    }

    @Test
    void callingBackTheNumberOnTheCardIsNotACallBackToThem() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "This is Karen from the fraud department at Chase. We noticed an unusual charge of 450 dollars.",
                "We have blocked the card. Please hang up and call the number on the back of your card.");
        assertThat(r.alerted()).isFalse();
        assertThat(hasCue(r, "req.callback")).isFalse();
    }

    @Test
    void oldBankDetailsNoLongerValidAlertAtThatTurn() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour c'est Claire du service comptabilité de votre transporteur",
                "oui bonjour",
                "nous avons changé de banque et nos anciennes coordonnées ne sont plus valables");
        assertThat(r.alerted()).isTrue();
        assertThat(r.firstAlertTurn()).isEqualTo(2);
        assertThat(hasCue(r, "req.redirect_payment")).isTrue();
    }

    @Test
    void aGenuineBankChangeAnnouncedByLetterStaysBelowTheAlert() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour c'est Marc de chez Transports Leroy",
                "bonjour",
                "on change de banque le mois prochain vous recevrez un courrier signé avec le nouveau RIB",
                "d'accord",
                "rien ne change pour la facture en cours rappelez nous au numéro habituel si vous voulez vérifier");
        assertThat(r.alerted()).isFalse();
    }

    @Test
    void savingsSaidToBeUnderAttackAlertBeforeTheSafeAccount() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour ici le service anti fraude de votre banque",
                "oui",
                "votre livret A est menacé des personnes essaient de le vider");
        assertThat(r.alerted()).isTrue();
        assertThat(hasCue(r, "urg.imminent_loss")).isTrue();
    }

    @Test
    void aRealBankReportingWhatItBlockedStaysBelowTheAlert() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour Laurent du service sécurité de votre banque",
                "bonjour",
                "nous avons bloqué votre carte suite à un paiement suspect",
                "ah merci",
                "vous recevrez une nouvelle carte par courrier nous ne vous demanderons jamais vos codes");
        assertThat(r.alerted()).isFalse();
    }
}
