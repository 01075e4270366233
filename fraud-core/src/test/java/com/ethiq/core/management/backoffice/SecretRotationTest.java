package com.ethiq.core.management.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRotationTest {
    /** A store whose secrets are counts per kind and key; re-sealing moves what it can open to the active key. */
    private static final class CountingSecrets implements SealedSecrets {
        final Map<String, Map<String, Integer>> byKind = new LinkedHashMap<>();
        String active = "k2";
        int unreadable;

        @Override
        public String activeKeyId() {
            return active;
        }

        @Override
        public Resealed resealAll() {
            int moved = 0;
            for (Map<String, Integer> byKey : byKind.values()) {
                for (String key : Map.copyOf(byKey).keySet()) {
                    if (!key.equals(active) && !key.equals("lost")) {
                        int n = byKey.remove(key);
                        moved += n;
                        byKey.merge(active, n, Integer::sum);
                    }
                }
            }
            return new Resealed(moved, unreadable);
        }

        @Override
        public Map<String, Map<String, Integer>> sealedByKey() {
            return byKind;
        }
    }

    @Test
    void everySecretUnderTheActiveKeyMakesTheOthersRetirable() {
        CountingSecrets store = new CountingSecrets();
        store.byKind.put("tenant credentials", new LinkedHashMap<>(Map.of("k1", 3)));
        store.byKind.put("totp seeds", new LinkedHashMap<>(Map.of("k1", 2, "k2", 1)));

        SecretRotation.Outcome outcome = new SecretRotation(store).resealAll();

        assertThat(outcome.activeKeyId()).isEqualTo("k2");
        assertThat(outcome.resealed()).isEqualTo(5);
        assertThat(outcome.stillUnderOtherKeys()).isEmpty();
        assertThat(outcome.otherKeysRetirable()).isTrue();
    }

    @Test
    void aSecretNoKeyOpensKeepsTheOldKeysAndIsNamed() {
        CountingSecrets store = new CountingSecrets();
        store.byKind.put("totp seeds", new LinkedHashMap<>(Map.of("lost", 1, "k1", 1)));
        store.unreadable = 1;

        SecretRotation.Outcome outcome = new SecretRotation(store).resealAll();

        assertThat(outcome.stillUnderOtherKeys()).isEqualTo(Map.of("totp seeds", Map.of("lost", 1)));
        assertThat(outcome.failed()).isEqualTo(1);
        assertThat(outcome.otherKeysRetirable()).isFalse();
    }
}
