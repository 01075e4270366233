package com.ethiq.core.management.onboarding;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Outgoing port: phone numbers at the telephony provider, on the account passed in (the platform's account or a
 * tenant's subaccount): search, buy, point webhooks at us, reset them, list owned. Failures are
 * {@link com.ethiq.core.port.VendorException}s. Thread-safe.
 */
public interface TelephonyNumbers {

    /** Local numbers on offer in {@code isoCountry}, optionally narrowed to the provider's {@code area} name; voice + SMS. */
    List<Offered> search(TelephonyCredentials account, String isoCountry, String area, int limit);

    /** Buys the number with its webhooks already set (a free pool number reaching us is rejected as unknown). */
    Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks);

    /**
     * Buys the number for one account with that account's own regulatory bundle and address (issue 22, item 9:
     * Twilio ties a French number to its end user's); an absent one falls back to the platform's default. An
     * implementation without regulatory requirements buys as {@link #buy(TelephonyCredentials, PhoneNumber, Webhooks)}.
     */
    default Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks, Compliance compliance) {
        return buy(account, number, webhooks);
    }

    /** An end user's regulatory bundle and address at the provider; empty = the platform's default. */
    record Compliance(Optional<String> bundleSid, Optional<String> addressSid) {
        public static final Compliance PLATFORM_DEFAULT = new Compliance(Optional.empty(), Optional.empty());

        public Compliance {
            Objects.requireNonNull(bundleSid, "'bundleSid' must not be null");
            Objects.requireNonNull(addressSid, "'addressSid' must not be null");
        }

        /** The account's own, from its stored telephony preferences. */
        public static Compliance of(com.ethiq.core.domain.TelephonyPreferences preferences) {
            return new Compliance(preferences.bundle(), preferences.address());
        }
    }

    /** Points the owned number's voice URL, status callback and SMS URL at us. Idempotent. */
    Owned configure(TelephonyCredentials account, String numberSid, Webhooks webhooks);

    /** Clears the number's webhooks: calls to it no longer reach us. Idempotent. */
    Owned reset(TelephonyCredentials account, String numberSid);

    /** Every number the account owns. */
    List<Owned> owned(TelephonyCredentials account);

    /** The owned number with that value, if any. */
    default Optional<Owned> find(TelephonyCredentials account, PhoneNumber number) {
        return owned(account).stream().filter(o -> o.number().equals(number)).findFirst();
    }

    /** A number on offer. */
    record Offered(PhoneNumber number, String isoCountry, String area) {
        public Offered {
            Objects.requireNonNull(number, "'number' must not be null");
        }
    }

    /** A number the account owns; {@code webhooks} is null when none is set (or only some are). */
    record Owned(String sid, PhoneNumber number, Webhooks webhooks) {
        public Owned {
            Objects.requireNonNull(sid, "'sid' must not be null");
            Objects.requireNonNull(number, "'number' must not be null");
        }

        public boolean configured() {
            return webhooks != null;
        }
    }

    /** Where the provider sends a number's incoming calls, call status events and incoming SMS. */
    record Webhooks(URI voiceUrl, URI statusCallback, URI smsUrl) {
        public Webhooks {
            Objects.requireNonNull(voiceUrl, "'voiceUrl' must not be null");
            Objects.requireNonNull(statusCallback, "'statusCallback' must not be null");
            Objects.requireNonNull(smsUrl, "'smsUrl' must not be null");
        }

        /** The standard webhooks of a deployment reachable at {@code publicBaseUrl} (scheme://host[:port]). */
        public static Webhooks at(URI publicBaseUrl, String voicePath, String statusPath, String smsPath) {
            Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
            String base = publicBaseUrl.toString().replaceAll("/+$", "");
            return new Webhooks(URI.create(base + voicePath), URI.create(base + statusPath), URI.create(base + smsPath));
        }
    }
}
