package com.ethiq.core.management.backoffice;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Use case: retiring an encryption key. After an operator made a new key active (the old one still in the keyring),
 * {@link #resealAll} re-seals every secret — tenant credentials and TOTP seeds alike — under it, then counts what is
 * still sealed with any other key: when nothing is, the old keys can be removed from the keyring. Thread-safe.
 */
public final class SecretRotation {
    private final SealedSecrets secrets;

    public SecretRotation(SealedSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "'secrets' must not be null");
    }

    /**
     * What a run did and what is left: {@code stillUnderOtherKeys} is, per kind of secret, the count per key id other
     * than the active one (empty when every secret is under the active key).
     */
    public record Outcome(String activeKeyId, int resealed, int failed, Map<String, Map<String, Integer>> stillUnderOtherKeys) {
        public Outcome {
            stillUnderOtherKeys = Map.copyOf(stillUnderOtherKeys);
        }

        /** Every secret is sealed with the active key: the other keys may be removed. */
        public boolean otherKeysRetirable() {
            return failed == 0 && stillUnderOtherKeys.isEmpty();
        }
    }

    public Outcome resealAll() {
        String active = secrets.activeKeyId();
        SealedSecrets.Resealed done = secrets.resealAll();
        Map<String, Map<String, Integer>> left = new LinkedHashMap<>();
        secrets.sealedByKey().forEach((kind, byKey) -> {
            Map<String, Integer> others = new TreeMap<>(byKey);
            others.remove(active);
            others.values().removeIf(n -> n == 0);
            if (!others.isEmpty()) {
                left.put(kind, others);
            }
        });
        return new Outcome(active, done.resealed(), done.failed(), left);
    }
}
