package com.ethiq.core.domain;

import java.util.Locale;

/** Languages the product speaks and detects in. French first. */
public enum Language {
    FRENCH("fr", "fr-FR"),
    ENGLISH("en", "en-US");

    private final String code;
    private final String bcp47;

    Language(String code, String bcp47) {
        this.code = code;
        this.bcp47 = bcp47;
    }

    /** ISO 639-1 code, as in transcript files ("fr", "en"). */
    public String code() {
        return code;
    }

    /** Regional tag for speech recognition and voice ("fr-FR"). */
    public String bcp47() {
        return bcp47;
    }

    /** Accepts "fr", "FR", "fr-FR", "french", "en-GB"...; unknown tags are an error naming the value. */
    public static Language parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("'language' must be 'fr' or 'en', got '" + text + "'");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("fr")) {
            return FRENCH;
        }
        if (t.startsWith("en")) {
            return ENGLISH;
        }
        throw new IllegalArgumentException("'language' must be 'fr' or 'en', got '" + text + "'");
    }
}
