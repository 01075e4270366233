package com.ethiq.adapter.supabase;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption keys of tenant secrets: key id → 256-bit AES key, one of them active for new writes; the
 * others still decrypt what they wrote until the re-wrap job has moved it to the active key. Keys come from
 * configuration (environment, secret manager), never from the database. {@code toString()} shows ids only.
 * Immutable, thread-safe.
 */
public final class Keyring {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private Keyring(Map<String, SecretKey> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /** @param keys key id → 32 raw key bytes (copied) */
    public static Keyring of(String activeKeyId, Map<String, byte[]> keys) {
        Objects.requireNonNull(keys, "'keys' must not be null");
        Map<String, SecretKey> copy = new LinkedHashMap<>();
        keys.forEach((id, bytes) -> {
            checkKeyId(id);
            if (bytes == null || bytes.length != 32) {
                throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), got "
                        + (bytes == null ? "none" : bytes.length + " bytes"));
            }
            copy.put(id, new SecretKeySpec(bytes.clone(), "AES"));
        });
        checkKeyId(activeKeyId);
        if (!copy.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("'activeKeyId' " + activeKeyId + " is not among the keys " + copy.keySet());
        }
        return new Keyring(Collections.unmodifiableMap(copy), activeKeyId);
    }

    /**
     * Parses {@code "id1:base64key,id2:base64key"} (standard or URL-safe Base64 of 32 bytes), e.g. the value of
     * {@code ETHIQ_SECRET_KEYS}; {@code activeKeyId} names the key new writes use.
     */
    public static Keyring parse(String spec, String activeKeyId) {
        Objects.requireNonNull(spec, "'keys' must not be null");
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'keys' entries must look like id:base64key");
            }
            String id = e.substring(0, colon);
            checkKeyId(id);
            String b64 = e.substring(colon + 1).strip();
            byte[] bytes;
            try {
                bytes = b64.contains("-") || b64.contains("_") ? Base64.getUrlDecoder().decode(b64) : Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException ex) {
                // the message of the decoder may quote characters of the key: do not chain it
                throw new IllegalArgumentException("key '" + id + "' is not valid Base64");
            }
            if (keys.put(id, bytes) != null) {
                throw new IllegalArgumentException("key id '" + id + "' appears twice in 'keys'");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("'keys' must hold at least one id:base64key entry");
        }
        return of(activeKeyId, keys);
    }

    /** A fresh random key in the {@link #parse} format, for operators creating or rotating keys. */
    public static String generate(String keyId) {
        checkKeyId(keyId);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return keyId + ":" + Base64.getEncoder().encodeToString(key);
    }

    private static void checkKeyId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("key id must be 1-32 letters, digits, '_' or '-', got '" + id + "'");
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    SecretKey active() {
        return keys.get(activeKeyId);
    }

    SecretKey key(String keyId) {
        return keys.get(keyId);
    }

    @Override
    public String toString() {
        return "Keyring[active=" + activeKeyId + ", ids=" + keys.keySet() + "]";
    }
}
