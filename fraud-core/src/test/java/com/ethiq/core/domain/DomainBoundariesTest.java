package com.ethiq.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every validated limit of the domain records, checked on both sides: the last accepted value and the first refused
 * one, with the message a caller (API, webhook, import) sees.
 */
class DomainBoundariesTest {

    private static final TenantId TENANT = TenantId.of("00000000-0000-4000-8000-000000000001");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void transcriptRetentionIsOneDayToTenYears() {
        TenantSettings defaults = TenantSettings.defaults();
        assertThat(defaults.withRetention(Duration.ofDays(1)).transcriptRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(defaults.withRetention(Duration.ofDays(3650)).transcriptRetention()).isEqualTo(Duration.ofDays(3650));
        assertThatThrownBy(() -> defaults.withRetention(Duration.ofDays(1).minusSeconds(1)))
                .hasMessage("'transcriptRetention' must be 1 to 3650 days, got 0 days");
        assertThatThrownBy(() -> defaults.withRetention(Duration.ofDays(3650).plusSeconds(1)))
                .hasMessage("'transcriptRetention' must be 1 to 3650 days, got 3650 days");
    }

    @Test
    void aTenantHoldsAtMostFiveHundredCustomPhrases() {
        CustomPhrase phrase = new CustomPhrase("conseiller Dupont", "identity_claim", "fake_bank_adviser", 0.5);
        assertThat(TenantSettings.defaults().withCustomPhrases(Collections.nCopies(500, phrase)).customPhrases())
                .hasSize(500);
        assertThatThrownBy(() -> TenantSettings.defaults().withCustomPhrases(Collections.nCopies(501, phrase)))
                .hasMessage("'customPhrases' must hold at most 500 phrases, got 501");
    }

    @Test
    void theAiBudgetMayBeZeroButNotNegative() {
        assertThat(TenantSettings.defaults().withAi(true, 0).aiDailyRequestBudget()).isZero();
        assertThatThrownBy(() -> TenantSettings.defaults().withAi(true, -1))
                .hasMessage("'aiDailyRequestBudget' must be >= 0, got -1");
    }

    @Test
    void thresholdsAreOpenAtZeroAndSuspiciousStaysBelowOne() {
        assertThatCode(() -> new DetectionThresholds(0.01, 1.0)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new DetectionThresholds(0.0, 0.7))
                .hasMessage("'suspicious' threshold must be within (0, 1), got 0.0");
        assertThatThrownBy(() -> new DetectionThresholds(1.0, 1.0))
                .hasMessage("'suspicious' threshold must be within (0, 1), got 1.0");
        assertThatThrownBy(() -> new DetectionThresholds(0.2, 0.0))
                .hasMessage("'scam' threshold must be within (0, 1], got 0.0");
        assertThatThrownBy(() -> new DetectionThresholds(0.2, 1.01))
                .hasMessage("'scam' threshold must be within (0, 1], got 1.01");
        assertThatThrownBy(() -> new DetectionThresholds(0.5, 0.5))
                .hasMessage("'suspicious' threshold (0.5) must be below 'scam' (0.5)");
        assertThatThrownBy(() -> new DetectionThresholds(Double.NaN, 0.7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void customPhrasesAreOneToTwoHundredCharactersWithAWeightInZeroOne() {
        assertThat(new CustomPhrase("x".repeat(200), "K", "C", 1.0).weight()).isEqualTo(1.0);
        assertThatThrownBy(() -> new CustomPhrase("x".repeat(201), "K", "C", 0.5))
                .hasMessage("'phrase' must be 1-200 characters, got 201");
        assertThatThrownBy(() -> new CustomPhrase("   ", "K", "C", 0.5))
                .hasMessage("'phrase' must be 1-200 characters, got 3");
        assertThatThrownBy(() -> new CustomPhrase("p", "K", "C", 0.0)).hasMessage("'weight' must be within (0, 1], got 0.0");
        assertThatThrownBy(() -> new CustomPhrase("p", "K", "C", 1.0001)).hasMessage("'weight' must be within (0, 1], got 1.0001");
        assertThatThrownBy(() -> new CustomPhrase("p", "K", "C", Double.NaN)).hasMessage("'weight' must be within (0, 1], got NaN");
    }

    @Test
    void tenantNamesAreOneToOneHundredTwentyCharacters() {
        SipAddress sip = SipAddress.of("sip:alice@home.sip.twilio.com");
        Tenant tenant = new Tenant(TENANT, "x".repeat(120), AccountStatus.ACTIVE, null, sip, TenantSettings.defaults(), NOW);
        assertThat(tenant.number()).isEmpty();
        assertThatThrownBy(() -> new Tenant(TENANT, "x".repeat(121), AccountStatus.ACTIVE, null, sip, TenantSettings.defaults(), NOW))
                .hasMessage("'displayName' must be 1-120 characters");
        assertThatThrownBy(() -> new Tenant(TENANT, " ", AccountStatus.ACTIVE, null, sip, TenantSettings.defaults(), NOW))
                .hasMessage("'displayName' must be 1-120 characters");
    }

    @Test
    void auditActionsAreOneToEightyCharactersAndMissingContextBecomesEmpty() {
        AuditEvent event = new AuditEvent(UUID.randomUUID(), null, "user", "a".repeat(80), null, null, null, NOW, Map.of());
        assertThat(event.target()).isEmpty();
        assertThat(event.ip()).isEmpty();
        assertThat(event.userAgent()).isEmpty();
        assertThatThrownBy(() -> new AuditEvent(UUID.randomUUID(), null, "user", "a".repeat(81), "", "", "", NOW, Map.of()))
                .hasMessage("'action' must be 1-80 characters");
        AuditEvent system = AuditEvent.system(UUID.randomUUID(), TENANT, "call.rejected", "CA1", NOW, Map.of("why", "cancelled"));
        assertThat(system.actor()).isEqualTo("system");
        assertThat(system.details()).containsEntry("why", "cancelled");
    }

    @Test
    void emergencyContactsHaveABoundedNameAndAStrippedRelationship() {
        PhoneNumber phone = PhoneNumber.of("+33612345678");
        EmergencyContact contact = new EmergencyContact(UUID.randomUUID(), TENANT, "n".repeat(120), phone,
                "  " + "r".repeat(60) + "  ", NOW);
        assertThat(contact.relationship()).isEqualTo("r".repeat(60));
        assertThat(new EmergencyContact(UUID.randomUUID(), TENANT, "Léa", phone, null, NOW).relationship()).isEmpty();
        assertThatThrownBy(() -> new EmergencyContact(UUID.randomUUID(), TENANT, "n".repeat(121), phone, "", NOW))
                .hasMessage("'name' must be 1-120 characters");
        assertThatThrownBy(() -> new EmergencyContact(UUID.randomUUID(), TENANT, "", phone, "", NOW))
                .hasMessage("'name' must be 1-120 characters");
        assertThatThrownBy(() -> new EmergencyContact(UUID.randomUUID(), TENANT, "Léa", phone, "r".repeat(61), NOW))
                .hasMessage("'relationship' must be at most 60 characters");
    }

    @Test
    void usageQuantitiesStartAtZeroAndDetailsAreBounded() {
        UsageEvent zero = new UsageEvent(UUID.randomUUID(), TENANT, null, UsageKind.CALLS, 0, NOW, "d".repeat(200));
        assertThat(zero.quantity()).isZero();
        assertThat(new UsageEvent(UUID.randomUUID(), TENANT, null, UsageKind.CALLS, 1, NOW, null).detail()).isEmpty();
        assertThatThrownBy(() -> new UsageEvent(UUID.randomUUID(), TENANT, null, UsageKind.CALLS, -1, NOW, ""))
                .hasMessage("'quantity' must be >= 0, got -1");
        assertThatThrownBy(() -> new UsageEvent(UUID.randomUUID(), TENANT, null, UsageKind.CALLS, 1, NOW, "d".repeat(201)))
                .hasMessage("'detail' must be at most 200 characters");
    }

    @Test
    void alertsCountAttemptsFromZeroAndBoundTheirMessage() {
        CallSid call = CallSid.of("CA1");
        Alert pending = Alert.pending(UUID.randomUUID(), TENANT, call, new AlertRecipient.Phone(PhoneNumber.of("+33612345678")), "m".repeat(1600),
                Language.FRENCH, NOW);
        assertThat(pending.attempts()).isZero();
        assertThat(pending.status()).isEqualTo(AlertStatus.PENDING);
        assertThat(pending.nextAttemptAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> new Alert(UUID.randomUUID(), TENANT, call, new AlertRecipient.Phone(PhoneNumber.of("+33612345678")), "m", Language.FRENCH,
                AlertStatus.PENDING, -1, NOW, NOW, null, null, null)).hasMessage("'attempts' must be >= 0");
        assertThatThrownBy(() -> Alert.pending(UUID.randomUUID(), TENANT, call, new AlertRecipient.Phone(PhoneNumber.of("+33612345678")), "m".repeat(1601),
                Language.FRENCH, NOW)).hasMessage("'message' must be 1-1600 characters");
        assertThatThrownBy(() -> Alert.pending(UUID.randomUUID(), TENANT, call, new AlertRecipient.Conference(new ConferenceName("a b")),
                "m", Language.FRENCH, NOW)).hasMessageContaining("'conferenceName'");
    }

    @Test
    void theIdempotencyKeyNamesTenantCallKindAndRecipient() {
        assertThat(Alert.idempotencyKey(TENANT, CallSid.of("CA1"), new AlertRecipient.Conference(new ConferenceName("Conf-x"))))
                .isEqualTo("00000000-0000-4000-8000-000000000001:CA1:conference_announcement:Conf-x");
    }

    @Test
    void settingsWithersChangeOnlyTheirOwnField() {
        TenantSettings base = TenantSettings.defaults();
        DetectionThresholds strict = new DetectionThresholds(0.2, 0.5);
        AlertPreferences smsOnly = new AlertPreferences(true, false);
        List<CustomPhrase> phrases = List.of(new CustomPhrase("conseiller Dupont", "identity_claim", "fake_bank_adviser", 0.4));

        assertThat(base.withThresholds(strict)).isEqualTo(new TenantSettings(Language.FRENCH, strict, AlertPreferences.ALL,
                Duration.ofDays(90), List.of(), true, 200));
        assertThat(base.withAlerts(smsOnly)).isEqualTo(new TenantSettings(Language.FRENCH, DetectionThresholds.DEFAULT,
                smsOnly, Duration.ofDays(90), List.of(), true, 200));
        assertThat(base.withRetention(Duration.ofDays(30))).isEqualTo(new TenantSettings(Language.FRENCH,
                DetectionThresholds.DEFAULT, AlertPreferences.ALL, Duration.ofDays(30), List.of(), true, 200));
        assertThat(base.withLanguage(Language.ENGLISH).language()).isEqualTo(Language.ENGLISH);
        assertThat(base.withCustomPhrases(phrases).customPhrases()).isEqualTo(phrases);
        assertThat(base.withAi(false, 5)).extracting(TenantSettings::aiAnalysisEnabled, TenantSettings::aiDailyRequestBudget)
                .containsExactly(false, 5);
    }
}
