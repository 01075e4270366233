package com.ethiq.app.sim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does: HMAC-SHA1, keyed with the account's auth token, over the
 * full URL followed by every form parameter's name and value in name order, base64. Written from Twilio's
 * description, independently of the validator under test. Stateless.
 */
public final class TwilioSignature {
    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, String> formParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(formParams).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
