package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.TwilioCallbacks.ConferenceEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.LegStatus;
import com.ethiq.core.domain.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioCallbacksTest {

    @ParameterizedTest
    @CsvSource({"queued,RINGING", "initiated,RINGING", "ringing,RINGING", "in-progress,IN_PROGRESS", "answered,IN_PROGRESS",
            "completed,ENDED", "busy,ENDED", "failed,ENDED", "no-answer,ENDED", "canceled,ENDED", "' Completed ',ENDED"})
    void callStatusWordsAreCallStates(String word, CallState state) {
        assertThat(TwilioCallbacks.callState(word)).contains(state);
    }

    @ParameterizedTest
    @CsvSource({"initiated,RINGING", "ringing,RINGING", "in-progress,ANSWERED", "completed,COMPLETED", "no-answer,NO_ANSWER",
            "busy,BUSY", "failed,FAILED", "canceled,CANCELED"})
    void theProtectedPersonsLegStatusWordsAreLegStatuses(String word, LegStatus status) {
        assertThat(TwilioCallbacks.legStatus(word)).contains(status);
        assertThat(TwilioCallbacks.legStatus("bogus")).isEmpty();
        assertThat(TwilioCallbacks.legStatus(null)).isEmpty();
    }

    @Test
    void unknownStatusWordsAreNoState() {
        assertThat(TwilioCallbacks.callState("bogus")).isEmpty();
        assertThat(TwilioCallbacks.callState(null)).isEmpty();
        assertThat(TwilioCallbacks.callState("")).isEmpty();
    }

    @Test
    void conferenceEventsAreRead() {
        assertThat(ConferenceEvent.parse("conference-start")).isEqualTo(ConferenceEvent.STARTED);
        assertThat(ConferenceEvent.parse("conference-end")).isEqualTo(ConferenceEvent.ENDED);
        assertThat(ConferenceEvent.parse("participant-leave")).isEqualTo(ConferenceEvent.PARTICIPANT_LEFT);
        assertThat(ConferenceEvent.parse("announcement-end")).isEqualTo(ConferenceEvent.ANNOUNCEMENT_ENDED);
        assertThat(ConferenceEvent.parse("announcement-fail")).isEqualTo(ConferenceEvent.ANNOUNCEMENT_FAILED);
        assertThat(ConferenceEvent.parse("participant-join")).isEqualTo(ConferenceEvent.OTHER);
        assertThat(ConferenceEvent.parse(null)).isEqualTo(ConferenceEvent.OTHER);
    }

    @Test
    void streamErrorsAreRecognised() {
        assertThat(TwilioCallbacks.isStreamError("stream-error")).isTrue();
        assertThat(TwilioCallbacks.isStreamError("stream-started")).isFalse();
        assertThat(TwilioCallbacks.isStreamError(null)).isFalse();
    }

    @Test
    void onlyThisTenantsConferenceNamesGiveTheCallersCall() {
        TenantId tenant = TenantId.random();
        CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
        String name = ConferenceName.forCall(tenant, call).value();

        assertThat(TwilioCallbacks.callOfConference(tenant, name)).contains(call);
        assertThat(TwilioCallbacks.callOfConference(TenantId.random(), name)).as("another tenant's").isEmpty();
        assertThat(TwilioCallbacks.callOfConference(tenant, "Conf-" + tenant + "-")).isEmpty();
        assertThat(TwilioCallbacks.callOfConference(tenant, "Conf-" + tenant + "-not a sid!")).isEmpty();
        assertThat(TwilioCallbacks.callOfConference(tenant, "Other-" + tenant + "-" + call)).isEmpty();
        assertThat(TwilioCallbacks.callOfConference(tenant, null)).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"failed,NOT_DELIVERED", "undelivered,NOT_DELIVERED", "delivered,DELIVERED",
            "read,DELIVERED", "queued,IN_TRANSIT", "sending,IN_TRANSIT", "sent,IN_TRANSIT", "accepted,IN_TRANSIT", "UNDELIVERED,NOT_DELIVERED"})
    void smsStatusesAreReadAsDeliveryOutcomes(String status, com.ethiq.core.domain.SmsDelivery expected) {
        assertThat(TwilioCallbacks.smsDelivery(status)).isEqualTo(expected);
    }
}
