package com.ethiq.core.usecase;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Tenant;
import java.util.EnumMap;
import java.util.Map;

/** The words of our warnings, French first. Kept short: an SMS should fit one or two segments. */
public final class AlertMessages {
    private static final Map<ScamCategory, String> FR = new EnumMap<>(ScamCategory.class);
    private static final Map<ScamCategory, String> EN = new EnumMap<>(ScamCategory.class);

    static {
        FR.put(ScamCategory.FAKE_BANK_ADVISER, "faux conseiller bancaire");
        FR.put(ScamCategory.FAKE_COURIER, "faux coursier venant chercher la carte");
        FR.put(ScamCategory.FAKE_TECH_SUPPORT, "faux support technique");
        FR.put(ScamCategory.FAKE_POLICE, "faux policier ou gendarme");
        FR.put(ScamCategory.FAKE_RELATIVE, "faux proche en détresse");
        FR.put(ScamCategory.TRAINING_ACCOUNT, "arnaque au compte formation (CPF)");
        FR.put(ScamCategory.INVESTMENT, "faux placement");
        FR.put(ScamCategory.FAKE_HEALTH_OR_PARCEL, "faux organisme (Ameli, carte Vitale, colis)");
        FR.put(ScamCategory.FAKE_RENOVATION_AID, "fausse aide à la rénovation");
        FR.put(ScamCategory.CEO_OR_SUPPLIER, "fraude au président ou faux fournisseur");
        FR.put(ScamCategory.GOVERNMENT_IMPERSONATION, "faux service de l'État");
        FR.put(ScamCategory.PRIZE_OR_LOTTERY, "faux gain ou loterie");
        FR.put(ScamCategory.ROMANCE, "arnaque sentimentale");
        EN.put(ScamCategory.FAKE_BANK_ADVISER, "fake bank adviser");
        EN.put(ScamCategory.FAKE_COURIER, "fake courier collecting a card");
        EN.put(ScamCategory.FAKE_TECH_SUPPORT, "fake tech support");
        EN.put(ScamCategory.FAKE_POLICE, "fake police officer");
        EN.put(ScamCategory.FAKE_RELATIVE, "fake relative in trouble");
        EN.put(ScamCategory.TRAINING_ACCOUNT, "training account scam");
        EN.put(ScamCategory.INVESTMENT, "fake investment");
        EN.put(ScamCategory.FAKE_HEALTH_OR_PARCEL, "fake health or parcel service");
        EN.put(ScamCategory.FAKE_RENOVATION_AID, "fake renovation aid");
        EN.put(ScamCategory.CEO_OR_SUPPLIER, "CEO or supplier fraud");
        EN.put(ScamCategory.GOVERNMENT_IMPERSONATION, "government impersonation");
        EN.put(ScamCategory.PRIZE_OR_LOTTERY, "fake prize or lottery");
        EN.put(ScamCategory.ROMANCE, "romance scam");
    }

    private AlertMessages() {
    }

    public static String categoryLabel(ScamCategory category, Language language) {
        Map<ScamCategory, String> labels = language == Language.ENGLISH ? EN : FR;
        return labels.getOrDefault(category, language == Language.ENGLISH ? "phone scam" : "arnaque téléphonique");
    }

    /** To an emergency contact. Names the protected person, never the caller's number in full. */
    public static String sms(Tenant tenant, ScamCategory category) {
        Language language = tenant.settings().language();
        String who = tenant.displayName();
        if (language == Language.ENGLISH) {
            return "Ethiq alert: " + who + " is on a call that looks like a scam (" + categoryLabel(category, language)
                    + "). Please call " + who + " as soon as possible.";
        }
        return "Alerte Ethiq : " + who + " est en ligne avec un appel qui ressemble à une arnaque ("
                + categoryLabel(category, language) + "). Appelez " + who + " dès que possible.";
    }

    /** Spoken in the conference, so both parties hear it: plain, calm, actionable. */
    public static String announcement(Language language, ScamCategory category, String aiWarning) {
        if (aiWarning != null && !aiWarning.isBlank() && aiWarning.length() <= 300) {
            return (language == Language.ENGLISH ? "Warning from Ethiq. " : "Attention, message d'Ethiq. ") + aiWarning.strip();
        }
        if (language == Language.ENGLISH) {
            return "Warning from Ethiq. This call looks like a scam: " + categoryLabel(category, language)
                    + ". Do not give any code, card or bank details. You can hang up now.";
        }
        return "Attention, message d'Ethiq. Cet appel ressemble à une arnaque : " + categoryLabel(category, language)
                + ". Ne donnez aucun code, aucune carte ni aucune information bancaire. Vous pouvez raccrocher.";
    }

    /** Appends what to do (the claim check's advice, already in the tenant's language) when there is some. */
    public static String withAdvice(String message, String advice) {
        if (advice == null || advice.isBlank()) {
            return message;
        }
        return message + " " + advice.strip();
    }
}
