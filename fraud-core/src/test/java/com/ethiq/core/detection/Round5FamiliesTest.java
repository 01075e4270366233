package com.ethiq.core.detection;

import static com.ethiq.core.detection.PackReplays.dialogue;
import static com.ethiq.core.detection.PackReplays.recorded;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The round-5 families of the default packs (docs/detection.md, "Round 5 of issue 19"): an English key that must be
 * confirmed by what follows it, narratives told in three parts, a device that "reports" to the caller, and French
 * public bodies threatening to suspend rights unless something is paid or settled.
 */
class Round5FamiliesTest {

    private static boolean hasCue(Verdict v, String rule) {
        return v.cues().stream().anyMatch(c -> c.ruleId().equals(rule));
    }

    private static boolean hasCue(CallReplay.Result r, String rule) {
        return hasCue(r.peak(), rule) || hasCue(r.last(), rule);
    }

    @Test
    void aLivePartialEndingOnTheKeyDoesNotAlertBeforeTheMenuIsHeard() {
        DetectionSession s = PackReplays.ENGINE.newSession(Language.ENGLISH, DetectionThresholds.DEFAULT, List.of());
        s.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 0,
                "This is the fraud prevention department at Chase calling about unusual activity on your debit card."));
        Verdict partial = s.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 1, "press 1"));
        assertThat(partial).isNotInstanceOf(Verdict.Scam.class);
        assertThat(hasCue(partial, "req.press")).isFalse();
        assertThat(hasCue(partial, "req.key.bare")).isTrue();
        Verdict menu = s.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 1, "Press 1 if you made this purchase."));
        assertThat(menu).isNotInstanceOf(Verdict.Scam.class);
        assertThat(hasCue(menu, "leg.confirm_menu")).isTrue();
    }

    @Test
    void aKeyConfirmedByWhatFollowsOrPrecedesItIsACallToAction() {
        assertThat(hasCue(recorded(Language.ENGLISH, "Press 1 now to speak with an officer."), "req.press")).isTrue();
        assertThat(hasCue(recorded(Language.ENGLISH, "If you want more information about this case, press 1."), "req.press"))
                .isTrue();
        assertThat(hasCue(recorded(Language.ENGLISH, "Press 1."), "req.press")).isFalse();
    }

    @Test
    void aBareKeyAfterAnOfferToBePutThroughLinks() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "This is Amazon customer support. Your account has been locked for a security reason.",
                "For more support, speak to our Amazon support team.",
                "Press 1.");
        assertThat(hasCue(r, "req.cta.connect")).isTrue();
        assertThat(r.alerted()).isTrue();
    }

    @Test
    void aNeighboursStoryAboutAnIrsCallIsNotTheAsk() {
        CallReplay.Result r = dialogue(Language.ENGLISH,
                "Hey Bob, you won't believe the call I got yesterday.",
                "What happened?",
                "A guy said he was from the IRS and that I'd be arrested unless I paid in gift cards. He wanted me to read him the numbers on the back.",
                "Did you?",
                "No way, I hung up and reported it.");
        assertThat(r.alerted()).isFalse();
        assertThat(hasCue(r, "leg.narrative_claimed")).isTrue();
        assertThat(hasCue(r, "leg.narrative_asked_me")).isTrue();
        assertThat(hasCue(r, "req.giftcard.read")).isFalse();
    }

    @Test
    void theDirectAskToReadTheGiftCardNumbersIsStillARequest() {
        CallReplay.Result r = recorded(Language.ENGLISH,
                "This is officer Brooks with the IRS. There is a warrant for your arrest.",
                "Buy gift cards at Walmart and read me the numbers on the back.");
        assertThat(hasCue(r, "req.giftcard.read")).isTrue();
        assertThat(r.alerted()).isTrue();
    }

    @Test
    void aComputerSaidToReportToTheCallerIsTechSupportFraud() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour monsieur ici le service client",
                "oui",
                "votre ordinateur nous envoie des messages d'erreur depuis hier",
                "ah bon",
                "je vais prendre la main à distance pour le réparer");
        assertThat(hasCue(r, "pre.support.device_reports")).isTrue();
        assertThat(r.alerted()).isTrue();
        CallReplay.Result en = recorded(Language.ENGLISH,
                "We have been receiving error alerts from your computer.", "Let me connect to your computer to fix it.");
        assertThat(hasCue(en, "pre.device.reports")).isTrue();
        assertThat(en.alerted()).isTrue();
    }

    @Test
    void aPublicBodyThreateningToSuspendRightsUnlessSettledAlertsAtTheThreat() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour je suis du service des prestations de la caisse d'allocations familiales",
                "oui",
                "on a constaté un trop-perçu sur votre allocation et si ce n'est pas régularisé aujourd'hui vos droits seront suspendus dès le mois prochain");
        assertThat(hasCue(r, "urg.otherwise_loss")).isTrue();
        assertThat(hasCue(r, "urg.loss_deadline")).isTrue();
        assertThat(r.alerted()).isTrue();
        assertThat(r.firstAlertTurn()).isEqualTo(2);
    }

    @Test
    void aDepositAlreadyPaidIsLegitimacy() {
        CallReplay.Result r = dialogue(Language.FRENCH,
                "bonjour c'est l'entreprise d'isolation pour vos travaux",
                "oui",
                "l'acompte vous l'avez déjà réglé par chèque, le solde sera à la fin du chantier");
        assertThat(hasCue(r, "leg.paid_already")).isTrue();
        assertThat(r.alerted()).isFalse();
    }
}
