package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatternLanguageTest {

    private static List<String> fired(String rules, Speaker speaker, String text) {
        DetectionEngine engine = DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\n@filler euh ben\n@negator-before ne n jamais\n@negator-inside pas jamais rien\n@reported ils\n"
                        + "@canon anydesk = any desk | ane idesk\n@define BANK = (banque|credit agricole)\n" + rules));
        LanguagePack pack = engine.pack(Language.FRENCH);
        List<FraudCue> out = new ArrayList<>();
        pack.rules().match(pack.normalizer().tokens(text), speaker, 0, out);
        return out.stream().map(FraudCue::ruleId).toList();
    }

    private static List<String> caller(String rule, String text) {
        return fired(rule, Speaker.CALLER, text);
    }

    @Test
    void gapsOptionalWordsAndAlternatives() {
        String rule = "r1 request - 0.5 caller : (lisez|donnez) moi? ~3 (code|chiffres)\n";
        assertThat(caller(rule, "lisez-moi le code")).containsExactly("r1");
        assertThat(caller(rule, "donnez juste les six chiffres")).containsExactly("r1");
        assertThat(caller(rule, "lisez moi bien tout de suite le code")).isEmpty(); // gap of 5 > 3
        assertThat(caller(rule, "lisez euh ben le code")).containsExactly("r1"); // fillers do not count
    }

    @Test
    void aFunctionWordInsideAPatternMayBeMissingButNotAtItsEdgesNorInLegitimacyRules() {
        String rule = "r1 request - 0.5 caller : virement sur le compte (de|du) sequestre\n";
        assertThat(caller(rule, "faites le virement sur le compte de séquestre")).containsExactly("r1");
        assertThat(caller(rule, "faites le virement sur compte séquestre")).containsExactly("r1"); // "le", "de" lost
        assertThat(caller(rule, "faites le virement compte de séquestre")).isEmpty(); // "sur" is not droppable
        String edge = "r2 request - 0.5 caller : le code de acces\n";
        assertThat(caller(edge, "donnez le code acces")).containsExactly("r2");
        assertThat(caller(edge, "donnez code de acces")).isEmpty(); // a pattern's first word stays
        String legit = "r3 legitimacy - 0.5 caller : rien a payer\n";
        assertThat(caller(legit, "vous avez rien à payer")).containsExactly("r3");
        assertThat(caller(legit, "sans rien payer")).isEmpty(); // small words carry a legitimacy rule's meaning
        String pronoun = "r4 request - 0.5 caller : donnez moi votre code\n";
        assertThat(caller(pronoun, "donnez moi code")).isEmpty(); // possessives and pronouns say who gives what
        String optional = "r5 request - 0.5 caller : envoyez? (le|un) code\n";
        assertThat(caller(optional, "code")).isEmpty(); // no anchor before "le": not droppable
    }

    @Test
    void prefixesAndDefinitions() {
        String rule = "r1 identity_claim - 0.5 caller : (service|cellule) ~2 (fraude*|securit*) ~3 $BANK\n";
        assertThat(caller(rule, "cellule sécurité du Crédit Agricole")).containsExactly("r1");
        assertThat(caller(rule, "service des fraudes de la banque")).containsExactly("r1");
    }

    @Test
    void longWordsTolerateOneRecognitionSlip() {
        String rule = "r1 request - 0.5 caller : code confidentiel\n";
        assertThat(caller(rule, "votre code confidenciel")).containsExactly("r1");
        assertThat(caller(rule, "votre code confidntiel")).containsExactly("r1");
        assertThat(caller(rule, "votre code confi")).isEmpty();
        String exact = "r2 request - 0.5 caller : =confidentiel\n";
        assertThat(caller(exact, "confidenciel")).isEmpty();
        String shortWord = "r3 request - 0.5 caller : compte\n";
        assertThat(caller(shortWord, "conte")).isEmpty(); // short words must match exactly
    }

    @Test
    void variantsAreMatchedThroughCanonicalWords() {
        String rule = "r1 request - 0.8 caller : (installez|tapez) ~3 anydesk\n";
        assertThat(caller(rule, "tapez âne idesk")).containsExactly("r1");
        assertThat(caller(rule, "installez any desk")).containsExactly("r1");
    }

    @Test
    void notAssertionExcludesMultiWordContinuations() {
        String rule = "r1 request - 0.5 caller : donnez ~2 code !(de la porte|postal)\n";
        assertThat(caller(rule, "donnez-moi le code reçu")).containsExactly("r1");
        assertThat(caller(rule, "donnez-moi le code de la porte")).isEmpty();
        assertThat(caller(rule, "donnez-moi le code postal")).isEmpty();
    }

    @Test
    void spokenCodesAreRecognised() {
        String rule = "d1 disclosure - 0.6 callee : #code\n";
        assertThat(fired(rule, Speaker.CALLEE, "bon alors 4 8 2 9 1 7")).containsExactly("d1");
        assertThat(fired(rule, Speaker.CALLEE, "c'est quatre huit deux neuf")).containsExactly("d1");
        assertThat(fired(rule, Speaker.CALLEE, "08 27 et derrière")).containsExactly("d1");
        assertThat(fired(rule, Speaker.CALLEE, "un paiement de 1450 euros")).isEmpty();
        assertThat(fired(rule, Speaker.CALLEE, "j'ai 75 ans")).isEmpty();
    }

    @Test
    void speakerConstraintIsHonoured() {
        String rule = "r1 request - 0.5 caller : donnez ~3 code\n";
        assertThat(fired(rule, Speaker.CALLEE, "donnez-moi le code")).isEmpty();
        assertThat(fired(rule, Speaker.CALLER, "donnez-moi le code")).containsExactly("r1");
    }

    @Test
    void negationAndReportedSpeechCancelNegatableRules() {
        String rule = "r1 request - 0.5 caller neg : (demander|demande|donner) ~3 code\n";
        assertThat(caller(rule, "je vais vous demander votre code")).containsExactly("r1");
        assertThat(caller(rule, "je ne vais jamais vous demander votre code")).isEmpty();
        assertThat(caller(rule, "je vous demande pas votre code")).isEmpty();
        assertThat(caller(rule, "ils demandent le code")).isEmpty();
        String plain = "r2 secrecy - 0.5 caller : ne ~2 parlez ~2 personne\n";
        assertThat(caller(plain, "n'en parlez à personne")).containsExactly("r2");
    }

    @Test
    void packErrorsNameTheLine() {
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\n\nr1 request - 0.5 caller : (code\n")))
                .isInstanceOf(InvalidRulePackException.class).hasMessageContaining("fr.rules:3").hasMessageContaining("')'");
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\nr1 requst - 0.5 caller : code\n")))
                .hasMessageContaining("fr.rules:2").hasMessageContaining("requst");
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\nr1 request - 1.5 caller : code\n"))).hasMessageContaining("weight");
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\nr1 request - 0.5 caller : ~2 code\n"))).hasMessageContaining("gap");
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\nr1 request - 0.5 caller : $NOPE\n"))).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "r1 request - 0.5 caller : code\n"))).hasMessageContaining("@language");
    }

    @Test
    void bundledPacksCompile() {
        DetectionEngine engine = DetectionEngine.withDefaultPacks();
        assertThat(engine.ruleCount(Language.FRENCH)).isGreaterThan(100);
        assertThat(engine.ruleCount(Language.ENGLISH)).isGreaterThan(50);
        assertThat(engine.speechHints(Language.FRENCH, 5)).hasSize(5).contains("anydesk");
        assertThat(engine.speechHints(Language.ENGLISH, 1000)).isNotEmpty();
    }
}
