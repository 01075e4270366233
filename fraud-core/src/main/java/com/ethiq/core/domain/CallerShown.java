package com.ethiq.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What the protected person's phone shows as the caller when Ethiq rings it: the real caller's number (so the person
 * recognises family from their contacts and can call back), or, when the caller withheld it, a display name saying
 * so. Never the account's own Ethiq number.
 */
public record CallerShown(PhoneNumber number, String displayName) {
    public CallerShown {
        displayName = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (number == null && displayName == null) {
            throw new IllegalArgumentException("a withheld caller needs a display name");
        }
        if (displayName != null && (displayName.length() < 2 || displayName.length() > 64)) {
            throw new IllegalArgumentException("'displayName' must be 2 to 64 characters");
        }
    }

    /** The caller as the provider reported it: a valid E.164 number is shown as is; anything else is withheld. */
    public static CallerShown fromRaw(String rawFrom, Language language) {
        Objects.requireNonNull(language, "'language' must not be null");
        if (PhoneNumber.isValid(rawFrom)) {
            return new CallerShown(PhoneNumber.of(rawFrom), null);
        }
        return withheld(language);
    }

    /** A caller who withheld their number ("anonymous", "private", empty…). */
    public static CallerShown withheld(Language language) {
        return new CallerShown(null, language == Language.FRENCH ? "Numéro masqué" : "Withheld number");
    }

    /** The number to show, empty when withheld. */
    public Optional<PhoneNumber> shownNumber() {
        return Optional.ofNullable(number);
    }

    public boolean withheld() {
        return number == null;
    }

    @Override
    public String toString() {
        return number == null ? "withheld" : number.masked();
    }
}
