package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {

    private static Tenant tenant(Language language) {
        return new Tenant(TenantId.random(), "Jeanne", AccountStatus.ACTIVE, null, SipAddress.of("sip:j@home.example.com"),
                TenantSettings.defaults().withLanguage(language), Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void everyScamCategoryHasALabelInBothLanguages() {
        for (ScamCategory category : ScamCategory.values()) {
            if (category == ScamCategory.NONE || category == ScamCategory.OTHER) {
                continue;
            }
            assertThat(AlertMessages.categoryLabel(category, Language.FRENCH)).isNotBlank().isNotEqualTo("arnaque téléphonique");
            assertThat(AlertMessages.categoryLabel(category, Language.ENGLISH)).isNotBlank().isNotEqualTo("phone scam");
        }
        assertThat(AlertMessages.categoryLabel(ScamCategory.FAKE_BANK_ADVISER, Language.FRENCH)).isEqualTo("faux conseiller bancaire");
        assertThat(AlertMessages.categoryLabel(ScamCategory.FAKE_BANK_ADVISER, Language.ENGLISH)).isEqualTo("fake bank adviser");
    }

    @Test
    void unnamedCategoriesFallBackToAGenericLabel() {
        assertThat(AlertMessages.categoryLabel(ScamCategory.OTHER, Language.FRENCH)).isEqualTo("arnaque téléphonique");
        assertThat(AlertMessages.categoryLabel(ScamCategory.NONE, Language.ENGLISH)).isEqualTo("phone scam");
    }

    @Test
    void theSmsNamesTheProtectedPersonInTheirLanguage() {
        assertThat(AlertMessages.sms(tenant(Language.FRENCH), ScamCategory.FAKE_POLICE)).isEqualTo(
                "Alerte Ethiq : Jeanne est en ligne avec un appel qui ressemble à une arnaque (faux policier ou gendarme)."
                        + " Appelez Jeanne dès que possible.");
        assertThat(AlertMessages.sms(tenant(Language.ENGLISH), ScamCategory.FAKE_POLICE)).isEqualTo(
                "Ethiq alert: Jeanne is on a call that looks like a scam (fake police officer). Please call Jeanne as soon as possible.");
    }

    @Test
    void theAnnouncementNamesTheScamWhenTheAiGaveNoWarning() {
        assertThat(AlertMessages.announcement(Language.FRENCH, ScamCategory.FAKE_COURIER, null)).isEqualTo(
                "Attention, message d'Ethiq. Cet appel ressemble à une arnaque : faux coursier venant chercher la carte."
                        + " Ne donnez aucun code, aucune carte ni aucune information bancaire. Vous pouvez raccrocher.");
        assertThat(AlertMessages.announcement(Language.ENGLISH, ScamCategory.FAKE_COURIER, "  ")).isEqualTo(
                "Warning from Ethiq. This call looks like a scam: fake courier collecting a card."
                        + " Do not give any code, card or bank details. You can hang up now.");
    }

    @Test
    void aShortAiWarningIsSpokenAsGivenAndALongOneIsIgnored() {
        assertThat(AlertMessages.announcement(Language.FRENCH, ScamCategory.OTHER, " Ne donnez jamais un code. "))
                .isEqualTo("Attention, message d'Ethiq. Ne donnez jamais un code.");
        String exactly300 = "w".repeat(300);
        assertThat(AlertMessages.announcement(Language.ENGLISH, ScamCategory.OTHER, exactly300))
                .isEqualTo("Warning from Ethiq. " + exactly300);
        assertThat(AlertMessages.announcement(Language.ENGLISH, ScamCategory.ROMANCE, "w".repeat(301)))
                .isEqualTo("Warning from Ethiq. This call looks like a scam: romance scam."
                        + " Do not give any code, card or bank details. You can hang up now.");
    }
}
