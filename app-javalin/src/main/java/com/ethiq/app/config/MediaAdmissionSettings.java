package com.ethiq.app.config;

import com.ethiq.core.domain.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * Who may open a media socket: the HS256 key of the per-call media tokens (configured, or random for this process
 * only) and the sockets one tenant may hold on this node. The socket limits themselves are {@code MediaSettings}.
 */
public record MediaAdmissionSettings(Secret tokenSecret, boolean tokenSecretGenerated, int maxSocketsPerTenant) {
    public MediaAdmissionSettings {
        Objects.requireNonNull(tokenSecret, "'tokenSecret' must not be null");
        if (keyBytes(tokenSecret).length < 32) {
            throw new IllegalArgumentException("'tokenSecret' must hold at least 32 bytes");
        }
    }

    /** The token key's bytes. */
    public byte[] tokenKey() {
        return keyBytes(tokenSecret);
    }

    public static MediaAdmissionSettings from(Map<String, String> env) {
        var configured = Settings.MEDIA_TOKEN_SECRET.read(env);
        Secret secret = configured.orElseGet(MediaAdmissionSettings::randomKey);
        return new MediaAdmissionSettings(secret, configured.isEmpty(), Settings.MEDIA_MAX_SOCKETS_PER_TENANT.read(env));
    }

    private static Secret randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Secret.of("base64:" + Base64.getEncoder().encodeToString(random));
    }

    /** The key bytes of a {@code base64:}-prefixed or raw-text secret. */
    public static byte[] keyBytes(Secret secret) {
        String v = secret.reveal();
        if (v.regionMatches(true, 0, "base64\\:", 0, 8) || v.regionMatches(true, 0, "base64 :", 0, 8)
                || (!v.startsWith("base64:") && v.regionMatches(true, 0, "base64:", 0, 7))) {
            // copied from secrets.properties, which escapes ':' (Java properties): taken as raw text it would be a
            // different key from the other nodes' and every token would be refused
            throw new IllegalArgumentException("looks like an escaped or misspelt 'base64:' prefix (\"" + v.substring(0, 8)
                    + "…\"): write it as base64:<key> without a backslash (./ethiq node-env prints it ready to use)");
        }
        if (v.startsWith("base64:")) {
            try {
                return Base64.getDecoder().decode(v.substring("base64:".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not base64 after 'base64:'", e);
            }
        }
        return v.getBytes(StandardCharsets.UTF_8);
    }
}
