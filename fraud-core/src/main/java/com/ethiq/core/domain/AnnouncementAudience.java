package com.ethiq.core.domain;

import java.util.Locale;

/**
 * Who hears a spoken warning. By default only the protected person: a caller who hears it can coach the victim to
 * ignore it, and a warning mixed into the conference would reach the caller's media stream (and the transcript).
 * {@link #EVERYONE} is an account setting for those who prefer the caller to know the call is watched.
 */
public enum AnnouncementAudience {
    PROTECTED_PERSON, EVERYONE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AnnouncementAudience parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("'audience' must not be null");
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "protected-person", "protected_person", "protected" -> PROTECTED_PERSON;
            case "everyone" -> EVERYONE;
            default -> throw new IllegalArgumentException("'audience' must be protected-person or everyone, got " + text);
        };
    }
}
