package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pattern programs at their boundaries: gap lengths, code shapes, edit tolerance, exact words, evidence. */
class PatternEdgeTest {

    private static List<FraudCue> cues(String rules, Speaker speaker, String text) {
        DetectionEngine engine = DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\n@negator-before ne jamais\n@negator-inside pas\n@reported ils\n" + rules));
        LanguagePack pack = engine.pack(Language.FRENCH);
        List<FraudCue> out = new ArrayList<>();
        pack.rules().match(pack.normalizer().tokens(text), speaker, 3, out);
        return out;
    }

    private static boolean fires(String pattern, String text) {
        return !cues("r request - 0.5 any : " + pattern + "\n", Speaker.CALLER, text).isEmpty();
    }

    @Test
    void aGapTakesUpToItsBoundAndNoMore() {
        assertThat(fires("lisez ~3 code", "lisez code")).isTrue();
        assertThat(fires("lisez ~3 code", "lisez vous tout vite code")).isTrue();
        assertThat(fires("lisez ~3 code", "lisez vous tout vite bien code")).isFalse();
        assertThat(fires("lisez ~1 code", "lisez moi code")).isTrue();
        assertThat(fires("lisez ~1 code", "lisez moi le code")).isFalse();
    }

    @Test
    void spokenCodesHaveThreeShapes() {
        assertThat(fires("#code", "1 2 3")).isTrue();          // three tokens, three digits
        assertThat(fires("#code", "1 2")).isFalse();
        assertThat(fires("#code", "12 3")).isFalse();          // two tokens need four digits
        assertThat(fires("#code", "12 34")).isTrue();
        assertThat(fires("#code", "1 234")).isTrue();
        assertThat(fires("#code", "123456")).isTrue();         // one token of six digits
        assertThat(fires("#code", "12345")).isFalse();
        assertThat(fires("#code", "code")).isFalse();
        assertThat(fires("payez #num euros", "payez 50 euros")).isTrue();
        assertThat(fires("payez #num euros", "payez cinquante euros")).isTrue();
        assertThat(fires("payez #num euros", "payez des euros")).isFalse();
    }

    @Test
    void oneEditFromSevenLettersExactBelowAndWithEquals() {
        assertThat(fires("virement", "virenent")).isTrue();       // 8 letters: one slip tolerated
        assertThat(fires("virement", "virnnent")).isFalse();      // two slips are not
        assertThat(fires("urgence", "urgense")).isTrue();         // 7 letters
        assertThat(fires("rapide", "rapido")).isFalse();          // 6 letters: exact
        assertThat(fires("=virement", "virenent")).isFalse();
        assertThat(fires("=virement", "virement")).isTrue();
        assertThat(fires("sequest*", "sequestre")).isTrue();
        assertThat(fires("sequest*", "sequest")).isTrue();
        assertThat(fires("sequest*", "seques")).isFalse();
    }

    @Test
    void alternativesOptionalsAndNegativeLookaheadAtTheEnd() {
        assertThat(fires("code !postal", "le code")).isTrue();     // nothing follows: not "postal"
        assertThat(fires("code !postal", "le code postal")).isFalse();
        assertThat(fires("carte (bleue | bancaire)? numero", "carte numero")).isTrue();
        assertThat(fires("carte (bleue | bancaire)? numero", "carte bancaire numero")).isTrue();
        assertThat(fires("carte (bleue | bancaire)? numero", "carte verte numero")).isFalse();
        assertThat(fires("code secret | mot de passe", "votre mot de passe")).isTrue();
        assertThat(fires("code secret | mot de passe", "votre mot passe")).isTrue(); // an interior "de" may be lost
    }

    @Test
    void aCueCarriesTheRuleTheWordsHeardTheTurnAndTheSpeaker() {
        List<FraudCue> out = cues("req.x request fake_police 0.65 caller neg : lisez ~3 code\n", Speaker.CALLER,
                "Alors, lisez-moi vite le code svp");
        assertThat(out).hasSize(1);
        FraudCue c = out.get(0);
        assertThat(c.ruleId()).isEqualTo("req.x");
        assertThat(c.kind()).isEqualTo(CueKind.REQUEST);
        assertThat(c.category()).isEqualTo(ScamCategory.FAKE_POLICE);
        assertThat(c.weight()).isEqualTo(0.65);
        assertThat(c.turn()).isEqualTo(3);
        assertThat(c.speaker()).isEqualTo(Speaker.CALLER);
        assertThat(c.evidence()).isEqualTo("lisez moi vite le code");
        // a rule fires once per turn however often it matches
        assertThat(cues("r request - 0.5 caller : code\n", Speaker.CALLER, "code code et code")).hasSize(1);
        assertThat(cues("r request - 0.5 callee : code\n", Speaker.CALLER, "le code")).isEmpty();
        assertThat(cues("r request - 0.5 any : code\n", Speaker.CALLEE, "le code")).hasSize(1);
    }

    @Test
    void negationCountsOnlyNearTheMatch() {
        String rule = "r request - 0.5 caller neg : donnez ~2 code\n";
        assertThat(cues(rule, Speaker.CALLER, "jamais donnez le code")).isEmpty();
        assertThat(cues(rule, Speaker.CALLER, "jamais de la vie alors vraiment donnez le code")).hasSize(1);
        assertThat(cues(rule, Speaker.CALLER, "donnez pas le code")).isEmpty();
        assertThat(cues(rule, Speaker.CALLER, "ils donnez le code")).isEmpty();
        String plain = "r request - 0.5 caller : donnez ~2 code\n";
        assertThat(cues(plain, Speaker.CALLER, "jamais donnez le code")).hasSize(1);
    }
}
