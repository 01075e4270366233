package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.Secret;
import com.twilio.security.RequestValidator;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;

/**
 * Checks Twilio's {@code X-Twilio-Signature} (HMAC-SHA1 keyed with the tenant's auth token) with twilio-java's
 * {@link RequestValidator}: form webhooks, the media-stream WebSocket upgrade and JSON bodies. The URL passed in must be
 * the public URL from configuration plus the path and exact raw query string received, never rebuilt from Host or
 * X-Forwarded-* headers. A missing or blank signature is invalid. Stateless, thread-safe.
 */
public final class TwilioWebhookSecurity {
    /**
     * Header Twilio adds when a request is signed with its newer shared-key/HMAC-SHA256 scheme, which twilio-java
     * 13.0.1 cannot check: a request carrying it must be refused and reported, not validated.
     */
    public static final String UNSUPPORTED_SCHEME_HEADER = "X-Twilio-Webhooks-Signature-Settings";

    /**
     * A form-encoded webhook (incoming call, status callbacks, announcement fetch).
     *
     * @param publicUrl       the full URL Twilio requested: configured public base + path + raw query, if any
     * @param formParams      decoded POST parameters, untrimmed, all of them (empty or null for a GET)
     * @param signatureHeader the {@code X-Twilio-Signature} value
     * @param authToken       the auth token of the tenant the request claims to be for
     */
    public boolean isValid(String publicUrl, Map<String, String> formParams, String signatureHeader, Secret authToken) {
        requireUrl(publicUrl);
        Objects.requireNonNull(authToken, "'authToken' must not be null");
        if (isBlank(signatureHeader)) {
            return false;
        }
        return new RequestValidator(authToken.reveal()).validate(publicUrl, formParams == null ? Map.of() : formParams, signatureHeader);
    }

    /**
     * The media-stream WebSocket upgrade: Twilio signs the {@code wss://} URL exactly as written in
     * {@code <Stream url>}, with no parameters.
     */
    public boolean isValidWebSocketUpgrade(String wssUrl, String signatureHeader, Secret authToken) {
        requireUrl(wssUrl);
        if (!wssUrl.startsWith("wss://") && !wssUrl.startsWith("ws://")) {
            throw new IllegalArgumentException("'wssUrl' must be the wss:// URL given to <Stream url>, got '" + wssUrl + "'");
        }
        return isValid(wssUrl, Map.of(), signatureHeader, authToken);
    }

    /**
     * A JSON-body webhook: the URL carries {@code bodySHA256=<hex SHA-256 of the raw body>}; the signature covers the
     * URL, and the raw body must hash to that value. A URL without {@code bodySHA256} is invalid.
     */
    public boolean isValidJson(String publicUrlWithBodyHash, String rawBody, String signatureHeader, Secret authToken) {
        requireUrl(publicUrlWithBodyHash);
        Objects.requireNonNull(authToken, "'authToken' must not be null");
        if (isBlank(signatureHeader) || rawBody == null) {
            return false;
        }
        try {
            return new RequestValidator(authToken.reveal()).validate(publicUrlWithBodyHash, rawBody, signatureHeader);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void requireUrl(String url) {
        if (isBlank(url)) {
            throw new IllegalArgumentException("'publicUrl' must be the configured public URL of the route, got '" + url + "'");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
