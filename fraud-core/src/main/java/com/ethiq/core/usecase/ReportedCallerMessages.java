package com.ethiq.core.usecase;

import com.ethiq.core.caller.Reputation;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Tenant;
import java.text.Normalizer;

/**
 * The SMS the family gets at ring time when a number reported by other accounts calls (issue 18). Kept apart from the
 * scam alert templates on purpose, and always GSM-7 (one 7-bit alphabet, 160 characters a segment, where a single
 * "ê" would switch the whole SMS to UCS-2 and 70 a segment): the fixed words are chosen within GSM-7 and the account's
 * display name is folded into it ({@link #gsm7}).
 */
public final class ReportedCallerMessages {
    /** GSM 03.38 basic character set (without the escape) and the characters of its extension table. */
    static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
            + "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    private ReportedCallerMessages() {
    }

    /** To an emergency contact, while the protected person's phone rings. Never the caller's number. */
    public static String sms(Tenant tenant, Reputation reputation) {
        String who = gsm7(tenant.displayName());
        int accounts = reputation.accounts();
        if (tenant.settings().language() == Language.ENGLISH) {
            return "Ethiq: a number reported as a scam by " + accounts + " accounts is calling " + who
                    + " right now. The call is protected. If in doubt, call " + who + ".";
        }
        return "Ethiq : un numéro signalé comme arnaque par " + accounts + " comptes appelle " + who
                + " en ce moment. L'appel est protégé. Au moindre doute, appelez " + who + ".";
    }

    /** True if every character is in the GSM-7 alphabet (basic or extension table). */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENSION.indexOf(c) >= 0);
    }

    /** {@code text} within GSM-7: accents GSM-7 lacks are dropped ("ç" → "c", "ê" → "e"), anything else becomes "?". */
    static String gsm7(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isGsm7(String.valueOf(c))) {
                out.append(c);
                continue;
            }
            String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
            out.append(!base.isEmpty() && isGsm7(base) ? base : "?");
        }
        return out.toString();
    }
}
