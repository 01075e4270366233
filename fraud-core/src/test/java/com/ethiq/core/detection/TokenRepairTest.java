package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recogniser splits and merges are undone around pack words and clitics, and only where no rule could match. */
class TokenRepairTest {

    private static final LanguagePack PACK = LanguagePack.parse("t.rules", """
            @language fr
            @clitic vous me le la de
            @canon faut = faux
            req.confirm request - 0.6 caller : vous ~2 confirmer
            req.read request - 0.6 caller : vous pouvez me le lire
            req.send request - 0.5 caller : envoyer de le argent
            urg.must urgency - 0.4 caller : il faut payer
            pre.susp pretext - 0.5 caller : comptes suspendus
            sec.conf secrecy - 0.6 caller : operation confidentielle|strictement confidentiel*
            """);

    private static List<FraudCue> match(String text) {
        List<FraudCue> out = new ArrayList<>();
        PACK.rules().match(PACK.normalizer().tokens(text), Speaker.CALLER, 0, out);
        return out;
    }

    private static String evidence(String text, String rule) {
        return match(text).stream().filter(c -> c.ruleId().equals(rule)).map(FraudCue::evidence).findFirst().orElse(null);
    }

    @Test
    void aWordSplitInTwoIsJoinedWhenTogetherTheyAreAPackWord() {
        assertThat(evidence("vous devez con firmer", "req.confirm")).isEqualTo("vous devez confirmer");
        assertThat(evidence("les comptes sus pendus", "pre.susp")).isEqualTo("comptes suspendus");
        // "en" is a clitic and a pack word, "voyer" is none: one of the two unknown is enough
        assertThat(evidence("il faut en voyer de l'argent", "req.send")).isEqualTo("envoyer de le argent");
    }

    @Test
    void aCliticGluedToAWordIsSplitOff() {
        assertThat(evidence("vouspouvez mele lire", "req.read")).isEqualTo("vous pouvez me le lire");
        assertThat(evidence("vous pouvez me lelire", "req.read")).isEqualTo("vous pouvez me le lire");
        assertThat(evidence("envoyerde le argent", "req.send")).isEqualTo("envoyer de le argent");
    }

    @Test
    void wordsARuleCanAlreadyMatchAreLeftAlone() {
        // "vous" and "confirmer" are both pack words: never joined into "vousconfirmer"
        assertThat(evidence("vous confirmer", "req.confirm")).isEqualTo("vous confirmer");
        // a token that is no pack word and has no clitic at either end stays as it is
        assertThat(match("bonjour madame appartement")).isEmpty();
        // short pieces are not joined ("a la" is two words)
        assertThat(match("la de")).isEmpty();
    }

    @Test
    void homophonesShareOneKeyInTheTranscriptAndInThePatterns() {
        assertThat(evidence("il faux payer", "urg.must")).isEqualTo("il faut payer");
        assertThat(evidence("il faut payer", "urg.must")).isEqualTo("il faut payer");
    }

    @Test
    void theDefaultFrenchPackHearsAMergedReadRequest() {
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        var session = engine.newSession(com.ethiq.core.domain.Language.FRENCH,
                com.ethiq.core.domain.DetectionThresholds.DEFAULT, List.of());
        var v = session.onSegment(com.ethiq.core.domain.TranscriptSegment.finalText(Speaker.CALLER, 0,
                "vous pouvez mele lire le code"));
        assertThat(v.cues()).anyMatch(c -> c.kind() == CueKind.REQUEST && c.evidence().contains("me le"));
    }

    @Test
    void aKnownWordIsNotGluedToAnUnknownNextWordThroughAPrefixItAlreadyCompletes() {
        // "confidentiel*" is complete within "confidentielle": "confidentielle" + "soumise" spells no pack word
        assertThat(evidence("une operation confidentielle soumise a la loi", "sec.conf")).isEqualTo("operation confidentielle");
        assertThat(evidence("strictement confidentielle xyzzy", "sec.conf")).isEqualTo("strictement confidentielle");
        // a prefix that needs letters of the second token still joins ("confi" + "dentiel" reaches "confidentiel*")
        assertThat(evidence("c est strictement confi dentiel", "sec.conf")).isEqualTo("strictement confidentiel");
    }
}
