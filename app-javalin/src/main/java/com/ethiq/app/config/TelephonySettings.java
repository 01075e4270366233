package com.ethiq.app.config;

import com.ethiq.adapter.twilio.SmsSending;
import com.ethiq.core.domain.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Telephony: real Twilio or the recording fake, the REST base (a local fake in tests), the platform account that
 * owns the number pool (its SID and auth token; both optional), and how alert SMS are sent (sender ID, Messaging
 * Service, validity period).
 */
public record TelephonySettings(VendorMode mode, URI apiBaseUrl, Optional<String> platformAccountSid,
                                Optional<Secret> platformAuthToken, SmsSending smsSending, Optional<String> region,
                                Optional<URI> voiceFallbackUrl) {
    public TelephonySettings {
        region = region == null ? Optional.empty() : region;
        voiceFallbackUrl = voiceFallbackUrl == null ? Optional.empty() : voiceFallbackUrl;
        Objects.requireNonNull(mode, "'mode' must not be null");
        Objects.requireNonNull(apiBaseUrl, "'apiBaseUrl' must not be null");
        Objects.requireNonNull(platformAccountSid, "'platformAccountSid' must not be null");
        Objects.requireNonNull(platformAuthToken, "'platformAuthToken' must not be null");
        Objects.requireNonNull(smsSending, "'smsSending' must not be null");
    }

    public boolean real() {
        return mode == VendorMode.REAL;
    }

    public static TelephonySettings from(Map<String, String> env) {
        return new TelephonySettings(Settings.TELEPHONY.read(env), Settings.TWILIO_API_BASE_URL.read(env),
                Settings.TWILIO_PLATFORM_ACCOUNT_SID.read(env), Settings.TWILIO_PLATFORM_AUTH_TOKEN.read(env),
                new SmsSending(Settings.SMS_SENDER_ID.read(env), Settings.TWILIO_MESSAGING_SERVICE_SID.read(env),
                        Settings.SMS_VALIDITY.read(env)), Settings.TWILIO_REGION.read(env), Settings.TWILIO_VOICE_FALLBACK_URL.read(env));
    }

    static URI parseHttpsUrl(String text) {
        URI uri = URI.create(text);
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an https URL");
        }
        return uri;
    }

    static URI parseApiUrl(String text) {
        URI uri = URI.create(text);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) URL");
        }
        return uri;
    }
}
