package com.ethiq.core.family;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.usecase.AlertMessages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SMS the family response sends is GSM-7 and at most two segments, reference line included. */
class FamilyMessagesTest {
    private static final String LONG_NAME = "Marie-Françoise Œuvray-Lefèvre de la Tour d'Auvergne-Saint-Côme";
    private static final String LONG_BASE = "https://family-links.ethiq-production.example.com";
    private static final String REF_LINE = "\nRéf. 7F3A2C";
    private static final PhoneNumber PHONE = PhoneNumber.of("+33612345678");

    private static List<String> everySms() {
        List<String> all = new ArrayList<>();
        String link = FamilyMessages.link(LONG_BASE, FamilyTokens.newToken());
        for (Language language : Language.values()) {
            for (ScamCategory category : ScamCategory.values()) {
                for (String name : List.of("Jo", LONG_NAME, "Ψ€[]{}~^|".repeat(20))) {
                    all.add(FamilyMessages.alertSms(language, name, category, PHONE, link, ""));
                    all.add(FamilyMessages.alertSms(language, name, category, null, link, ""));
                    all.add(FamilyMessages.alertSms(language, name, category, PHONE, link,
                            "Raccrochez et appelez le numéro au dos de votre carte bancaire — jamais celui donné par l'appelant."));
                }
            }
            all.add(FamilyMessages.handlingSms(language, LONG_NAME, LONG_NAME));
            all.add(FamilyMessages.handlingSms(language, "Mamie", "Paul"));
        }
        return all;
    }

    @Test
    void everyTemplateLanguageAndScamKindIsGsm7InAtMostTwoSegments() {
        List<String> all = everySms();
        assertThat(all).hasSizeGreaterThan(2 * ScamCategory.values().length * 9);
        for (String text : all) {
            String sent = text + REF_LINE;
            assertThat(Gsm7.encodable(sent)).as("GSM-7: %s", sent).isTrue();
            assertThat(Gsm7.segments(sent)).as("segments of: %s", sent).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void theAlertNamesThePersonTheKindTheNumberAndTheLink() {
        String link = FamilyMessages.link("https://ethiq.example.com/", "AAAAAAAAAAAAAAAAAAAAAA");
        String fr = FamilyMessages.alertSms(Language.FRENCH, "Françoise", ScamCategory.FAKE_BANK_ADVISER, PHONE, link, "");

        assertThat(fr).isEqualTo("Alerte Ethiq : Francoise est en ligne avec un probable escroc (faux conseiller bancaire)."
                + " Son numéro : +33612345678. Suivre l'appel et agir : https://ethiq.example.com/f/AAAAAAAAAAAAAAAAAAAAAA");
        String en = FamilyMessages.alertSms(Language.ENGLISH, "Jeanne", ScamCategory.FAKE_POLICE, null, link, "");
        assertThat(en).contains("Jeanne", "fake police officer", link).doesNotContain("Their number");
    }

    @Test
    void adviceIsKeptOnlyWhileItFits() {
        String link = FamilyMessages.link(LONG_BASE, FamilyTokens.newToken());
        String shortAdvice = FamilyMessages.alertSms(Language.FRENCH, "Jo", ScamCategory.FAKE_BANK_ADVISER, PHONE, link,
                "Appelez votre banque.");
        assertThat(shortAdvice).endsWith("Appelez votre banque.");
        String longAdvice = FamilyMessages.alertSms(Language.FRENCH, LONG_NAME, ScamCategory.FAKE_HEALTH_OR_PARCEL, PHONE, link,
                "x".repeat(200));
        assertThat(longAdvice).endsWith(link);
    }

    @Test
    void everyCategoryLabelIsAlreadyGsm7() {
        for (Language language : Language.values()) {
            for (ScamCategory c : ScamCategory.values()) {
                assertThat(Gsm7.encodable(AlertMessages.categoryLabel(c, language))).as("%s %s", c, language).isTrue();
            }
        }
    }

    @Test
    void foldingKeepsGsmLettersAndReplacesTheRest() {
        assertThat(Gsm7.fold("Françoise — « Œil » ’ô")).isEqualTo("Francoise - \" OEil \" 'o");
        assertThat(Gsm7.fold("élève à Zürich")).isEqualTo("élève à Zürich");
        assertThat(Gsm7.fold("王")).isEqualTo("?");
        assertThat(Gsm7.segments("a".repeat(160))).isEqualTo(1);
        assertThat(Gsm7.segments("a".repeat(161))).isEqualTo(2);
        assertThat(Gsm7.segments("€".repeat(80))).isEqualTo(1);
        assertThat(Gsm7.segments("a".repeat(307))).isEqualTo(3);
        assertThat(Gsm7.septets("—")).isEqualTo(-1);
    }

    @Test
    void tokensAre128BitBase64UrlAndOnlyTheirHashIsStored() {
        String t = FamilyTokens.newToken();
        assertThat(t).matches("[A-Za-z0-9_-]{22}");
        assertThat(FamilyTokens.plausible(t)).isTrue();
        assertThat(FamilyTokens.plausible(t + "=")).isFalse();
        assertThat(FamilyTokens.hash(t)).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(t).isEqualTo(FamilyTokens.hash(t));
        assertThat(FamilyTokens.newToken()).isNotEqualTo(t);
    }
}
