package com.ethiq.core.management.identity;

/**
 * Outgoing port: a slow, salted password hash (Argon2id in the app). Implementations bound how many hashes run at
 * once (each costs ~19 MiB) and compare in constant time. Thread-safe.
 */
public interface PasswordHasher {

    /** A self-describing hash string (PHC format) of the password. */
    String hash(String password);

    /** True if the password matches; false for any malformed hash. */
    boolean verify(String password, String hash);

    /** True if the hash was made with weaker parameters than the current ones (rehash after a good login). */
    boolean needsRehash(String hash);

    /** Spends the same time as a {@link #verify} against a real hash, for logins of unknown users. */
    void verifyDummy(String password);
}
