package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.port.CallControl.CallControlException;
import com.twilio.base.Page;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberCreator;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.rest.api.v2010.account.availablephonenumbercountry.Local;
import com.twilio.type.PhoneNumberCapabilities;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio phone numbers for the tenant number pool, on any account passed in (the platform's account or a tenant's
 * subaccount): search local numbers with voice and SMS, buy one, point its webhooks at us, reset them, list what the
 * account owns for reconciliation. Same transport, retry and breaker rules as {@link TwilioCallControl}: buying is
 * never resent blindly (an unknown outcome is resolved by looking the number up). Failures are
 * {@link CallControlException}s. Thread-safe.
 */
public final class TwilioNumberManagement {
    private static final Logger log = LoggerFactory.getLogger(TwilioNumberManagement.class);
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern NUMBER_SID = Pattern.compile("PN[0-9a-fA-F]{32}");
    static final int MAX_SEARCH = 50;
    static final int MAX_OWNED = 1000;

    private final TwilioSettings settings;
    private final SingleAttemptHttpClient http;
    private final Resilience resilience;

    public TwilioNumberManagement(TwilioSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.http = new SingleAttemptHttpClient(settings.apiBaseUrl(), settings.connectTimeout(), settings.readTimeout());
        this.resilience = new Resilience(settings, Objects.requireNonNull(clock, "'clock' must not be null"));
    }

    /**
     * Local numbers Twilio offers in {@code isoCountry} (e.g. "FR"), optionally in {@code region} (Twilio's InRegion:
     * a region/département name or code as Twilio lists it), able to make calls. SMS capability is not required: alerts
     * go out from an alphanumeric sender ID or a Messaging Service ({@link SmsSending}), and French local numbers are
     * typically voice-only, so requiring it would find none. At most {@code limit}.
     */
    public List<AvailableNumber> searchLocal(TelephonyCredentials account, String isoCountry, String region, int limit) {
        Objects.requireNonNull(account, "'account' must not be null");
        String country = country(isoCountry);
        if (limit < 1 || limit > MAX_SEARCH) {
            throw new IllegalArgumentException("'limit' must be 1.." + MAX_SEARCH + ", got " + limit);
        }
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "search numbers", () -> {
            Page<Local> page = resilience.idempotent(() -> {
                var reader = Local.reader(country).setVoiceEnabled(true).setPageSize((long) limit);
                if (region != null && !region.isBlank()) {
                    reader.setInRegion(region);
                }
                return reader.firstPage(client.rest());
            });
            List<AvailableNumber> out = new ArrayList<>();
            for (Local l : page.getRecords()) {
                if (l.getPhoneNumber() != null && PhoneNumber.isValid(l.getPhoneNumber().toString())) {
                    PhoneNumberCapabilities caps = l.getCapabilities();
                    out.add(new AvailableNumber(PhoneNumber.of(l.getPhoneNumber().toString()), l.getIsoCountry(), l.getRegion(),
                            l.getLocality(), caps != null && caps.getVoice(), caps != null && caps.getSms(), l.getAddressRequirements()));
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * Buys {@code number} on the account with its webhooks set. {@code bundleSid}/{@code addressSid} are the
     * regulatory bundle and address some countries (France included) require; null when not needed. If the answer is
     * lost, the account's numbers are checked: a number found there was bought and is returned.
     */
    public OwnedNumber buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks, String bundleSid, String addressSid) {
        Objects.requireNonNull(account, "'account' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        Objects.requireNonNull(webhooks, "'webhooks' must not be null");
        requireTls(webhooks);
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "buy number", () -> {
            try {
                IncomingPhoneNumber bought = resilience.onceUnlessNotProcessed(() -> {
                    IncomingPhoneNumberCreator creator = IncomingPhoneNumber.creator(new com.twilio.type.PhoneNumber(number.e164()));
                    applyTo(creator, webhooks);
                    if (bundleSid != null && !bundleSid.isBlank()) {
                        creator.setBundleSid(bundleSid);
                    }
                    if (addressSid != null && !addressSid.isBlank()) {
                        creator.setAddressSid(addressSid);
                    }
                    return creator.create(client.rest());
                });
                log.info("number bought: account={} number={} sid={}", account.accountSid(), number.masked(), bought.getSid());
                return owned(bought);
            } catch (TwilioFailure f) {
                if (f.kind() != TwilioFailure.Kind.OUTCOME_UNKNOWN) {
                    throw f;
                }
                Optional<OwnedNumber> found = find(client, number);
                if (found.isPresent()) {
                    log.info("number purchase outcome was unknown, found it owned: account={} sid={}", account.accountSid(), found.get().sid());
                    return found.get();
                }
                throw new CallControlException("buy number outcome unknown (" + f.getMessage() + ") and not owned; retry later",
                        false, "outcome-unknown", f);
            }
        });
    }

    /** Points an owned number's voice URL, call status callback and SMS URL at us (all POST). Idempotent. */
    public OwnedNumber configure(TelephonyCredentials account, String numberSid, Webhooks webhooks) {
        Objects.requireNonNull(account, "'account' must not be null");
        Objects.requireNonNull(webhooks, "'webhooks' must not be null");
        requireTls(webhooks);
        String sid = numberSid(numberSid);
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "configure number", () -> owned(resilience.idempotent(() -> {
            IncomingPhoneNumberUpdater updater = IncomingPhoneNumber.updater(sid)
                    .setVoiceUrl(webhooks.voiceUrl()).setVoiceMethod(HttpMethod.POST)
                    .setStatusCallback(webhooks.statusCallback()).setStatusCallbackMethod(HttpMethod.POST)
                    .setSmsUrl(webhooks.smsUrl()).setSmsMethod(HttpMethod.POST)
                    // An application or a SIP trunk on the number takes precedence over its voice URLs: blank them.
                    .setVoiceApplicationSid("").setTrunkSid("");
            if (webhooks.voiceFallbackUrl() != null) {
                updater.setVoiceFallbackUrl(webhooks.voiceFallbackUrl()).setVoiceFallbackMethod(HttpMethod.POST);
            }
            return updater.update(client.rest());
        })));
    }

    /** Clears the number's webhooks (back to the pool: calls to it no longer reach us). Idempotent. */
    public OwnedNumber reset(TelephonyCredentials account, String numberSid) {
        Objects.requireNonNull(account, "'account' must not be null");
        String sid = numberSid(numberSid);
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "reset number", () -> owned(resilience.idempotent(() ->
                IncomingPhoneNumber.updater(sid).setVoiceUrl("").setVoiceFallbackUrl("").setStatusCallback("").setSmsUrl("")
                        .update(client.rest()))));
    }

    /** Every number the account owns (at most 1000), for reconciliation with the pool table. */
    public List<OwnedNumber> listOwned(TelephonyCredentials account) {
        Objects.requireNonNull(account, "'account' must not be null");
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "list numbers", () -> {
            List<OwnedNumber> out = new ArrayList<>();
            Page<IncomingPhoneNumber> page = resilience.idempotent(() -> IncomingPhoneNumber.reader().setPageSize(100L).firstPage(client.rest()));
            while (true) {
                page.getRecords().forEach(n -> out.add(owned(n)));
                if (!page.hasNextPage() || out.size() >= MAX_OWNED) {
                    break;
                }
                Page<IncomingPhoneNumber> current = page;
                page = resilience.idempotent(() -> IncomingPhoneNumber.reader().nextPage(current, client.rest()));
            }
            return List.copyOf(out.size() > MAX_OWNED ? out.subList(0, MAX_OWNED) : out);
        });
    }

