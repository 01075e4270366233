package com.ethiq.app.api;

import com.ethiq.core.domain.PhoneNumber;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place the API turns a phone number as people type it ("06 12 34 56 78", "+33 6 12 34 56 78",
 * "0033 6…", "(0)6.12.34.56.78") into E.164, with libphonenumber, reading national numbers in the account's country
 * (the country of its Ethiq number; France when it has none). Every phone field of the API goes through here; the core
 * keeps its own E.164 check. A number that cannot be one of its country (unknown country code, too short, too long,
 * letters) is a 400 with the field, the code
 * {@code phone_invalid} and a French/English sentence. Stateless, thread-safe.
 */
public final class PhoneNumbers {
    public static final String DEFAULT_COUNTRY = "FR";
    public static final String INVALID = "phone_invalid";
    private static final int MAX_INPUT = 40;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The country national numbers are read in for an account with this Ethiq number (FR without one). */
    public static String countryOf(Optional<PhoneNumber> accountNumber) {
        return accountNumber.map(n -> {
            try {
                String region = UTIL.getRegionCodeForNumber(UTIL.parse(n.e164(), null));
                return region == null || "ZZ".equals(region) ? DEFAULT_COUNTRY : region;
            } catch (NumberParseException e) {
                return DEFAULT_COUNTRY;
            }
        }).orElse(DEFAULT_COUNTRY);
    }

    /**
     * {@code input} in E.164, or null when it is null (the use case says "required"). {@code field} names the field in
     * the problem; {@code country} is an ISO 3166 code ("FR").
     */
    public static String toE164(String field, String input, String country) {
        if (input == null) {
            return null;
        }
        String typed = input.strip();
        if (typed.isEmpty() || typed.length() > MAX_INPUT) {
            throw invalid(field, input, country);
        }
        try {
            Phonenumber.PhoneNumber n = UTIL.parse(typed, country.toUpperCase(Locale.ROOT));
            // "Possible" (right length for the country), not "valid" (in an allocated range): the library's range
            // tables lag the regulators', and refusing a family member's real number is worse than storing a spare one.
            if (UTIL.isPossibleNumberWithReason(n) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                throw invalid(field, input, country);
            }
            return UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw invalid(field, input, country);
        }
    }

    private static FieldProblem invalid(String field, String input, String country) {
        String shown = input.length() > MAX_INPUT ? input.substring(0, MAX_INPUT) + "…" : input;
        return FieldProblem.of(field, INVALID, "'" + field + "': « " + shown + " » n'est pas un numéro de téléphone valide "
                + "(numéro national lu pour le pays " + country + ", ou international en +…) / '" + shown
                + "' is not a valid phone number (national numbers are read for " + country + ", or give +country code)");
    }
}
