package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The normaliser's passes share two per-thread arrays and run only when a token needs them: results must not
 * depend on what the previous call left in the arrays, and tokens a pass creates must still reach later passes.
 */
class TextNormalizerPassesTest {

    private static final TextNormalizer FR = DetectionEngine.withDefaultPacks().pack(Language.FRENCH).normalizer();

    private static String fr(String text) {
        return String.join(" ", FR.tokens(text));
    }

    @Test
    void aLongTurnThenAShortOneLeaveNothingBehind() {
        String longTurn = "alors euh le code c'est quatre huit deux ".repeat(30);
        String[] first = FR.tokens(longTurn);
        assertThat(first.length).isGreaterThan(64); // beyond the arrays' first size
        assertThat(fr("bonjour madame")).isEqualTo("bonjour madame");
        String[] again = FR.tokens(longTurn);
        assertThat(again).containsExactly(first).isNotSameAs(first);
        assertThat(fr("")).isEmpty();
    }

    @Test
    void theReturnedTokensAreTheCallersOwn() {
        String[] a = FR.tokens("votre compte est bloqué");
        String[] copy = a.clone();
        FR.tokens("une autre phrase sans rapport avec la première");
        assertThat(a).containsExactly(copy);
    }

    @Test
    void tokensCreatedByAPassReachTheLaterPasses() {
        TextNormalizer n = new TextNormalizer(Language.FRENCH, Set.of("ben"),
                Map.of("ce", List.of(new TextNormalizer.Variant(new String[] {"ce", "est", "pe"}, "cep"))));
        // joined spelling "b e n" is the filler "ben"; the bare elision "c" becomes "ce", first word of a variant
        assertThat(String.join(" ", n.tokens("b e n alors"))).isEqualTo("alors");
        assertThat(String.join(" ", n.tokens("oui c est pe"))).isEqualTo("oui cep");
        // number words become digits, then an amount with a thousands separator is joined
        assertThat(String.join(" ", n.tokens("douze 000 euros"))).isEqualTo("12000 euros");
    }

    @Test
    void punctuationSpacesAndCurrencySignsSeparateTokens() {
        assertThat(fr("«\u00a0virement\u00a0» de 500\u202f€ – maintenant…")).isEqualTo("virement de 500 maintenant");
        assertThat(fr("l’argent")).isEqualTo("le argent");
    }
}
