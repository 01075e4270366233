package com.ethiq.core.domain;

import java.util.Locale;

/** Delivery state of one alert. PENDING alerts are retried until SENT or FAILED. */
public enum AlertStatus {
    PENDING,
    SENT,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertStatus fromWire(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
