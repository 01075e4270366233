package com.ethiq.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An account's telephony choices that differ from the platform's: who hears spoken warnings, and the sender of its
 * alert SMS (a registered alphanumeric sender ID and/or a messaging service of its own). Absent sender fields mean
 * "the platform's". {@code regulatoryBundleSid}/{@code addressSid} (issue 22, item 9): the end user's own Twilio
 * regulatory bundle and address, required to buy a French number for this account (Twilio ties them to the end user);
 * absent = the platform's default, where the country allows it.
 */
public record TelephonyPreferences(AnnouncementAudience audience, String smsSenderId, String messagingService,
                                   String regulatoryBundleSid, String addressSid) {
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
        regulatoryBundleSid = blankToNull(regulatoryBundleSid);
        addressSid = blankToNull(addressSid);
        // Twilio SIDs: two letters and 32 hex digits (BU… for a bundle, AD… for an address)
        if (regulatoryBundleSid != null && !regulatoryBundleSid.matches("BU[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("'regulatoryBundleSid' must be 'BU' and 32 hex digits");
        }
        if (addressSid != null && !addressSid.matches("AD[0-9a-fA-F]{32}")) {
            throw new IllegalArgumentException("'addressSid' must be 'AD' and 32 hex digits");
        }
    }

    /** Without a bundle or address of the account's own. */
    public TelephonyPreferences(AnnouncementAudience audience, String smsSenderId, String messagingService) {
        this(audience, smsSenderId, messagingService, null, null);
    }

    public Optional<String> bundle() {
        return Optional.ofNullable(regulatoryBundleSid);
    }

    public Optional<String> address() {
        return Optional.ofNullable(addressSid);
    }

    public TelephonyPreferences withCompliance(String bundleSid, String address) {
        return new TelephonyPreferences(audience, smsSenderId, messagingService, bundleSid, address);
    }

    public Optional<String> senderId() {
        return Optional.ofNullable(smsSenderId);
    }

    public Optional<String> service() {
        return Optional.ofNullable(messagingService);
    }

    public TelephonyPreferences withAudience(AnnouncementAudience value) {
        return new TelephonyPreferences(value, smsSenderId, messagingService, regulatoryBundleSid, addressSid);
    }

    public TelephonyPreferences withSmsSender(String senderId, String service) {
        return new TelephonyPreferences(audience, senderId, service, regulatoryBundleSid, addressSid);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
