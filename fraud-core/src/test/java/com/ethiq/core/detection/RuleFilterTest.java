package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts that keep rules from being tried (issue 19, throughput): the words every match passes through,
 * the bound on where a match can start, and the order of the cues of one turn. Each must never hide a match.
 */
class RuleFilterTest {

    private static LanguagePack pack(String rules) {
        return DetectionEngine.fromPackSources(Map.of(Language.FRENCH,
                "@language fr\n@negator-before ne jamais\n@negator-inside pas\n" + rules)).pack(Language.FRENCH);
    }

    private static List<FraudCue> cues(LanguagePack pack, String text) {
        List<FraudCue> out = new ArrayList<>();
        pack.rules().match(pack.normalizer().tokens(text), Speaker.CALLER, 0, out);
        return out;
    }

    private static Program program(LanguagePack pack, String id) {
        return pack.rules().rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().program();
    }

    /** The term bitset of a text, as the rule set builds it for a turn. */
    private static long[] present(LanguagePack pack, String text, Lexicon lexicon) {
        long[] bits = new long[(lexicon.size() >> 6) + 1];
        for (String t : pack.normalizer().tokens(text)) {
            for (int id : lexicon.termsOf(t)) {
                bits[id >> 6] |= 1L << id;
            }
        }
        return bits;
    }

    @Test
    void aRuleNeedsEveryWordAllItsMatchesPassThrough() {
        LanguagePack pack = pack("r request - 0.5 any : (lisez|donnez) ~3 code ~2 (recu|envoye)\n");
        Program p = program(pack, "r");
        Lexicon lexicon = lexiconOf(pack);
        assertThat(p.mayMatch(present(pack, "lisez le code recu", lexicon))).isTrue();
        assertThat(p.mayMatch(present(pack, "lisez le recu", lexicon))).isFalse();        // no "code"
        assertThat(p.mayMatch(present(pack, "donnez le code", lexicon))).isFalse();       // neither "recu" nor "envoye"
        assertThat(cues(pack, "donnez moi le code envoye")).hasSize(1);
        assertThat(cues(pack, "donnez moi le code")).isEmpty();
    }

    @Test
    void aWholeAlternationOfPhrasesIsOneMandatorySet() {
        // no option is a single word, so no LIT is on every path; the group as a whole still is
        LanguagePack pack = pack("r identity_claim - 0.5 any : (je suis|ici) ~4 (banque postale|credit agricole|banque)\n");
        Program p = program(pack, "r");
        Lexicon lexicon = lexiconOf(pack);
        assertThat(p.mayMatch(present(pack, "je suis la de la poste", lexicon))).isFalse();
        assertThat(p.mayMatch(present(pack, "ici le credit agricole", lexicon))).isTrue();
        assertThat(cues(pack, "ici le credit agricole")).hasSize(1);
        assertThat(cues(pack, "je suis a la banque postale")).hasSize(1);
    }

    @Test
    void anAlternationOfPhrasesNeedsOneOptionWithAllItsWords() {
        LanguagePack pack = pack("r urgency - 0.5 any : en urgence | pas le temps | trop tard\n");
        Program p = program(pack, "r");
        Lexicon lexicon = lexiconOf(pack);
        // every option's first word is there, but no option has all its words
        assertThat(p.mayMatch(present(pack, "en fait ce est pas trop grave", lexicon))).isFalse();
        assertThat(cues(pack, "en fait ce est pas trop grave")).isEmpty();
        assertThat(p.mayMatch(present(pack, "il est trop tard", lexicon))).isTrue();
        assertThat(cues(pack, "il est trop tard")).hasSize(1);
        // a droppable word inside an option stays optional: "pas temps" still fires
        assertThat(p.mayMatch(present(pack, "on a pas temps", lexicon))).isTrue();
        assertThat(cues(pack, "on a pas temps")).hasSize(1);
    }

    @Test
    void anOptionalWordIsNeverRequired() {
        // "le" is a droppable function word between two anchors: a recogniser may lose it, the rule still fires
        LanguagePack pack = pack("r request - 0.5 any : lisez le code\n");
        assertThat(cues(pack, "lisez code")).hasSize(1);
        Program p = program(pack, "r");
        assertThat(p.mayMatch(present(pack, "lisez code", lexiconOf(pack)))).isTrue();
    }

    @Test
    void aMatchStartsNoLaterThanTheLastRequiredWordOnlyWhenTheProgramProvesIt() {
        LanguagePack bounded = pack("r request - 0.5 any : (je suis|ici) ~4 banque\n");
        assertThat(program(bounded, "r").requiredBoundsStart).isTrue();
        assertThat(cues(bounded, "bonjour je suis de la banque et ici aussi")).hasSize(1);
        assertThat(cues(bounded, "banque je suis")).isEmpty();
        // a top-level alternative with no required word: every start position stays possible
        LanguagePack open = pack("r request - 0.5 any : virement urgent | #code\n");
        assertThat(program(open, "r").requiredBoundsStart).isFalse();
        assertThat(cues(open, "bon alors 4 8 2 1")).hasSize(1);
    }

    @Test
    void cuesComeInTheOrderOfALeftToRightScan() {
        // b starts before a in the turn: its cue comes first, whatever the rule order of the pack
        LanguagePack pack = pack("a request - 0.5 any : le code\nb urgency - 0.5 any : tout de suite\n"
                + "c pretext - 0.5 any : tout\n");
        List<FraudCue> found = cues(pack, "tout de suite lisez le code");
        assertThat(found).extracting(FraudCue::ruleId).containsExactly("b", "c", "a");
        assertThat(found).extracting(FraudCue::evidence).containsExactly("tout de suite", "tout", "le code");
    }

    private static Lexicon lexiconOf(LanguagePack pack) {
        return pack.rules().lexicon();
    }
}
