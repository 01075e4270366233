package com.ethiq.core.detection;

import java.util.Locale;

/** The scam taxonomy shared by the rules, the AI analysis and the dashboard. */
public enum ScamCategory {
    FAKE_BANK_ADVISER,
    FAKE_COURIER,
    FAKE_TECH_SUPPORT,
    FAKE_POLICE,
    FAKE_RELATIVE,
    TRAINING_ACCOUNT,
    INVESTMENT,
    FAKE_HEALTH_OR_PARCEL,
    FAKE_RENOVATION_AID,
    CEO_OR_SUPPLIER,
    GOVERNMENT_IMPERSONATION,
    PRIZE_OR_LOTTERY,
    ROMANCE,
    OTHER,
    NONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScamCategory fromWire(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }
}
