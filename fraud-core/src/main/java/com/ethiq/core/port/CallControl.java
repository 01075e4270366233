package com.ethiq.core.port;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;

/**
 * Outgoing port: acts on live calls and sends messages through the tenant's own telephony account.
 * Failures raise {@link CallControlException}; {@code permanent()} ones (invalid number, bad credentials) must not
 * be retried. Implementations never retry a non-idempotent send on their own unless it is provably safe
 * (the request was not processed). Thread-safe.
 */
public interface CallControl {
    /**
     * {@link CallControlException#vendorCode()} of a transient announce failure: the conference exists but has not
     * started (only the caller is in, the protected person's phone still rings). Retry once the person joined.
     */
    String CONFERENCE_NOT_STARTED = "conference-not-started";

    /**
     * Sends one SMS. {@code idempotencyKey} is stable across retries of the same alert; implementations use it
     * to avoid a second message when a previous attempt's outcome is unknown.
     */
    DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey);

    /** Speaks {@code message} to everyone in the tenant's conference. */
    DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey);

    /**
     * Rings the protected person's SIP address into the conference of the call {@code caller}, showing the tenant's
     * number as caller id, for at most {@code ringTimeout}. The leg's progress (ringing, answered, no answer, busy,
     * failed, cancelled) is reported back to the host as signed status callbacks naming {@code caller}.
     */
    ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress, PhoneNumber callerId,
                                         CallSid caller, Duration ringTimeout);

    /**
     * Like {@link #addSipParticipant}, but the protected person's phone shows {@code shown} (the real caller, or a
     * "withheld" display name) instead of the account's number; {@code tenantNumber} is the account's number, for
     * implementations that can only show that. Implementations that cannot set a caller id fall back to
     * {@link #addSipParticipant}.
     */
    default ParticipantReceipt ringProtectedPerson(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                   PhoneNumber tenantNumber, CallerShown shown, CallSid caller, Duration ringTimeout) {
        return addSipParticipant(tenant, conference, sipAddress, tenantNumber, caller, ringTimeout);
    }

    /**
     * Speaks a stored announcement in the tenant's conference to its {@link Announcement#audience()}: the provider
     * fetches the words by {@link Announcement#reference()} (implementations that speak the text themselves may use
     * it directly). The default, for implementations that cannot address one participant (decorators, test doubles),
     * speaks the words to everyone through {@link #announce(TenantId, ConferenceName, String, Language, String)}: a
     * warning everyone hears beats none. The Twilio adapter and the recording fake honour the audience.
     */
    default DeliveryReceipt announce(TenantId tenant, ConferenceName conference, Announcement announcement) {
        return announce(tenant, conference, announcement.text(), announcement.language(), announcement.idempotencyKey());
    }

    /**
     * Takes the caller out of the conference and gives the call to {@code diversion} (a message then hang up, or a
     * forward to the account's voicemail). The media stream started on the call keeps running.
     */
    void divert(TenantId tenant, CallSid caller, Diversion diversion);

    /** Ends a call leg. Ending an already ended call is not an error. */
    void hangUp(TenantId tenant, CallSid callSid);

    /** Ends a leg that may still be ringing (cancelled) or already answered (hung up). Ended already is not an error. */
    void cancelLeg(TenantId tenant, CallSid leg);

    /**
     * Dials a relative's phone into the live conference of the call, through the tenant's account, showing the
     * tenant's number {@code callerId}. Never silent: a tone marks their entry and {@code announcement} is spoken in
     * the conference. {@code idempotencyKey} is stable for one call's join. Default: not supported (permanent).
     */
    default ParticipantReceipt addRelative(TenantId tenant, ConferenceName conference, PhoneNumber relative, PhoneNumber callerId,
                                           String announcement, Language language, String idempotencyKey) {
        throw new CallControlException("adding a relative to a call is not supported by this telephony", true, "unsupported", null);
    }

    /**
     * Ends a call on a relative's request: the stored {@code notice} is first said to the protected person (their leg
     * {@code protectedLeg}, when known; the provider fetches its words by {@link Announcement#reference()}, as for a
     * warning), then the caller's call is completed. A call already over is not an error. Default: not supported
     * (permanent).
     */
    default void endCallWithNotice(TenantId tenant, ConferenceName conference, CallSid caller, CallSid protectedLeg,
                                   Announcement notice) {
        throw new CallControlException("ending a call with a notice is not supported by this telephony", true, "unsupported", null);
    }

    /**
     * Whether the provider still has the call: {@link CallLiveness#LIVE} while it is queued, ringing or in progress,
     * {@link CallLiveness#ENDED} once it is over or unknown to the provider. Used to decide whether a call whose node
     * died is streamed again or closed. Implementations that cannot ask say so with a permanent failure.
     */
    default CallLiveness callLiveness(TenantId tenant, CallSid callSid) {
        throw new CallControlException("call liveness is not supported by " + getClass().getSimpleName(), true, "unsupported", null);
    }

    /**
     * Starts a new one-way media stream of both tracks on a live call, to {@code target} (the provider connects to its
     * URL and passes its parameters in the stream's start). Twilio never reconnects a stream on its own: this is how
     * a call whose node died is protected again.
     */
    default StreamReceipt startStream(TenantId tenant, CallSid callSid, StreamTarget target) {
        throw new CallControlException("starting a stream is not supported by " + getClass().getSimpleName(), true, "unsupported", null);
    }

    /** Whether the provider still has a call. */
    enum CallLiveness { LIVE, ENDED }

    /**
     * Where a new media stream goes: a {@code wss} URL without query (Twilio drops it), the parameters the stream's
     * start carries (at most {@value #MAX_PARAMETERS}), and an optional status callback URL (null for none).
     */
    record StreamTarget(java.net.URI url, java.util.Map<String, String> parameters, java.net.URI statusCallback) {
        public static final int MAX_PARAMETERS = 8;

        public StreamTarget {
            java.util.Objects.requireNonNull(url, "'url' must not be null");
            if (url.getQuery() != null) {
                throw new IllegalArgumentException("'url' must have no query (the provider drops it): " + url.getPath());
            }
            parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                    java.util.Objects.requireNonNull(parameters, "'parameters' must not be null")));
            if (parameters.size() > MAX_PARAMETERS) {
                throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " parameters, got " + parameters.size());
            }
        }

        @Override
        public String toString() {
            return "StreamTarget[" + url + ", parameters=" + parameters.keySet() + "]"; // values may be tokens
        }
    }

    /** The provider's reference of a stream it accepted to start. */
    record StreamReceipt(String streamReference) {
    }

    /**
     * What the provider said when it accepted to ring the protected person: the new leg, the conference's reference,
     * and how long the provider expects to queue the call before placing it (its calls-per-second limit; zero when
     * not said).
     */
    record ParticipantReceipt(CallSid leg, String conferenceReference, Duration queueTime) {
        public ParticipantReceipt {
            queueTime = queueTime == null || queueTime.isNegative() ? Duration.ZERO : queueTime;
        }

        public ParticipantReceipt(CallSid leg, String conferenceReference) {
            this(leg, conferenceReference, Duration.ZERO);
        }
    }

    /** Where a caller goes when the protected person cannot take the call. */
    sealed interface Diversion permits Diversion.Message, Diversion.Forward {
        /** Say {@code text} in {@code language}, then hang up. */
        record Message(String text, Language language) implements Diversion {
            public Message {
                if (text == null || text.isBlank()) {
                    throw new IllegalArgumentException("'text' must not be blank");
                }
                java.util.Objects.requireNonNull(language, "'language' must not be null");
            }
        }

        /** Forward to {@code destination} (E.164 or sip:) showing {@code callerId}; if it fails, say {@code fallback}. */
        record Forward(String destination, PhoneNumber callerId, Message fallback) implements Diversion {
            public Forward {
                if (destination == null || destination.isBlank()) {
                    throw new IllegalArgumentException("'destination' must not be blank");
                }
                java.util.Objects.requireNonNull(callerId, "'callerId' must not be null");
                java.util.Objects.requireNonNull(fallback, "'fallback' must not be null");
            }
        }
    }

    /** What the vendor said when it accepted a request. */
    record DeliveryReceipt(String providerReference, String status) {
    }

    /** A telephony failure; see {@link VendorException#permanent()}. */
    class CallControlException extends VendorException {
        public CallControlException(String message, boolean permanent, String vendorCode, Throwable cause) {
            super("telephony", message, permanent, vendorCode, cause);
        }
    }
}
