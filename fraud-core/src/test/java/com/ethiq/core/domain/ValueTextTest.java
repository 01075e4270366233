package com.ethiq.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the value types print (they are concatenated into provider requests and logs) and what they default to. */
class ValueTextTest {

    private static final TenantId TENANT = TenantId.of("00000000-0000-4000-8000-000000000001");

    @Test
    void identifiersPrintTheirOwnValue() {
        assertThat(PhoneNumber.of("+33612345678")).hasToString("+33612345678");
        assertThat(CallSid.of("CA42")).hasToString("CA42");
        assertThat(new ConferenceName("Conf-1-CA42")).hasToString("Conf-1-CA42");
        assertThat(SipAddress.of("sip:alice@home.sip.twilio.com")).hasToString("sip:alice@home.sip.twilio.com");
        assertThat(TENANT).hasToString("00000000-0000-4000-8000-000000000001");
    }

    @Test
    void secretsMaskShortValuesEntirelyAndCompareByValue() {
        assertThat(Secret.of("1234").lastFour()).isEqualTo("****");
        assertThat(Secret.of("01234").lastFour()).isEqualTo("1234");
        assertThat(Secret.of("token")).hasToString("Secret[****]");
        assertThat(Secret.of("token")).isNotEqualTo(Secret.of("other")).isNotEqualTo("token");
        assertThat(Secret.of("token").reveal()).isEqualTo("token");
    }

    @Test
    void aStartedCallLogIsRingingClearAndOpen() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        CallLog log = CallLog.started(TENANT, CallSid.of("CA1"), null, at, CallProtection.PROTECTED);
        assertThat(log.caller()).isEmpty();
        assertThat(log.state()).isEqualTo(CallState.RINGING);
        assertThat(log.ended()).isEmpty();
        assertThat(log.ai()).isEmpty();

        CallLog ended = new CallLog(TENANT, CallSid.of("CA1"), "anonymous", at, at.plusSeconds(60), CallState.ENDED,
                CallProtection.PROTECTED, false, null, 0.0, null, null, null);
        assertThat(ended.ended()).contains(at.plusSeconds(60));
        assertThat(ended.verdict()).isEqualTo("clear");
        assertThat(ended.category()).isEqualTo(ScamCategory.NONE);
        assertThat(ended.explanation()).isEmpty();
        assertThat(ended.caller()).isEqualTo("anonymous");
        CallLog flagged = new CallLog(TENANT, CallSid.of("CA1"), "+33612345678", at, null, CallState.IN_PROGRESS,
                CallProtection.PROTECTED, true, "scam", 0.9, ScamCategory.values()[1], "asked for a code", null);
        assertThat(flagged.verdict()).isEqualTo("scam");
        assertThat(flagged.category()).isEqualTo(ScamCategory.values()[1]);
        assertThat(flagged.explanation()).isEqualTo("asked for a code");
    }
}
