package com.ethiq.core.privacy;

import java.util.Map;

/** Check-digit algorithms that tell real card numbers and IBANs from arbitrary digit runs. */
final class Checksums {

    /**
     * IBAN length per country (ISO 13616 registry). A country outside this table is not an IBAN: its digits are
     * still caught by the number rules.
     */
    private static final Map<String, Integer> IBAN_LENGTHS = parse(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22"
                    + " DK18 DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28"
                    + " IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24"
                    + " ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31"
                    + " SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20");

    private Checksums() {
    }

    /** Luhn (mod 10) over ASCII digits. */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Whether an IBAN of this total length is plausible for the country. */
    static boolean ibanLengthFits(String country, int length) {
        Integer expected = IBAN_LENGTHS.get(country);
        return expected != null && expected == length;
    }

    static boolean isIbanCountry(String country) {
        return IBAN_LENGTHS.containsKey(country);
    }

    private static Map<String, Integer> parse(String registry) {
        Map<String, Integer> lengths = new java.util.HashMap<>();
        for (String entry : registry.trim().split("\\s+")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }

    /**
     * ISO 13616 mod-97 check: {@code country} (2 letters) + {@code check} (2 digits) + {@code bban} (upper-case
     * letters and digits) is valid when the rearranged number mod 97 equals 1.
     */
    static boolean ibanValid(String country, String check, CharSequence bban) {
        int mod = 0;
        for (int i = 0; i < bban.length(); i++) {
            mod = step(mod, bban.charAt(i));
            if (mod < 0) {
                return false;
            }
        }
        for (int i = 0; i < 2; i++) {
            mod = step(mod, country.charAt(i));
        }
        for (int i = 0; i < 2; i++) {
            mod = step(mod, check.charAt(i));
        }
        return mod == 1;
    }

    private static int step(int mod, char c) {
        if (c >= '0' && c <= '9') {
            return (mod * 10 + (c - '0')) % 97;
        }
        if (c >= 'A' && c <= 'Z') {
            return (mod * 100 + (c - 'A' + 10)) % 97;
        }
        return -1;
    }
}
