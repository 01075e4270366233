package com.ethiq.core.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the protected person's phone rings before the call counts as not answered, and where an unanswered call
 * goes: the account's voicemail (a SIP address or a phone number) or, without one, a short polite message to the caller.
 */
public record RingSettings(Duration timeout, String voicemail) {
    public static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(120);
    /** 30 s of ringing (about 6 rings of the French cadence), no voicemail. */
    public static final RingSettings DEFAULT = new RingSettings(Duration.ofSeconds(30), null);

    public RingSettings {
        Objects.requireNonNull(timeout, "'timeout' must not be null");
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0 || timeout.toMillisPart() != 0) {
            throw new IllegalArgumentException("'timeout' must be whole seconds from 5 to 120, got " + timeout);
        }
        voicemail = voicemail == null || voicemail.isBlank() ? null : voicemail.strip();
        if (voicemail != null && !PhoneNumber.isValid(voicemail) && !isSip(voicemail)) {
            throw new IllegalArgumentException("'voicemail' must be an E.164 number or a sip: address");
        }
    }

    /** The voicemail to forward an unanswered call to, if the account has one. */
    public Optional<String> forwardTo() {
        return Optional.ofNullable(voicemail);
    }

    private static boolean isSip(String text) {
        try {
            new SipAddress(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
