package com.ethiq.core.management.onboarding;

import com.ethiq.core.domain.PhoneNumber;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which countries' numbers the pool never hands to another account once released (issue 22, item 9). Twilio ties a
 * French number to its end user's regulatory bundle and address, so a released French number is retired (returned to
 * Twilio) instead of going, after the quarantine, to another account; other countries keep the quarantine-then-reuse
 * rule. The country of a number is read from its E.164 calling code (the table below: the countries the platform
 * sells in and their neighbours; an unknown code re-assigns as before).
 */
public record PoolReassignment(Set<String> neverReassigned) {

    /** Calling code (without '+') → ISO 3166 country, for the codes a setting may name. France's overseas departments are FR. */
    private static final Map<String, String> COUNTRY_BY_CODE = Map.ofEntries(
            Map.entry("33", "FR"), Map.entry("262", "FR"), Map.entry("590", "FR"), Map.entry("594", "FR"),
            Map.entry("596", "FR"), Map.entry("32", "BE"), Map.entry("41", "CH"), Map.entry("352", "LU"),
            Map.entry("49", "DE"), Map.entry("34", "ES"), Map.entry("39", "IT"), Map.entry("44", "GB"),
            Map.entry("353", "IE"), Map.entry("31", "NL"), Map.entry("351", "PT"), Map.entry("1", "US"));

    /** The default: French numbers are never re-assigned. */
    public static final PoolReassignment DEFAULT = new PoolReassignment(Set.of("FR"));

    /** Every country re-assigns (quarantine then reuse). */
    public static final PoolReassignment ALWAYS = new PoolReassignment(Set.of());

    public PoolReassignment {
        Objects.requireNonNull(neverReassigned, "'neverReassigned' must not be null");
        Set<String> known = new TreeSet<>(COUNTRY_BY_CODE.values());
        for (String c : neverReassigned) {
            if (c == null || !known.contains(c)) {
                throw new IllegalArgumentException("'neverReassigned' must hold countries among " + known + ", got '" + c + "'");
            }
        }
        neverReassigned = Set.copyOf(neverReassigned);
    }

    /** Parses a comma-separated list of ISO country codes ("FR", "FR,BE"); blank or "none" = every country re-assigns. */
    public static PoolReassignment parse(String text) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return ALWAYS;
        }
        Set<String> countries = new TreeSet<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                countries.add(part.strip().toUpperCase(Locale.ROOT));
            }
        }
        return new PoolReassignment(countries);
    }

    /** The country of a number by its calling code (longest match), or empty for a code not in the table. */
    public static java.util.Optional<String> countryOf(PhoneNumber number) {
        String digits = number.e164().substring(1);
        for (int len = 3; len >= 1; len--) {
            if (digits.length() > len) {
                String country = COUNTRY_BY_CODE.get(digits.substring(0, len));
                if (country != null) {
                    return java.util.Optional.of(country);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether a released number may later go to another account. */
    public boolean reassigns(PhoneNumber number) {
        return countryOf(number).map(c -> !neverReassigned.contains(c)).orElse(true);
    }
}
