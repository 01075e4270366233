package com.ethiq.core.family;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.usecase.AlertMessages;

/**
 * The words of the family response: the alert SMS with its link, the "I'm on it" SMS, what is said in the call when a
 * relative joins or ends it. Every SMS is GSM-7 (names are folded into it) and at most two segments, the reference
 * line the SMS adapter appends ({@link #SMS_SUFFIX_RESERVE}) included.
 */
public final class FamilyMessages {
    /** "\nRéf. XXXXXX": the idempotency reference the Twilio adapter appends to every SMS body. */
    public static final int SMS_SUFFIX_RESERVE = 12;
    /** Two concatenated GSM-7 segments, minus the reference line. */
    public static final int SMS_BUDGET = 2 * Gsm7.MULTI_SEGMENT - SMS_SUFFIX_RESERVE;
    /** Names are cut to this many characters in an SMS, so the longest kind and link still fit. */
    static final int NAME_CHARS = 40;

    private FamilyMessages() {
    }

    /**
     * To one emergency contact: who, what kind of scam in plain words, the protected person's own number (when the
     * account gave it), and the contact's link. {@code advice} (may be empty) is kept only while it fits.
     */
    public static String alertSms(Language language, String protectedName, ScamCategory category, PhoneNumber protectedPhone,
                                  String link, String advice) {
        String who = name(protectedName);
        String kind = Gsm7.fold(AlertMessages.categoryLabel(category, language));
        String text;
        if (language == Language.ENGLISH) {
            text = "Ethiq alert: " + who + " is on a call that looks like a scam (" + kind + ")."
                    + (protectedPhone == null ? "" : " Their number: " + protectedPhone.e164() + ".")
                    + " Follow the call and act: " + link;
        } else {
            text = "Alerte Ethiq : " + who + " est en ligne avec un probable escroc (" + kind + ")."
                    + (protectedPhone == null ? "" : " Son numéro : " + protectedPhone.e164() + ".")
                    + " Suivre l'appel et agir : " + link;
        }
        if (advice != null && !advice.isBlank()) {
            String withAdvice = text + " " + Gsm7.fold(advice.strip());
            if (Gsm7.septets(withAdvice) <= SMS_BUDGET) {
                text = withAdvice;
            }
        }
        return text;
    }

    /** To the other contacts when one says "I'm on it". */
    public static String handlingSms(Language language, String protectedName, String contactName) {
        if (language == Language.ENGLISH) {
            return "Ethiq: " + name(contactName) + " is handling the suspicious call to " + name(protectedName)
                    + ". Your alert link shows what happens next.";
        }
        return "Ethiq : " + name(contactName) + " s'occupe de l'appel suspect de " + name(protectedName)
                + ". Votre lien d'alerte montre la suite.";
    }

    /** Spoken in the conference when a relative is dialled in (after the entry tone): the caller hears it too. */
    public static String joinAnnouncement(Language language, String protectedName) {
        if (language == Language.ENGLISH) {
            return "A relative of " + protectedName + " is joining this call.";
        }
        return "Un proche de " + protectedName + " rejoint cet appel.";
    }

    /** Said to the protected person before the caller is hung up. */
    public static String endNotice(Language language, String contactName) {
        if (language == Language.ENGLISH) {
            return contactName + ", one of your relatives, ended this call as a precaution. You can hang up.";
        }
        return contactName + ", un de vos proches, a mis fin à cet appel par précaution. Vous pouvez raccrocher.";
    }

    /** The link of one token under the public base URL ({@code {base}/f/{token}}). */
    public static String link(String publicBaseUrl, String token) {
        String base = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        return base + "/f/" + token;
    }

    /** Folded into GSM-7 and cut to {@link #NAME_CHARS} septets (an extension character counts two). */
    private static String name(String text) {
        String folded = Gsm7.fold(text == null ? "" : text.strip());
        if (Gsm7.septets(folded) <= NAME_CHARS) {
            return folded;
        }
        StringBuilder cut = new StringBuilder();
        int septets = 0;
        for (int i = 0; i < folded.length(); i++) {
            int cost = Gsm7.septets(String.valueOf(folded.charAt(i)));
            if (septets + cost > NAME_CHARS - 1) {
                break;
            }
            cut.append(folded.charAt(i));
            septets += cost;
        }
        return cut.toString().stripTrailing() + ".";
    }
}
