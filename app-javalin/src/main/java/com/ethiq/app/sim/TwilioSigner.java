package com.ethiq.app.sim;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} values the way Twilio does when it calls a webhook: HMAC-SHA1, keyed with the
 * account's auth token, over the full URL followed by each form parameter's name and value in name order; for a JSON
 * body the URL carries {@code bodySHA256=<hex SHA-256 of the body>} and no parameters are appended; for a media stream
 * upgrade only the {@code wss://} URL is signed. Written from the documented algorithm (not with twilio-java), so the
 * tests that check its signatures against the server's validator check two implementations against each other.
 * Stateless, thread-safe.
 */
public final class TwilioSigner {
    private TwilioSigner() {
    }

    /** Signature of a form POST (or of a GET, with no parameters) to {@code url}. */
    public static String form(String authToken, String url, Map<String, String> params) {
        Objects.requireNonNull(url, "'url' must not be null");
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        return hmac(authToken, data.toString());
    }

    /** Signature of a media stream upgrade to this {@code wss://} URL. */
    public static String upgrade(String authToken, String wssUrl) {
        return form(authToken, wssUrl, Map.of());
    }

    /** The URL to POST a JSON body to: {@code url} with {@code bodySHA256} appended to its query. */
    public static String jsonUrl(String url, String body) {
        Objects.requireNonNull(body, "'body' must not be null");
        return url + (url.contains("?") ? "&" : "?") + "bodySHA256=" + sha256Hex(body);
    }

    /** Signature of a JSON POST to {@code urlWithBodyHash} (as returned by {@link #jsonUrl}). */
    public static String json(String authToken, String urlWithBodyHash) {
        return form(authToken, urlWithBodyHash, Map.of());
    }

    static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String hmac(String authToken, String data) {
        if (authToken == null || authToken.isEmpty()) {
            throw new IllegalArgumentException("'authToken' must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}
