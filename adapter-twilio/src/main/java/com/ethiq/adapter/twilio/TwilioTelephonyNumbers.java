package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@link TelephonyNumbers} on Twilio's AvailablePhoneNumbers and IncomingPhoneNumbers resources, a thin mapping over
 * {@link TwilioNumberManagement}. {@code bundleSid}/{@code addressSid}: the regulatory bundle and address some
 * countries (France included) require to buy a number; null when not needed. Thread-safe.
 */
public final class TwilioTelephonyNumbers implements TelephonyNumbers {
    private final TwilioNumberManagement twilio;
    private final String bundleSid;
    private final String addressSid;
    private final URI voiceFallbackUrl;

    public TwilioTelephonyNumbers(TwilioSettings settings, Clock clock, String bundleSid, String addressSid) {
        this(settings, clock, bundleSid, addressSid, null);
    }

    /**
     * {@code voiceFallbackUrl} (null: none) is set on every number bought or configured, and a number whose fallback
     * differs, or that carries a voice application or a SIP trunk, counts as misconfigured: reconciliation repairs it.
     */
    public TwilioTelephonyNumbers(TwilioSettings settings, Clock clock, String bundleSid, String addressSid, URI voiceFallbackUrl) {
        this.twilio = new TwilioNumberManagement(settings, clock);
        this.bundleSid = blankToNull(bundleSid);
        this.addressSid = blankToNull(addressSid);
        if (voiceFallbackUrl != null && settings.requireTls() && !"https".equalsIgnoreCase(voiceFallbackUrl.getScheme())) {
            throw new IllegalArgumentException("'voiceFallbackUrl' must be https when TLS is required, got '" + voiceFallbackUrl + "'");
        }
        this.voiceFallbackUrl = voiceFallbackUrl;
    }

    @Override
    public List<Offered> search(TelephonyCredentials account, String isoCountry, String area, int limit) {
        return twilio.searchLocal(account, isoCountry, area, limit).stream()
                .filter(TwilioNumberManagement.AvailableNumber::voice) // French local numbers are voice-only: alerts use a sender ID
                .map(n -> new Offered(n.number(), n.isoCountry(), n.region())).toList();
    }

    @Override
    public Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks) {
        return ownedNumber(twilio.buy(account, number, toTwilio(webhooks, number), bundleSid, addressSid));
    }

    /** The account's own bundle and address where it has them; the platform's ({@code ETHIQ_TWILIO_BUNDLE_SID}/…) otherwise. */
    @Override
    public Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks, Compliance compliance) {
        java.util.Objects.requireNonNull(compliance, "'compliance' must not be null");
        return ownedNumber(twilio.buy(account, number, toTwilio(webhooks, number), compliance.bundleSid().orElse(bundleSid),
                compliance.addressSid().orElse(addressSid)));
    }

    @Override
    public Owned configure(TelephonyCredentials account, String numberSid, Webhooks webhooks) {
        PhoneNumber number = null;
        if (FallbackTwiml.namesTheNumber(voiceFallbackUrl)) {
            // the fallback names the number: find which one this SID is (configure runs at provisioning and repair only)
            number = twilio.listOwned(account).stream().filter(n -> n.sid().equals(numberSid)).findFirst()
                    .map(TwilioNumberManagement.OwnedNumber::number)
                    .orElseThrow(() -> new IllegalArgumentException("'numberSid' is not owned by the account: " + numberSid));
        }
        return ownedNumber(twilio.configure(account, numberSid, toTwilio(webhooks, number)));
    }

    @Override
    public Owned reset(TelephonyCredentials account, String numberSid) {
        return ownedNumber(twilio.reset(account, numberSid));
    }

    @Override
    public List<Owned> owned(TelephonyCredentials account) {
        return twilio.listOwned(account).stream().map(this::ownedNumber).toList();
    }

    @Override
    public Optional<Owned> find(TelephonyCredentials account, PhoneNumber number) {
        return twilio.findOwned(account, number).map(this::ownedNumber);
    }

    private TwilioNumberManagement.Webhooks toTwilio(Webhooks w, PhoneNumber number) {
        if (w == null) {
            throw new IllegalArgumentException("'webhooks' must not be null");
        }
        return new TwilioNumberManagement.Webhooks(w.voiceUrl(), w.statusCallback(), w.smsUrl(), fallbackOf(number));
    }

    /** The configured fallback, with {@code {number}} replaced by the number's E.164 digits. */
    private URI fallbackOf(PhoneNumber number) {
        return number == null ? voiceFallbackUrl : FallbackTwiml.forNumber(voiceFallbackUrl, number);
    }

    private Owned ownedNumber(TwilioNumberManagement.OwnedNumber n) {
        // A partly configured number counts as unconfigured: it differs from ours either way. So does one whose
        // fallback is not ours, or with an application or trunk that would take its calls away from the voice URL.
        boolean ours = n.voiceUrl() != null && n.statusCallback() != null && n.smsUrl() != null
                && java.util.Objects.equals(n.voiceFallbackUrl(), fallbackOf(n.number()))
                && n.voiceApplicationSid() == null && n.trunkSid() == null;
        Webhooks w = ours ? new Webhooks(n.voiceUrl(), n.statusCallback(), n.smsUrl()) : null;
        return new Owned(n.sid(), n.number(), w);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
