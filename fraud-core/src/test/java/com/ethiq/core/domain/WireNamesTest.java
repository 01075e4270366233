package com.ethiq.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The words stored in the database and exchanged with adapters: lower-case names that read back to the same
 * constant, tolerant of case and surrounding spaces.
 */
class WireNamesTest {

    @Test
    void enumWireNamesAreLowerCaseAndRoundTrip() {
        assertThat(AlertKind.CONFERENCE_ANNOUNCEMENT.wire()).isEqualTo("conference_announcement");
        assertThat(AlertStatus.FAILED.wire()).isEqualTo("failed");
        assertThat(CallProtection.UNPROTECTED_NO_MEDIA.wire()).isEqualTo("unprotected_no_media");
        assertThat(AccountStatus.SUSPENDED.wire()).isEqualTo("suspended");
        assertThat(UsageKind.AI_PROMPT_TOKENS.wire()).isEqualTo("ai_prompt_tokens");
        assertThat(CallState.IN_PROGRESS.wire()).isEqualTo("in_progress");
        for (AlertKind v : AlertKind.values()) {
            assertThat(AlertKind.fromWire(v.wire())).isEqualTo(v);
        }
        for (AlertStatus v : AlertStatus.values()) {
            assertThat(AlertStatus.fromWire(v.wire())).isEqualTo(v);
        }
        for (CallProtection v : CallProtection.values()) {
            assertThat(CallProtection.fromWire(v.wire())).isEqualTo(v);
        }
        for (AccountStatus v : AccountStatus.values()) {
            assertThat(AccountStatus.fromWire(v.wire())).isEqualTo(v);
        }
        for (UsageKind v : UsageKind.values()) {
            assertThat(UsageKind.fromWire(v.wire())).isEqualTo(v);
        }
        for (CallState v : CallState.values()) {
            assertThat(CallState.fromWire(v.wire())).isEqualTo(v);
        }
    }

    @Test
    void wireNamesAreReadCaseInsensitivelyAndTrimmed() {
        assertThat(AlertKind.fromWire(" SMS ")).isEqualTo(AlertKind.SMS);
        assertThat(CallState.fromWire("Ended\n")).isEqualTo(CallState.ENDED);
        assertThatThrownBy(() -> AlertStatus.fromWire("delivered")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void speakersMapTheMediaTracks() {
        assertThat(Speaker.CALLER.wire()).isEqualTo("caller");
        assertThat(Speaker.CALLEE.wire()).isEqualTo("callee");
        assertThat(Speaker.fromWire("caller")).isEqualTo(Speaker.CALLER);
        assertThat(Speaker.fromWire("INBOUND")).isEqualTo(Speaker.CALLER);
        assertThat(Speaker.fromWire("callee")).isEqualTo(Speaker.CALLEE);
        assertThat(Speaker.fromWire("outbound")).isEqualTo(Speaker.CALLEE);
        assertThatThrownBy(() -> Speaker.fromWire("both_tracks"))
                .hasMessage("'speaker' must be 'caller' or 'callee', got 'both_tracks'");
    }

    @Test
    void aCallMayStayInItsStateButNeverGoBack() {
        assertThat(CallState.RINGING.canMoveTo(CallState.RINGING)).isTrue();
        assertThat(CallState.IN_PROGRESS.canMoveTo(CallState.IN_PROGRESS)).isTrue();
        assertThat(CallState.IN_PROGRESS.canMoveTo(CallState.RINGING)).isFalse();
    }

    @Test
    void languagesCarryTheirSpeechTags() {
        assertThat(Language.FRENCH.bcp47()).isEqualTo("fr-FR");
        assertThat(Language.ENGLISH.bcp47()).isEqualTo("en-US");
        assertThat(Language.ENGLISH.code()).isEqualTo("en");
        assertThatThrownBy(() -> Language.parse(" ")).hasMessage("'language' must be 'fr' or 'en', got ' '");
    }
}
