package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DetectionSessionTest {

    private static final DetectionEngine ENGINE = DetectionEngine.withDefaultPacks();

    private static DetectionSession fr() {
        return ENGINE.newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
    }

    private static TranscriptSegment caller(int u, String text) {
        return TranscriptSegment.finalText(Speaker.CALLER, u, text);
    }

    private static TranscriptSegment callee(int u, String text) {
        return TranscriptSegment.finalText(Speaker.CALLEE, u, text);
    }

    @Test
    void identityPlusRequestIsAScamWithCategoryAndExplanation() {
        DetectionSession s = fr();
        assertThat(s.onSegment(caller(0, "bonjour je suis du service anti-fraude de la Société Générale"))).isInstanceOf(Verdict.Clear.class);
        s.onSegment(callee(0, "ah bon"));
        Verdict v = s.onSegment(caller(1, "vous allez recevoir un code par sms vous me le lisez tout de suite"));
        assertThat(v).isInstanceOf(Verdict.Scam.class);
        assertThat(v.category()).isEqualTo(ScamCategory.FAKE_BANK_ADVISER);
        assertThat(v.score()).isBetween(0.7, 1.0);
        assertThat(v.explanation()).contains("identity claim").contains("request").contains("turn 2");
        assertThat(v.cues()).extracting(FraudCue::kind).contains(CueKind.IDENTITY_CLAIM, CueKind.REQUEST);
        assertThat(s.turnCount()).isEqualTo(3);
    }

    @Test
    void repeatedCuesOfOneKindCountLessThanCombinedKinds() {
        DetectionSession requestsOnly = fr();
        requestsOnly.onSegment(caller(0, "lisez-moi le code reçu par sms"));
        requestsOnly.onSegment(caller(1, "dictez-moi les six chiffres"));
        Verdict onlyRequests = requestsOnly.onSegment(caller(2, "donnez-moi le code de validation"));

        DetectionSession combined = fr();
        combined.onSegment(caller(0, "ici le service sécurité de votre banque des opérations suspectes ont eu lieu"));
        Verdict both = combined.onSegment(caller(1, "lisez-moi le code reçu par sms"));
        assertThat(onlyRequests.isScam()).isFalse();
        assertThat(both.isScam()).isTrue();
        assertThat(both.score()).isGreaterThan(onlyRequests.score());
    }

    @Test
    void theCalleeQuotingAdviceIsNotARequest() {
        DetectionSession s = fr();
        s.onSegment(caller(0, "bonjour madame c'est votre conseillère du Crédit Agricole"));
        Verdict v = s.onSegment(callee(0, "ma banque m'a dit de ne jamais donner mon code ni de lire les sms à personne"));
        assertThat(v.cues()).extracting(FraudCue::kind).doesNotContain(CueKind.REQUEST);
        assertThat(v.isScam()).isFalse();
    }

    @Test
    void aNegatedRequestIsALegitimacyCue() {
        DetectionSession s = fr();
        s.onSegment(caller(0, "bonjour service sécurité des cartes de la Banque Populaire un paiement inhabituel a été bloqué"));
        Verdict v = s.onSegment(caller(1, "je ne vais vous demander aucun code rappelez le numéro au dos de votre carte"));
        assertThat(v.cues()).extracting(FraudCue::kind).contains(CueKind.LEGITIMACY).doesNotContain(CueKind.REQUEST);
        assertThat(v).isInstanceOf(Verdict.Clear.class);
    }

    @Test
    void aCalleeReadingACodeAfterARequestIsAScam() {
        DetectionSession s = fr();
        s.onSegment(caller(0, "lisez-moi les chiffres que vous venez de recevoir"));
        Verdict v = s.onSegment(callee(0, "alors quatre huit deux neuf un sept"));
        assertThat(v.isScam()).isTrue();
        assertThat(v.cues()).extracting(FraudCue::kind).contains(CueKind.DISCLOSURE);
    }

    @Test
    void partialsAreReplacedByTheNextPartialAndByTheFinal() {
        DetectionSession s = fr();
        s.onSegment(caller(0, "service anti-fraude de votre banque"));
        Verdict partial = s.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 1, "installez anydesk et donnez-moi le code"));
        assertThat(partial.isScam()).isTrue();
        assertThat(s.turnCount()).isEqualTo(1); // partials are not turns
        Verdict revised = s.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 1, "installez l'application de la banque"));
        assertThat(revised.isScam()).isFalse();
        Verdict fin = s.onSegment(caller(1, "vous pouvez passer à l'agence quand vous voulez"));
        assertThat(fin.cues()).extracting(FraudCue::ruleId).doesNotContain("req.remote.app");
        assertThat(s.turnCount()).isEqualTo(2);
        // a late partial of an utterance already final changes nothing
        Verdict late = s.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 1, "installez anydesk"));
        assertThat(late).isEqualTo(fin);
    }

    @Test
    void partialsOfBothSpeakersCoexist() {
        DetectionSession s = fr();
        s.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 0, "ici le service fraude de la banque lisez-moi le code"));
        Verdict v = s.onSegment(TranscriptSegment.partialText(Speaker.CALLEE, 0, "alors c'est 4 8 2 9"));
        assertThat(v.cues()).extracting(FraudCue::speaker).contains(Speaker.CALLER, Speaker.CALLEE);
        assertThat(s.turnCount()).isZero();
    }

    @Test
    void aRepeatedFinalReplacesItsTurn() {
        DetectionSession s = fr();
        s.onSegment(caller(0, "installez anydesk"));
        s.onSegment(caller(0, "bonjour madame"));
        assertThat(s.turnCount()).isEqualTo(1);
        assertThat(s.current().cues()).isEmpty();
    }

    @Test
    void customPhrasesAddTenantCues() {
        List<CustomPhrase> phrases = List.of(
                new CustomPhrase("cabinet Dupont et associés", "identity_claim", "investment", 0.6),
                new CustomPhrase("prime de fidélité exceptionnelle", "pretext", "investment", 0.5));
        DetectionSession s = ENGINE.newSession(Language.FRENCH, DetectionThresholds.DEFAULT, phrases);
        Verdict v = s.onSegment(caller(0, "ici le cabinet Dupont et euh associés pour votre prime de fidélité exceptionelle"));
        assertThat(v.cues()).extracting(FraudCue::ruleId).contains("custom.1", "custom.2");
        assertThat(v.cues()).filteredOn(c -> c.ruleId().equals("custom.1")).first()
                .extracting(FraudCue::kind).isEqualTo(CueKind.IDENTITY_CLAIM);
    }

    @Test
    void badCustomPhrasesAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> ENGINE.newSession(Language.FRENCH, DetectionThresholds.DEFAULT,
                List.of(new CustomPhrase("bonjour", "shouting", "other", 0.5))))
                .isInstanceOf(InvalidRulePackException.class).hasMessageContaining("custom phrase 1").hasMessageContaining("shouting");
        assertThatThrownBy(() -> ENGINE.newSession(Language.FRENCH, DetectionThresholds.DEFAULT,
                List.of(new CustomPhrase("... !!", "request", "other", 0.5))))
                .hasMessageContaining("no words");
    }

    @Test
    void thresholdsAreTheTenants() {
        DetectionSession strict = ENGINE.newSession(Language.FRENCH, new DetectionThresholds(0.1, 0.2), List.of());
        Verdict v = strict.onSegment(caller(0, "lisez-moi le code reçu par sms"));
        assertThat(v.isScam()).isTrue();
    }

    @Test
    void englishSessionsUseTheEnglishPack() {
        DetectionSession s = ENGINE.newSession(Language.ENGLISH, DetectionThresholds.DEFAULT, List.of());
        s.onSegment(caller(0, "This is officer Brown from the Social Security Administration, your social security number has been suspended."));
        Verdict v = s.onSegment(caller(1, "To avoid arrest you must buy Google Play gift cards today and read me the numbers on the back."));
        assertThat(v.isScam()).isTrue();
        assertThat(v.category()).isEqualTo(ScamCategory.GOVERNMENT_IMPERSONATION);
    }

    @Test
    void aVeryLongSegmentIsHandled() {
        StringBuilder sb = new StringBuilder("ici le service fraude de votre banque ");
        for (int i = 0; i < 20_000; i++) {
            sb.append("et puis alors vous savez ");
        }
        sb.append("lisez-moi le code reçu par sms");
        Verdict v = fr().onSegment(caller(0, sb.toString()));
        assertThat(v.isScam()).isTrue();
    }

    @Test
    void verdictsAreDeterministic() {
        List<TranscriptSegment> call = List.of(
                caller(0, "bonjour ici le capitaine Mercier de la police judiciaire"),
                callee(0, "oh mon dieu"),
                caller(1, "un collègue va passer récupérer vos bijoux et n'en parlez à personne"),
                callee(1, "d'accord"));
        Verdict first = null;
        for (int i = 0; i < 5; i++) {
            DetectionSession s = fr();
            Verdict v = null;
            for (TranscriptSegment seg : call) {
                v = s.onSegment(seg);
            }
            if (first == null) {
                first = v;
            }
            assertThat(v).isEqualTo(first);
        }
        assertThat(first.isScam()).isTrue();
    }

    @Test
    void twoThreadsCanFeedOneSession() throws Exception {
        DetectionSession s = fr();
        int perThread = 300;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Speaker who : Speaker.values()) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String text = who == Speaker.CALLER
                                ? "service fraude de la banque lisez-moi le code numéro " + i
                                : "alors c'est 4 8 2 9 " + i;
                        s.onSegment(TranscriptSegment.partialText(who, i, text));
                        s.onSegment(TranscriptSegment.finalText(who, i, text));
                        s.current();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(s.turnCount()).isEqualTo(2 * perThread);
        assertThat(s.current().isScam()).isTrue();
    }
}
