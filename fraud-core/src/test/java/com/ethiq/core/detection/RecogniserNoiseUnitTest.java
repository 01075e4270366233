package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.Language;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The noise model's error kinds one by one: numbers in halves, split words, endings, names, neighbours. */
class RecogniserNoiseUnitTest {

    private static RecogniserNoise fr(long seed, String... corpus) {
        return new RecogniserNoise(Language.FRENCH, 0.1, seed, List.of(corpus));
    }

    private static RecogniserNoise en(long seed, String... corpus) {
        return new RecogniserNoise(Language.ENGLISH, 0.1, seed, List.of(corpus));
    }

    @Test
    void digitsAreOnlyAsciiDigits() {
        assertThat(RecogniserNoise.isDigits("")).isFalse();
        assertThat(RecogniserNoise.isDigits("0")).isTrue();
        assertThat(RecogniserNoise.isDigits("9")).isTrue();
        assertThat(RecogniserNoise.isDigits("0123456789")).isTrue();
        assertThat(RecogniserNoise.isDigits("12a")).isFalse();
        assertThat(RecogniserNoise.isDigits("/")).isFalse();   // the char before '0'
        assertThat(RecogniserNoise.isDigits(":")).isFalse();   // the char after '9'
        assertThat(RecogniserNoise.isDigits("1/2")).isFalse();
    }

    @Test
    void numbersComeOutInHalvesOrAsWords() {
        RecogniserNoise f = fr(1);
        assertThat(f.halves("7")).containsExactly("sept");
        assertThat(f.halves("0")).containsExactly("zéro");
        assertThat(en(1).halves("7")).containsExactly("seven");
        assertThat(f.halves("1500")).containsExactly("1000", "500");
        assertThat(f.halves("35")).containsExactly("30", "5");
        assertThat(f.halves("99999")).containsExactly("90000", "9999");
        assertThat(f.halves("1000")).containsExactly("1000");      // a round number stays whole
        assertThat(f.halves("0612")).containsExactly("06", "12");  // a leading zero: a code, heard in two
        assertThat(f.halves("123456")).containsExactly("123", "456");
        assertThat(f.halves("1234567")).containsExactly("123", "4567");
        assertThat(f.substitute("35")).containsExactly("30", "5");
    }

    @Test
    void longWordsSplitAtTheApostropheOrNearTheMiddle() {
        RecogniserNoise f = fr(3);
        assertThat(f.split("aujourd'hui")).containsExactly("aujourd", "hui");
        assertThat(f.split("abc")).containsExactly("abc");
        assertThat(f.split("ab'")).containsExactly("ab'");
        for (int i = 0; i < 30; i++) {
            List<String> parts = f.split("abcdefgh");
            assertThat(parts).hasSize(2);
            assertThat(String.join("", parts)).isEqualTo("abcdefgh");
            assertThat(parts.get(0).length()).isBetween(3, 5);
            List<String> four = f.split("abcd");
            assertThat(four).hasSize(2);
            assertThat(String.join("", four)).isEqualTo("abcd");
            assertThat(four.get(0).length()).isBetween(1, 3);
        }
    }

    @Test
    void frenchVerbEndingsSwapAndOtherWordsHaveNone() {
        RecogniserNoise f = fr(5);
        assertThat(en(5).endingVariant("payer")).isNull();
        assertThat(f.endingVariant("pay")).isNull();
        assertThat(f.endingVariant("table")).isNull();
        Set<String> allowed = Set.of("payé", "payez", "payais", "payait");
        for (int i = 0; i < 40; i++) {
            assertThat(f.endingVariant("payer")).isIn(allowed);
            assertThat(f.endingVariant("payez")).isIn(Set.of("payer", "payé", "payais", "payait", "payez"))
                    .isNotEqualTo("payez");
            assertThat(f.endingVariant("rappelé")).startsWith("rappel").isNotEqualTo("rappelé");
        }
    }

    @Test
    void namesAreMangledBySoundOrByADroppedLetter() {
        RecogniserNoise f = fr(7);
        for (int i = 0; i < 40; i++) {
            assertThat(f.mangle("xwz")).isIn("xz", "xw");
            String photo = f.mangle("photo");
            assertThat(photo).isIn("foto", "poto", "phto", "phoo", "phot");
        }
        assertThat(f.mangle("philippe")).isNotEqualTo("philippe");
    }

    @Test
    void substitutionsComeFromTheCorpusByFirstLetterAndLength() {
        RecogniserNoise f = fr(11, "bonjour banque bateau virement", "12345 ab");
        for (int i = 0; i < 40; i++) {
            assertThat(f.corpusNeighbour("bague")).isIn("banque", "bateau", "bonjour");
        }
        RecogniserNoise noMatch = fr(11, "zzzzzzzzzzzz");
        assertThat(noMatch.corpusNeighbour("a")).isEqualTo("zzzzzzzzzzzz");
        assertThat(fr(1).corpusNeighbour("mot")).isEqualTo("mot"); // no vocabulary: unchanged
        // homophones swap within their group, never to themselves
        for (int i = 0; i < 20; i++) {
            assertThat(f.substitute("compte")).hasSize(1).doesNotContain("compte");
            assertThat(f.alternative("compte")).isIn("compte", "conte", "comte");
            assertThat(f.alternative("virement").length()).isBetween(2, 7);
        }
        assertThat(en(2, "cart card car").substitute("card")).hasSize(1).doesNotContain("card");
    }

    @Test
    void theRateIsBoundedAndReported() {
        assertThat(fr(1).wordErrorRate()).isEqualTo(0.1);
        assertThat(new RecogniserNoise(Language.FRENCH, 0.5, 1, List.of()).wordErrorRate()).isEqualTo(0.5);
        assertThat(new RecogniserNoise(Language.FRENCH, 0, 1, List.of()).utterance("Bonjour, Madame !").finalText())
                .isEqualTo("bonjour madame");
        assertThatThrownBy(() -> new RecogniserNoise(Language.FRENCH, 0.51, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecogniserNoise(Language.FRENCH, -0.01, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RecogniserNoise.words("l'argent — c'est 12,5 %' x-y")).containsExactly("l'argent", "c'est", "12", "5", "x", "y");
        assertThat(RecogniserNoise.names("Allô ici Jean-Pierre de la BNP, M")).containsExactlyInAnyOrder("jean", "pierre");
    }
}
