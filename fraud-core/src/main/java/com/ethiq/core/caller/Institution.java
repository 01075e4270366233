package com.ethiq.core.caller;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.PhoneNumber;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@link InstitutionDirectory}: how callers name it, the numbers it calls from, whether it ever calls
 * unprompted, what it never asks by phone and what to do instead.
 */
public record Institution(String id, String name, Set<ScamCategory> claims, List<String> aliases, Set<PhoneNumber> numbers,
                          String dial, boolean unsolicited, List<String> neverAsks, String advice) {
    public Institution {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(name, "'name' must not be null");
        claims = Set.copyOf(claims);
        aliases = List.copyOf(aliases);
        numbers = Set.copyOf(numbers);
        dial = dial == null ? "" : dial;
        neverAsks = List.copyOf(neverAsks);
        advice = advice == null ? "" : advice;
        if (claims.isEmpty() || aliases.isEmpty()) {
            throw new IllegalArgumentException("institution '" + id + "' needs claims and aliases");
        }
    }

    public boolean owns(PhoneNumber number) {
        return numbers.contains(number);
    }
}
