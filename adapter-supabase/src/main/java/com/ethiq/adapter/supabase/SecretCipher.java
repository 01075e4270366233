package com.ethiq.adapter.supabase;

import com.ethiq.core.EthiqException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets for storage with AES-256-GCM: a fresh random 96-bit nonce per value, a 128-bit tag, and
 * associated data binding the value to its owner (account or user id), its column and its key id, so a value
 * copied to another row or column fails to open. Stored form: {@code v1.<key id>.<base64url(nonce | ciphertext | tag)>}.
 * Usable for any secret column (tenant credentials now, TOTP seeds later). Thread-safe.
 */
public final class SecretCipher {
    private static final String VERSION = "v1";
    private static final Pattern SEALED = Pattern.compile("v1\\.([A-Za-z0-9_-]{1,32})\\.([A-Za-z0-9_-]+)");
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Keyring keyring;
    private final SecureRandom random;

    public SecretCipher(Keyring keyring) {
        this(keyring, new SecureRandom());
    }

    SecretCipher(Keyring keyring, SecureRandom random) {
        this.keyring = Objects.requireNonNull(keyring, "'keyring' must not be null");
        this.random = Objects.requireNonNull(random, "'random' must not be null");
    }

    public Keyring keyring() {
        return keyring;
    }

    /** Encrypts under the active key. {@code column} names where the value lives, e.g. "tenant_credentials.ai_api_key". */
    public String seal(UUID ownerId, String column, byte[] plaintext) {
        Objects.requireNonNull(ownerId, "'ownerId' must not be null");
        Objects.requireNonNull(column, "'column' must not be null");
        Objects.requireNonNull(plaintext, "'plaintext' must not be null");
        String keyId = keyring.activeKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyring.active(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(ownerId, column, keyId));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String sealText(UUID ownerId, String column, String plaintext) {
        Objects.requireNonNull(plaintext, "'plaintext' must not be null");
        return seal(ownerId, column, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a value sealed for the same owner and column, under any key the keyring still holds. */
    public byte[] open(UUID ownerId, String column, String stored) {
        Objects.requireNonNull(ownerId, "'ownerId' must not be null");
        Objects.requireNonNull(column, "'column' must not be null");
        Matcher m = SEALED.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            throw new UnreadableSecretException(column + ": stored value is not in the v1 format");
        }
        String keyId = m.group(1);
        SecretKey key = keyring.key(keyId);
        if (key == null) {
            throw new UnreadableSecretException(column + ": sealed with key id '" + keyId + "', which the keyring does not hold");
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(column + ": stored value is not valid Base64");
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException(column + ": stored value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, NONCE_BYTES));
            cipher.updateAAD(aad(ownerId, column, keyId));
            return cipher.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableSecretException(column + ": authentication failed (wrong key, or the value belongs to another row)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String openText(UUID ownerId, String column, String stored) {
        return new String(open(ownerId, column, stored), StandardCharsets.UTF_8);
    }

    /** The key id a stored value was sealed with. */
    public static String keyIdOf(String stored) {
        Matcher m = SEALED.matcher(stored == null ? "" : stored);
        if (!m.matches()) {
            throw new IllegalArgumentException("'stored' is not a v1 sealed value");
        }
        return m.group(1);
    }

    /** True when the value was sealed with another key than the active one (the re-wrap job's work list). */
    public boolean needsRewrap(String stored) {
        return !keyIdOf(stored).equals(keyring.activeKeyId());
    }

    private static byte[] aad(UUID ownerId, String column, String keyId) {
        return (VERSION + "|" + ownerId + "|" + column + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    /** A stored secret cannot be opened (unknown key id, tampered or moved value). Never carries the value. */
    public static final class UnreadableSecretException extends EthiqException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }
}
