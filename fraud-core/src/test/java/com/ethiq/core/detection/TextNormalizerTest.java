package com.ethiq.core.detection;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Language;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    private static final TextNormalizer FR = DetectionEngine.withDefaultPacks().pack(Language.FRENCH).normalizer();
    private static final TextNormalizer EN = DetectionEngine.withDefaultPacks().pack(Language.ENGLISH).normalizer();

    private static String fr(String text) {
        return String.join(" ", FR.tokens(text));
    }

    private static String en(String text) {
        return String.join(" ", EN.tokens(text));
    }

    @Test
    void foldsCaseAccentsAndPunctuation() {
        assertThat(fr("Allô ! Société Générale, Sécurité… « ÉLÉVÉ » ; Œuvre")).isEqualTo("allo societe generale securite eleve oeuvre");
    }

    @Test
    void expandsFrenchElisionsWithOrWithoutApostrophe() {
        assertThat(fr("l'argent d'un client, j'ai n'en parlez qu'il")).isEqualTo("le argent de un client je ai ne en parlez que il");
        assertThat(fr("j ai l argent")).isEqualTo("je ai le argent");
        assertThat(fr("aujourd’hui c’est urgent")).isEqualTo("aujourdhui ce est urgent");
        assertThat(fr("il n'y a pas")).isEqualTo("il ne y a pas");
        assertThat(fr("il n y a pas")).isEqualTo("il ne y a pas");
    }

    @Test
    void dropsFillersButKeepsBonAsANoun() {
        assertThat(fr("euh ben bon alors hein c'est bon")).isEqualTo("alors ce est");
        assertThat(fr("un bon d'achat et un bon de commande")).isEqualTo("un bon de achat et un bon de commande");
        assertThat(en("uh um I mean")).isEqualTo("i mean");
    }

    @Test
    void turnsNumberWordsIntoDigits() {
        assertThat(fr("lisez-moi les six chiffres")).isEqualTo(fr("lisez-moi les 6 chiffres"));
        assertThat(fr("alors quatre huit deux neuf un sept")).isEqualTo("alors 4 8 2 9 1 7");
        assertThat(fr("mille huit cent cinquante euros")).isEqualTo("1850 euros");
        assertThat(fr("quatre-vingt-dix-sept et vingt et un")).isEqualTo("97 et 21");
        assertThat(fr("deux mille euros et un code")).isEqualTo("2000 euros et un code");
        assertThat(fr("isolation à un euro")).isEqualTo("isolation a 1 euro");
        assertThat(fr("9 pour cent garanti, 9 %")).isEqualTo("9 pourcent garanti 9 pourcent");
        assertThat(en("press one, two thousand five hundred dollars")).isEqualTo("press 1 2500 dollars");
        assertThat(en("$1,537.35 and 72,000")).isEqualTo("1537 35 and 72000");
    }

    @Test
    void joinsSpelledLettersAndMapsRecognitionSlips() {
        assertThat(fr("le c p f")).isEqualTo("le cpf");
        assertThat(fr("tapez a n y d e s k")).isEqualTo("tapez anydesk");
        assertThat(fr("âne idesk")).isEqualTo("anydesk");
        assertThat(fr("any desk")).isEqualTo("anydesk");
        assertThat(fr("team viewer")).isEqualTo("teamviewer");
        assertThat(fr("le service client crono poste")).isEqualTo("le service client chronopost");
        assertThat(fr("par watsap")).isEqualTo("par whatsapp");
        assertThat(fr("ma prime rénove")).isEqualTo("maprimerenov");
        assertThat(fr("ma carte vital")).isEqualTo("ma cartevitale");
    }

    @Test
    void expandsEnglishContractions() {
        assertThat(en("Don't tell anyone, it's me, we'll call, you won't")).isEqualTo("do not tell anyone it is me we will call you will not");
        assertThat(en("I can't")).isEqualTo("i can not");
    }

    @Test
    void collapsesStutterButNotDigits() {
        assertThat(fr("le le code 7 7 3")).isEqualTo("le code 7 7 3");
    }

    @Test
    void emptyAndBlankTextGiveNoTokens() {
        assertThat(FR.tokens("")).isEmpty();
        assertThat(FR.tokens(" ... !! ")).isEmpty();
    }
}
