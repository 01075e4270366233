package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
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

    public TwilioTelephonyNumbers(TwilioSettings settings, Clock clock, String bundleSid, String addressSid) {
        this.twilio = new TwilioNumberManagement(settings, clock);
        this.bundleSid = blankToNull(bundleSid);
        this.addressSid = blankToNull(addressSid);
    }

    @Override
    public List<Offered> search(TelephonyCredentials account, String isoCountry, String area, int limit) {
        return twilio.searchLocal(account, isoCountry, area, limit).stream()
                .filter(n -> n.voice() && n.sms())
                .map(n -> new Offered(n.number(), n.isoCountry(), n.region())).toList();
    }

    @Override
    public Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks) {
        return owned(twilio.buy(account, number, toTwilio(webhooks), bundleSid, addressSid));
    }

    @Override
    public Owned configure(TelephonyCredentials account, String numberSid, Webhooks webhooks) {
        return owned(twilio.configure(account, numberSid, toTwilio(webhooks)));
    }

    @Override
    public Owned reset(TelephonyCredentials account, String numberSid) {
        return owned(twilio.reset(account, numberSid));
    }

    @Override
    public List<Owned> owned(TelephonyCredentials account) {
        return twilio.listOwned(account).stream().map(TwilioTelephonyNumbers::owned).toList();
    }

    @Override
    public Optional<Owned> find(TelephonyCredentials account, PhoneNumber number) {
        return twilio.findOwned(account, number).map(TwilioTelephonyNumbers::owned);
    }

    private static TwilioNumberManagement.Webhooks toTwilio(Webhooks w) {
        if (w == null) {
            throw new IllegalArgumentException("'webhooks' must not be null");
        }
        return new TwilioNumberManagement.Webhooks(w.voiceUrl(), w.statusCallback(), w.smsUrl());
    }

    private static Owned owned(TwilioNumberManagement.OwnedNumber n) {
        // a partly configured number counts as unconfigured: it differs from ours either way
        Webhooks w = n.voiceUrl() != null && n.statusCallback() != null && n.smsUrl() != null
                ? new Webhooks(n.voiceUrl(), n.statusCallback(), n.smsUrl()) : null;
        return new Owned(n.sid(), n.number(), w);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
