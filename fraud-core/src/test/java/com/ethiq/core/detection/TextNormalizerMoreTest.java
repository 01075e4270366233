package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import org.junit.jupiter.api.Test;

/** More of the normalisation at its edges: French tens, English numbers and contractions, letters, stutters. */
class TextNormalizerMoreTest {

    private static final TextNormalizer FR = DetectionEngine.withDefaultPacks().pack(Language.FRENCH).normalizer();
    private static final TextNormalizer EN = DetectionEngine.withDefaultPacks().pack(Language.ENGLISH).normalizer();

    private static String fr(String text) {
        return String.join(" ", FR.tokens(text));
    }

    private static String en(String text) {
        return String.join(" ", EN.tokens(text));
    }

    @Test
    void frenchTensAndHundreds() {
        assertThat(fr("soixante-dix euros")).isEqualTo("70 euros");
        assertThat(fr("soixante et onze")).isEqualTo("71");
        assertThat(fr("quatre-vingts euros")).isEqualTo("80 euros");
        assertThat(fr("quatre-vingt-dix-neuf")).isEqualTo("99");
        assertThat(fr("cent un")).isEqualTo("101");
        assertThat(fr("deux cents")).isEqualTo("200");
        assertThat(fr("trois cent mille")).isEqualTo("300000");
        assertThat(fr("mille")).isEqualTo("1000");
        assertThat(fr("zéro six douze")).isEqualTo("0 6 12");
    }

    @Test
    void englishNumbersAndContractions() {
        assertThat(en("twenty one dollars")).isEqualTo("21 dollars");
        assertThat(en("one hundred and five")).isEqualTo("105");
        assertThat(en("ninety nine")).isEqualTo("99");
        assertThat(en("I'm sure you're fine, they've gone")).isEqualTo("i am sure you are fine they have gone");
        assertThat(en("we can't and won't")).isEqualTo("we can not and will not");
        assertThat(en("what's the code")).isEqualTo("what is the code");
    }

    @Test
    void singleLettersJoinOnlyInRuns() {
        assertThat(fr("a")).isEqualTo("a");
        assertThat(en("a b c")).isEqualTo("abc");
        assertThat(en("plan b")).isEqualTo("plan b");
    }

    @Test
    void stuttersCollapse() {
        assertThat(fr("le le le code")).isEqualTo("le code");
        assertThat(en("the the code")).isEqualTo("the code");
        assertThat(fr("")).isEmpty();
    }
}
