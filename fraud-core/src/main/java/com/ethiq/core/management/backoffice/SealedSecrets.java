package com.ethiq.core.management.backoffice;

import java.util.Map;

/**
 * Outgoing port: the secrets a store keeps sealed at rest (tenants' vendor credentials, users' TOTP seeds), each
 * under one key of a keyring of which one is active for new writes. Thread-safe.
 */
public interface SealedSecrets {

    /** The key new writes are sealed with. */
    String activeKeyId();

    /** Re-seals under the active key every secret sealed with another one; safe to re-run. */
    Resealed resealAll();

    /** How many secrets each key id seals, per kind of secret (e.g. {@code "tenant credentials" → {"k1": 3}}). */
    Map<String, Map<String, Integer>> sealedByKey();

    /** {@code failed}: secrets no key of the keyring opens (left as they were, named in the store's logs). */
    record Resealed(int resealed, int failed) {
    }
}
