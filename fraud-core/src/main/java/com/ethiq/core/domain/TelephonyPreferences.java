package com.ethiq.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An account's telephony choices that differ from the platform's: who hears spoken warnings, and the sender of its
 * alert SMS (a registered alphanumeric sender ID and/or a messaging service of its own). Absent sender fields mean
 * "the platform's".
 */
public record TelephonyPreferences(AnnouncementAudience audience, String smsSenderId, String messagingService) {
    /** Warnings to the protected person only; the platform's SMS sender. */
    public static final TelephonyPreferences DEFAULT = new TelephonyPreferences(AnnouncementAudience.PROTECTED_PERSON, null, null);

    public TelephonyPreferences {
        Objects.requireNonNull(audience, "'audience' must not be null");
        smsSenderId = blankToNull(smsSenderId);
        messagingService = blankToNull(messagingService);
        // The alphanumeric sender ID rule carriers apply: up to 11 ASCII letters, digits and spaces, not digits only.
        if (smsSenderId != null && !smsSenderId.matches("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")) {
            throw new IllegalArgumentException("'smsSenderId' must be 1 to 11 letters, digits or spaces, with a letter");
        }
        if (messagingService != null && !messagingService.matches("[A-Za-z0-9_-]{2,64}")) {
            throw new IllegalArgumentException("'messagingService' must be 2 to 64 letters, digits, '-' or '_'");
        }
    }

    public Optional<String> senderId() {
        return Optional.ofNullable(smsSenderId);
    }

    public Optional<String> service() {
        return Optional.ofNullable(messagingService);
    }

    public TelephonyPreferences withAudience(AnnouncementAudience value) {
        return new TelephonyPreferences(value, smsSenderId, messagingService);
    }

    public TelephonyPreferences withSmsSender(String senderId, String service) {
        return new TelephonyPreferences(audience, senderId, service);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
