package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.TwilioWebhookSecurity;
import com.ethiq.core.domain.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks {@code X-Twilio-Signature} on our routes. The URL that was signed is rebuilt from the configured public base
 * URL plus the path and the exact raw query string received, never from Host or X-Forwarded-* (behind a TLS proxy
 * the request looks like http://127.0.0.1). Requests announcing the newer HMAC-SHA256 "webhook rules" scheme are
 * refused: nothing here can verify them. Thread-safe.
 */
public final class WebhookVerifier {
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final Supplier<URI> publicBaseUrl;
    private final String mediaPath;
    private final TwilioWebhookSecurity security = new TwilioWebhookSecurity();
    private final Optional<Secret> platformToken;

    /**
     * @param publicBaseUrl the configured base; a supplier because a local run on port 0 only knows it once bound
     */
    public WebhookVerifier(Supplier<URI> publicBaseUrl, String mediaPath, Optional<Secret> platformToken) {
        this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
        this.mediaPath = Objects.requireNonNull(mediaPath, "'mediaPath' must not be null");
        this.platformToken = Objects.requireNonNull(platformToken, "'platformToken' must not be null");
    }

    /** The configured public base URL. */
    public URI publicBase() {
        return publicBaseUrl.get();
    }

    /** {@code https://host/path?query} as Twilio requested it. */
    public String publicUrl(String rawPath, String rawQuery) {
        return publicBaseUrl.get() + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    /** The {@code wss://…/twilio/media} URL written in {@code <Stream url>}, which Twilio signs at the upgrade. */
    public String mediaUrl() {
        String http = publicBaseUrl.get() + mediaPath;
        return http.startsWith("https://") ? "wss://" + http.substring(8) : "ws://" + http.substring(7);
    }

    public boolean hasPlatformToken() {
        return platformToken.isPresent();
    }

    /** A form webhook signed with {@code token}. False for a missing header or the unsupported scheme. */
    public boolean formValid(String rawPath, String rawQuery, Map<String, String> form, String signature,
                             String schemeHeader, Secret token) {
        if (signature == null || signature.isBlank() || schemeHeader != null) {
            return false;
        }
        return security.isValid(publicUrl(rawPath, rawQuery), form, signature, token);
    }

    /** Same, with the platform account's token; false when none is configured. */
    public boolean formValidForPlatform(String rawPath, String rawQuery, Map<String, String> form, String signature,
                                        String schemeHeader) {
        return platformToken.isPresent() && formValid(rawPath, rawQuery, form, signature, schemeHeader, platformToken.get());
    }

    /** The media upgrade's signature with {@code token}. */
    public boolean upgradeValid(String signature, Secret token) {
        return signature != null && !signature.isBlank() && security.isValidWebSocketUpgrade(mediaUrl(), signature, token);
    }

    /**
     * The signature Twilio puts on a media upgrade of the account with {@code token}: HMAC-SHA1 over the
     * {@code wss://} URL alone (no parameters), base64 — the same for every stream of that account.
     */
    public String upgradeSignature(Secret token) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(token.reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(
                    mac.doFinal(mediaUrl().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    /** The media upgrade's signature with the platform token; false when none is configured. */
    public boolean upgradeValidForPlatform(String signature) {
        return platformToken.isPresent() && upgradeValid(signature, platformToken.get());
    }
}
