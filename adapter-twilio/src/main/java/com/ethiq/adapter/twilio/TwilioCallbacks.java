package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.SmsDelivery;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.LegStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * Twilio's words in its status callbacks, read into the core's types: call statuses ({@code CallStatus}), conference
 * events ({@code StatusCallbackEvent}), stream events ({@code StreamEvent}) and the conference names Ethiq gives
 * ({@code Conf-{tenant}-{callSid}}, see {@link ConferenceName#forCall}). Pure functions; the webhook routes parse the
 * form, call these, then the core.
 */
public final class TwilioCallbacks {
    private TwilioCallbacks() {
    }

    /** What a conference status callback says happened. */
    public enum ConferenceEvent {
        STARTED, ENDED, PARTICIPANT_LEFT, ANNOUNCEMENT_ENDED, ANNOUNCEMENT_FAILED,
        /** join, mute, hold…: nothing to record. */
        OTHER;

        /** Twilio's {@code StatusCallbackEvent} value. */
        public static ConferenceEvent parse(String event) {
            if (event == null) {
                return OTHER;
            }
            return switch (event) {
                case "conference-start" -> STARTED;
                case "conference-end" -> ENDED;
                case "participant-leave" -> PARTICIPANT_LEFT;
                case "announcement-end" -> ANNOUNCEMENT_ENDED;
                case "announcement-fail" -> ANNOUNCEMENT_FAILED;
                default -> OTHER;
            };
        }
    }

    /** Twilio's {@code CallStatus} ("ringing", "in-progress", "completed", "busy"…) as a call state; empty if unknown. */
    public static Optional<CallState> callState(String callStatus) {
        if (callStatus == null) {
            return Optional.empty();
        }
        return switch (callStatus.trim().toLowerCase(Locale.ROOT)) {
            case "queued", "initiated", "ringing" -> Optional.of(CallState.RINGING);
            case "in-progress", "answered" -> Optional.of(CallState.IN_PROGRESS);
            case "completed", "busy", "failed", "no-answer", "canceled" -> Optional.of(CallState.ENDED);
            default -> Optional.empty();
        };
    }

    /**
     * The {@code CallStatus} of the protected person's leg (its participant status callback) as the core reads it;
     * empty if unknown. Twilio reports {@code initiated}, {@code ringing}, {@code in-progress} (answered), then a final
     * status with the {@code completed} event: {@code completed} (after an answer), {@code no-answer} (rang until the
     * participant's Timeout), {@code busy}, {@code failed} (the SIP endpoint could not be reached), {@code canceled}
     * (we cancelled it: the caller hung up while it rang).
     */
    public static Optional<LegStatus> legStatus(String callStatus) {
        if (callStatus == null) {
            return Optional.empty();
        }
        return switch (callStatus.trim().toLowerCase(Locale.ROOT)) {
            case "queued", "initiated", "ringing" -> Optional.of(LegStatus.RINGING);
            case "in-progress", "answered" -> Optional.of(LegStatus.ANSWERED);
            case "completed" -> Optional.of(LegStatus.COMPLETED);
            case "no-answer" -> Optional.of(LegStatus.NO_ANSWER);
            case "busy" -> Optional.of(LegStatus.BUSY);
            case "failed" -> Optional.of(LegStatus.FAILED);
            case "canceled" -> Optional.of(LegStatus.CANCELED);
            default -> Optional.empty();
        };
    }

    /**
     * Twilio's {@code MessageStatus} of an SMS status callback: {@code failed} and {@code undelivered} mean it will never
     * arrive; {@code delivered} (and {@code read}) that it did; anything else ({@code queued}, {@code sending},
     * {@code sent}, {@code accepted}…) that it is on its way.
     */
    public static SmsDelivery smsDelivery(String messageStatus) {
        if (messageStatus == null) {
            return SmsDelivery.IN_TRANSIT;
        }
        return switch (messageStatus.trim().toLowerCase(Locale.ROOT)) {
            case "failed", "undelivered" -> SmsDelivery.NOT_DELIVERED;
            case "delivered", "read" -> SmsDelivery.DELIVERED;
            default -> SmsDelivery.IN_TRANSIT;
        };
    }

    /** Whether a {@code StreamEvent} reports that Twilio lost the media stream. */
    public static boolean isStreamError(String streamEvent) {
        return "stream-error".equals(streamEvent);
    }

    /** {@code Conf-{tenant}-{callSid}} of this tenant → the caller's call sid; empty for any other name. */
    public static Optional<CallSid> callOfConference(TenantId tenant, String friendlyName) {
        String prefix = "Conf-" + tenant + "-";
        if (friendlyName == null || !friendlyName.startsWith(prefix)) {
            return Optional.empty();
        }
        String sid = friendlyName.substring(prefix.length());
        if (!CallSid.isValid(sid)) {
            return Optional.empty();
        }
        CallSid callSid = CallSid.of(sid);
        return ConferenceName.forCall(tenant, callSid).value().equals(friendlyName) ? Optional.of(callSid) : Optional.empty();
    }
}