    /** The owned number with that E.164 value, if the account has it. */
    public Optional<OwnedNumber> findOwned(TelephonyCredentials account, PhoneNumber number) {
        Objects.requireNonNull(account, "'account' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        TenantClients.TenantClient client = TenantClients.of(account, http);
        return resilience.guarded(account.accountSid(), "find number", () -> find(client, number));
    }

    /** A number Twilio offers. {@code addressRequirements}: none, any, local or foreign (Twilio's values). */
    public record AvailableNumber(PhoneNumber number, String isoCountry, String region, String locality,
                                  boolean voice, boolean sms, String addressRequirements) {
        public AvailableNumber {
            Objects.requireNonNull(number, "'number' must not be null");
        }
    }

    /**
     * A number the account owns; a URL or SID is null when not set. {@code voiceApplicationSid}/{@code trunkSid}, when
     * present, take precedence over the voice URLs at Twilio: a number carrying one does not reach us.
     */
    public record OwnedNumber(String sid, PhoneNumber number, URI voiceUrl, URI statusCallback, URI smsUrl, boolean voice, boolean sms,
                              URI voiceFallbackUrl, String voiceApplicationSid, String trunkSid) {
        public OwnedNumber {
            Objects.requireNonNull(sid, "'sid' must not be null");
            Objects.requireNonNull(number, "'number' must not be null");
            voiceApplicationSid = voiceApplicationSid == null || voiceApplicationSid.isBlank() ? null : voiceApplicationSid;
            trunkSid = trunkSid == null || trunkSid.isBlank() ? null : trunkSid;
        }

        public OwnedNumber(String sid, PhoneNumber number, URI voiceUrl, URI statusCallback, URI smsUrl, boolean voice, boolean sms) {
            this(sid, number, voiceUrl, statusCallback, smsUrl, voice, sms, null, null, null);
        }
    }

    /**
     * Where Twilio sends a number's incoming calls, call status events and incoming SMS, and {@code voiceFallbackUrl}
     * (null: none) where it fetches TwiML when the voice URL fails (error, timeout, 5xx): served by something that
     * does not share our nodes' failures.
     */
    public record Webhooks(URI voiceUrl, URI statusCallback, URI smsUrl, URI voiceFallbackUrl) {
        public Webhooks(URI voiceUrl, URI statusCallback, URI smsUrl) {
            this(voiceUrl, statusCallback, smsUrl, null);
        }

        public Webhooks {
            if (voiceFallbackUrl != null && (!voiceFallbackUrl.isAbsolute() || voiceFallbackUrl.getHost() == null)) {
                throw new IllegalArgumentException("'voiceFallbackUrl' must be absolute, got '" + voiceFallbackUrl + "'");
            }
            Objects.requireNonNull(voiceUrl, "'voiceUrl' must not be null");
            Objects.requireNonNull(statusCallback, "'statusCallback' must not be null");
            Objects.requireNonNull(smsUrl, "'smsUrl' must not be null");
            for (URI u : List.of(voiceUrl, statusCallback, smsUrl)) {
                if (!u.isAbsolute() || u.getHost() == null) {
                    throw new IllegalArgumentException("'webhooks' URLs must be absolute, got '" + u + "'");
                }
            }
        }
    }

    // ---------------------------------------------------------------- internals

    private static void applyTo(IncomingPhoneNumberCreator creator, Webhooks webhooks) {
        creator.setVoiceUrl(webhooks.voiceUrl()).setVoiceMethod(HttpMethod.POST)
                .setStatusCallback(webhooks.statusCallback()).setStatusCallbackMethod(HttpMethod.POST)
                .setSmsUrl(webhooks.smsUrl()).setSmsMethod(HttpMethod.POST);
        if (webhooks.voiceFallbackUrl() != null) {
            creator.setVoiceFallbackUrl(webhooks.voiceFallbackUrl()).setVoiceFallbackMethod(HttpMethod.POST);
        }
    }

    private void requireTls(Webhooks webhooks) {
        if (settings.requireTls()) {
            for (URI u : List.of(webhooks.voiceUrl(), webhooks.statusCallback(), webhooks.smsUrl())) {
                if (!"https".equalsIgnoreCase(u.getScheme())) {
                    throw new IllegalArgumentException("'webhooks' URLs must be https when TLS is required, got '" + u + "'");
                }
            }
        }
    }

    private Optional<OwnedNumber> find(TenantClients.TenantClient client, PhoneNumber number) {
        Page<IncomingPhoneNumber> page = resilience.idempotent(() -> IncomingPhoneNumber.reader()
                .setPhoneNumber(new com.twilio.type.PhoneNumber(number.e164())).setPageSize(20L).firstPage(client.rest()));
        return page.getRecords().stream()
                .filter(n -> n.getPhoneNumber() != null && number.e164().equals(n.getPhoneNumber().toString()))
                .findFirst().map(TwilioNumberManagement::owned);
    }

    private static OwnedNumber owned(IncomingPhoneNumber n) {
        PhoneNumberCapabilities caps = n.getCapabilities();
        return new OwnedNumber(n.getSid(), PhoneNumber.of(n.getPhoneNumber().toString()), blankToNull(n.getVoiceUrl()),
                blankToNull(n.getStatusCallback()), blankToNull(n.getSmsUrl()), caps != null && caps.getVoice(), caps != null && caps.getSms(),
                blankToNull(n.getVoiceFallbackUrl()), n.getVoiceApplicationSid(), n.getTrunkSid());
    }

    private static URI blankToNull(URI u) {
        return u == null || u.toString().isEmpty() ? null : u;
    }

    private static String country(String isoCountry) {
        String c = isoCountry == null ? "" : isoCountry.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRY.matcher(c).matches()) {
            throw new IllegalArgumentException("'isoCountry' must be an ISO 3166 alpha-2 code like FR, got '" + isoCountry + "'");
        }
        return c;
    }

    private static String numberSid(String sid) {
        if (sid == null || !NUMBER_SID.matcher(sid).matches()) {
            throw new IllegalArgumentException("'numberSid' must be PN + 32 hex digits, got '" + sid + "'");
        }
        return sid;
    }
}
