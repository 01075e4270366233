package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.Language;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recogniser-noise model itself: seeded, calibrated to the requested word error rate, recogniser-shaped. */
class RecogniserNoiseModelTest {

    private static final List<CallTranscript> FR = EvalData.readJsonlResource("/com/ethiq/core/detection/heldout-fr.jsonl");
    private static final List<CallTranscript> EN = EvalData.readJsonlResource("/com/ethiq/core/detection/blind-en-2.jsonl");

    /** Word errors (substitutions, deletions, insertions) of a minimal alignment, numbers compared as digits. */
    static int[] errors(Language language, String ref, String hyp) {
        List<String> r = comparable(language, ref);
        List<String> h = comparable(language, hyp);
        int[][] d = new int[r.size() + 1][h.size() + 1];
        for (int i = 0; i <= r.size(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= h.size(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= r.size(); i++) {
            for (int j = 1; j <= h.size(); j++) {
                int sub = d[i - 1][j - 1] + (r.get(i - 1).equals(h.get(j - 1)) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return new int[] {d[r.size()][h.size()], r.size()};
    }

    private static List<String> comparable(Language language, String text) {
        List<String> words = new ArrayList<>();
        for (String w : RecogniserNoise.words(text)) {
            words.add(w.equals("zéro") ? "zero" : w);
        }
        return (language == Language.FRENCH ? NumberWords.FRENCH : NumberWords.ENGLISH).convert(words);
    }

    private static double measuredWer(List<CallTranscript> calls, Language language, double rate, long seed) {
        RecogniserNoise noise = RecogniserNoise.forCalls(language, rate, seed, calls);
        long errors = 0;
        long words = 0;
        for (CallTranscript c : calls) {
            for (CallTranscript.Turn t : c.turns()) {
                int[] e = errors(language, t.text(), noise.utterance(t.text()).finalText());
                errors += e[0];
                words += e[1];
            }
        }
        return (double) errors / words;
    }

    @Test
    void sameSeedSameOutputAndAnotherSeedAnotherOutput() {
        CallTranscript call = FR.get(0);
        String a = RecogniserNoise.forCalls(Language.FRENCH, 0.15, 7, FR).apply(call).turns().toString();
        String b = RecogniserNoise.forCalls(Language.FRENCH, 0.15, 7, FR).apply(call).turns().toString();
        String c = RecogniserNoise.forCalls(Language.FRENCH, 0.15, 8, FR).apply(call).turns().toString();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void measuredWordErrorRateIsCloseToTheRequestedOne() {
        for (double rate : new double[] {0.05, 0.10, 0.15}) {
            double fr = measuredWer(FR, Language.FRENCH, rate, 1);
            double en = measuredWer(EN, Language.ENGLISH, rate, 1);
            System.out.printf("[noise] requested %.2f measured fr %.3f en %.3f%n", rate, fr, en);
            assertThat(fr).isBetween(rate * 0.75, rate * 1.3);
            assertThat(en).isBetween(rate * 0.75, rate * 1.3);
        }
        assertThat(measuredWer(FR, Language.FRENCH, 0, 1)).isZero();
    }

    @Test
    void writesLowerCaseWithoutPunctuationAndDigitsOrWords() {
        RecogniserNoise noise = new RecogniserNoise(Language.FRENCH, 0, 3, List.of());
        boolean digits = false;
        boolean words = false;
        for (int i = 0; i < 40; i++) {
            String out = noise.utterance("Bonjour Madame, c'est Julien : donnez-moi les quatre chiffres !").finalText();
            assertThat(out).isEqualTo(out.toLowerCase()).doesNotContain(",", ":", "!", "-");
            digits |= out.contains(" 4 chiffres");
            words |= out.contains(" quatre chiffres");
        }
        assertThat(digits).isTrue();
        assertThat(words).isTrue();
    }

    @Test
    void deletionsHitFunctionWordsAndSubstitutionsIncludeHomophones() {
        RecogniserNoise noise = new RecogniserNoise(Language.FRENCH, 0.3, 5, List.of("comptable", "conseiller"));
        String ref = "c'est votre compte et la carte de la banque";
        int functionLost = 0;
        int contentLost = 0;
        boolean homophone = false;
        for (int i = 0; i < 400; i++) {
            List<String> out = RecogniserNoise.words(noise.utterance(ref).finalText());
            functionLost += out.contains("la") ? 0 : 1;
            contentLost += out.contains("carte") ? 0 : 1;
            homophone |= out.contains("conte") || out.contains("comte") || out.contains("ses") || out.contains("ces");
        }
        assertThat(functionLost).isGreaterThan(contentLost);
        assertThat(homophone).isTrue();
    }

    @Test
    void namesAreMangledMoreThanOtherWords() {
        RecogniserNoise noise = new RecogniserNoise(Language.FRENCH, 0.2, 9, List.of("maison"));
        int nameLost = 0;
        int wordLost = 0;
        for (int i = 0; i < 400; i++) {
            String out = noise.utterance("bonjour madame je suis Nathalie Garnier du service").finalText();
            nameLost += out.contains("garnier") ? 0 : 1;
            wordLost += out.contains("service") ? 0 : 1;
        }
        assertThat(nameLost).isGreaterThan(wordLost);
        assertThat(RecogniserNoise.names("Bonjour je suis Marc Delaunay du SAMU")).containsExactlyInAnyOrder("marc", "delaunay");
    }

    @Test
    void interimResultsGrowTowardsTheFinal() {
        RecogniserNoise noise = new RecogniserNoise(Language.ENGLISH, 0, 11, List.of());
        RecogniserNoise.Utterance u = noise.utterance(
                "Please read me the six digit code that we just sent to your phone so I can cancel the payment");
        assertThat(u.partials()).isNotEmpty();
        int last = 0;
        for (String p : u.partials()) {
            List<String> w = RecogniserNoise.words(p);
            assertThat(w.size()).isGreaterThan(last);
            last = w.size();
            // every word but the unstable last one is already the final's
            assertThat(u.finalText()).startsWith(String.join(" ", w.subList(0, w.size() - 1)));
        }
        assertThat(u.finalText()).startsWith("please read me the").endsWith("cancel the payment").satisfiesAnyOf(s -> assertThat(s).contains(" 6 "), s -> assertThat(s).contains(" six "));
    }

    @Test
    void rejectsAnImpossibleRate() {
        assertThatThrownBy(() -> new RecogniserNoise(Language.FRENCH, 0.6, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wordErrorRate");
        assertThatThrownBy(() -> new RecogniserNoise(Language.FRENCH, Double.NaN, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
