package com.ethiq.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainValuesTest {

    @Test
    void phoneNumbersMustBeE164AndMaskForLogs() {
        assertThat(PhoneNumber.of("+33612345678").masked()).isEqualTo("+33*******78");
        assertThatThrownBy(() -> PhoneNumber.of("0612345678"))
                .hasMessage("'phoneNumber' must be E.164, got '0612345678'");
        assertThatThrownBy(() -> PhoneNumber.of("+0612345678")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhoneNumber.of("+3361234567890123")).isInstanceOf(IllegalArgumentException.class);
        assertThat(PhoneNumber.isValid("+14155550100")).isTrue();
        assertThat(PhoneNumber.isValid(null)).isFalse();
    }

    @Test
    void sipAddressesAndCallSidsAreValidated() {
        assertThat(SipAddress.of("sip:alice@home.sip.twilio.com").uri()).isEqualTo("sip:alice@home.sip.twilio.com");
        assertThatThrownBy(() -> SipAddress.of("alice@home")).hasMessageContaining("'sipAddress'");
        assertThatThrownBy(() -> CallSid.of("CA 12")).hasMessageContaining("'callSid'");
        assertThatThrownBy(() -> CallSid.of("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(CallSid.isValid("CA0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(CallSid.isValid(null)).isFalse();
        assertThat(CallSid.isValid("CA 12")).isFalse();
    }

    @Test
    void conferenceNamesAreOpaqueAndTenantScoped() {
        TenantId tenant = TenantId.of("00000000-0000-4000-8000-000000000001");
        ConferenceName name = ConferenceName.forCall(tenant, CallSid.of("CA0123456789abcdef0123456789abcdef"));
        assertThat(name.value()).startsWith("Conf-" + tenant.value()).doesNotContain("+");
    }

    @Test
    void secretsNeverPrint() {
        Secret s = Secret.of("super-secret-token-1234");
        assertThat(s.toString()).doesNotContain("super").doesNotContain("1234");
        assertThat(s.lastFour()).isEqualTo("1234");
        assertThat(s).isEqualTo(Secret.of("super-secret-token-1234"));
        assertThat(new TelephonyCredentials("AC" + "a".repeat(32), s).toString()).doesNotContain("super-secret");
        assertThatThrownBy(() -> new TelephonyCredentials("SK" + "a".repeat(32), s)).hasMessageContaining("'accountSid'");
    }

    @Test
    void thresholdsAndSettingsValidateTheirRanges() {
        assertThatThrownBy(() -> new DetectionThresholds(0.8, 0.7)).hasMessageContaining("must be below");
        assertThatThrownBy(() -> TenantSettings.defaults().withRetention(Duration.ofHours(1)))
                .hasMessageContaining("'transcriptRetention'");
        assertThat(TenantSettings.defaults().language()).isEqualTo(Language.FRENCH);
        assertThat(Language.parse("fr-FR")).isEqualTo(Language.FRENCH);
        assertThat(Language.parse("EN")).isEqualTo(Language.ENGLISH);
        assertThatThrownBy(() -> Language.parse("de")).hasMessage("'language' must be 'fr' or 'en', got 'de'");
    }

    @Test
    void alertsCarryAStableIdempotencyKeyAndValidateRecipients() {
        TenantId tenant = TenantId.random();
        CallSid call = CallSid.of("CA1");
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Alert a = Alert.pending(java.util.UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of("+33612345678")), "hello", Language.FRENCH, now);
        Alert b = Alert.pending(java.util.UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of("+33612345678")), "other", Language.FRENCH, now);
        assertThat(a.idempotencyKey()).isEqualTo(b.idempotencyKey());
        assertThat(a.idempotencyKey()).isEqualTo(tenant.value() + ":CA1:sms:+33612345678");
        assertThat(a.kind()).isEqualTo(AlertKind.SMS);
        assertThatThrownBy(() -> Alert.pending(java.util.UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of("0612")), "x", Language.FRENCH, now))
                .hasMessageContaining("E.164");
        assertThatThrownBy(() -> Alert.pending(java.util.UUID.randomUUID(), tenant, call, null, "x", Language.FRENCH, now))
                .hasMessageContaining("'recipient'");
    }

    @Test
    void contactNoticesCarryTheirOwnKindAndReadBackAsTheSameRecord() {
        PhoneNumber number = PhoneNumber.of("+33612345678");
        for (AlertKind kind : AlertKind.values()) {
            if (!kind.notice()) {
                assertThatThrownBy(() -> new AlertRecipient.ContactNotice(kind, number)).hasMessageContaining("notice kind");
                continue;
            }
            AlertRecipient notice = new AlertRecipient.ContactNotice(kind, number);
            assertThat(notice.kind()).isEqualTo(kind);
            assertThat(kind.texted()).isTrue();
            assertThat(notice.value()).isEqualTo("+33612345678");
            assertThat(notice.textedNumber()).contains(number);
            assertThat(AlertRecipient.parse(kind, "+33612345678")).isEqualTo(notice);
            assertThatThrownBy(() -> AlertRecipient.parse(kind, "Conf-x")).hasMessageContaining("E.164");
        }
        assertThat(new AlertRecipient.ContactNotice(AlertKind.PHONE_OFFLINE, number))
                .isNotEqualTo(new AlertRecipient.ContactNotice(AlertKind.REPORTED_CALLER, number));
        assertThatThrownBy(() -> new AlertRecipient.ContactNotice(null, number)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AlertRecipient.ContactNotice(AlertKind.PHONE_OFFLINE, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void alertRecipientsSayTheirKindAndReadBackFromTheirStoredForm() {
        TenantId tenant = TenantId.random();
        ConferenceName room = ConferenceName.forCall(tenant, CallSid.of("CA1"));
        AlertRecipient phone = new AlertRecipient.Phone(PhoneNumber.of("+33612345678"));
        AlertRecipient conference = new AlertRecipient.Conference(room);

        assertThat(phone.kind()).isEqualTo(AlertKind.SMS);
        assertThat(phone.value()).isEqualTo("+33612345678");
        assertThat(conference.kind()).isEqualTo(AlertKind.CONFERENCE_ANNOUNCEMENT);
        assertThat(conference.value()).isEqualTo(room.value());
        assertThat(AlertRecipient.parse(AlertKind.SMS, "+33612345678")).isEqualTo(phone);
        assertThat(AlertRecipient.parse(AlertKind.CONFERENCE_ANNOUNCEMENT, room.value())).isEqualTo(conference);
        assertThatThrownBy(() -> AlertRecipient.parse(AlertKind.SMS, room.value())).hasMessageContaining("E.164");
        assertThatThrownBy(() -> AlertRecipient.parse(AlertKind.CONFERENCE_ANNOUNCEMENT, "+33 6 12"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertRecipient.parse(null, "+33612345678")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AlertRecipient.Phone(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AlertRecipient.Conference(null)).isInstanceOf(NullPointerException.class);
        Alert spoken = Alert.pending(java.util.UUID.randomUUID(), tenant, CallSid.of("CA1"), conference, "x", Language.FRENCH,
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(spoken.kind()).isEqualTo(AlertKind.CONFERENCE_ANNOUNCEMENT);
        assertThat(spoken.idempotencyKey()).endsWith(":conference_announcement:" + room.value());
    }

    @Test
    void callStatesOnlyMoveForward() {
        assertThat(CallState.RINGING.canMoveTo(CallState.ENDED)).isTrue();
        assertThat(CallState.ENDED.canMoveTo(CallState.IN_PROGRESS)).isFalse();
        assertThat(TranscriptSegment.finalText(Speaker.CALLER, 0, "bonjour").isFinal()).isTrue();
        assertThatThrownBy(() -> new TranscriptSegment(Speaker.CALLER, 0, "x", true, Duration.ofSeconds(2), Duration.ofSeconds(1), 1))
                .hasMessageContaining("'endOffset'");
        assertThat(List.of(Speaker.values())).hasSize(2);
    }
}
