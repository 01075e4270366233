package com.ethiq.core.fake;

import com.ethiq.core.management.identity.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A salted SHA-256 {@link PasswordHasher} for tests of the use cases: fast, and deliberately NOT fit to store
 * real passwords (no work factor). Counts calls so tests can check a dummy hash ran for unknown users. Thread-safe.
 */
public final class InsecureFastPasswordHasher implements PasswordHasher {
    private static final String PREFIX = "$test-sha256$";
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile int version = 1;

    @Override
    public String hash(String password) {
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        String s = HexFormat.of().formatHex(salt);
        return PREFIX + "v=" + version + "$" + s + "$" + digest(s, password);
    }

    @Override
    public boolean verify(String password, String hash) {
        verifications.incrementAndGet();
        String[] parts = hash.split("\\$");
        if (!hash.startsWith(PREFIX) || parts.length != 5) {
            return false;
        }
        return MessageDigest.isEqual(digest(parts[3], password).getBytes(StandardCharsets.US_ASCII),
                parts[4].getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean needsRehash(String hash) {
        return !hash.startsWith(PREFIX + "v=" + version + "$");
    }

    @Override
    public void verifyDummy(String password) {
        verify(password, PREFIX + "v=0$00$" + "0".repeat(64));
    }

    /** How many verifications ran (real and dummy). */
    public int verifications() {
        return verifications.get();
    }

    /** Pretends the parameters were raised: existing hashes now need a rehash. */
    public void bumpParameters() {
        version++;
    }

    private static String digest(String salt, String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
