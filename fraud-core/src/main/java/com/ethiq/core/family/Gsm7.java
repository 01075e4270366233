package com.ethiq.core.family;

import java.text.Normalizer;

/**
 * The GSM 03.38 7-bit alphabet of SMS. A single character outside it makes the whole message UCS-2 (70 characters a
 * segment instead of 160), so texts built from names are folded into it first ({@link #fold}).
 */
public final class Gsm7 {
    /** The basic table (one septet each). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table (an escape plus one septet: two each). */
    static final String EXTENDED = "^{}\\[~]|€\f";
    public static final int SINGLE_SEGMENT = 160;
    /** Septets per segment of a concatenated message (the user data header takes the rest). */
    public static final int MULTI_SEGMENT = 153;

    private Gsm7() {
    }

    public static boolean encodable(String text) {
        return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0);
    }

    /** Septets the text takes (extension characters count two); -1 if it is not GSM-7. */
    public static int septets(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                n++;
            } else if (EXTENDED.indexOf(c) >= 0) {
                n += 2;
            } else {
                return -1;
            }
        }
        return n;
    }

    /** Segments billed for the text as GSM-7; throws if it is not GSM-7. */
    public static int segments(String text) {
        int septets = septets(text);
        if (septets < 0) {
            throw new IllegalArgumentException("not GSM-7: " + text);
        }
        return septets <= SINGLE_SEGMENT ? 1 : (septets + MULTI_SEGMENT - 1) / MULTI_SEGMENT;
    }

    /**
     * The closest GSM-7 text: typographic quotes and dashes to plain ones, accents the alphabet lacks (ç, ê, â, î, ô,
     * û, ë, ï...) dropped, anything else left unencodable replaced by '?'.
     */
    public static String fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0 || EXTENDED.indexOf(c) >= 0) {
                out.append(c);
                continue;
            }
            switch (c) {
                case '\u2018', '\u2019', '\u02BC', '`', '\u00B4' -> out.append('\'');
                case '\u201C', '\u201D', '\u00AB', '\u00BB' -> out.append('"');
                case '\u2013', '\u2014', '\u2212' -> out.append('-');
                case '\u00A0', '\u202F', '\t' -> out.append(' ');
                case '\u2026' -> out.append("...");
                case '\u0153' -> out.append("oe");
                case '\u0152' -> out.append("OE");
                default -> {
                    String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                    out.append(!base.isEmpty() && encodable(base) ? base : "?");
                }
            }
        }
        return out.toString();
    }
}
