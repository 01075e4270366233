package com.ethiq.core.domain;

import java.util.Objects;

/**
 * Who an alert goes to: an emergency contact's phone (SMS) or the call's conference (spoken announcement). Stored as
 * one text column ({@link #value()}); {@link #parse} reads it back for the alert's kind.
 */
public sealed interface AlertRecipient permits AlertRecipient.Phone, AlertRecipient.Conference {

    /** The kind of alert this recipient receives. */
    AlertKind kind();

    /** The stored and idempotency-key form: E.164 for a phone, the conference name for a conference. */
    String value();

    /** An emergency contact's phone, texted. */
    record Phone(PhoneNumber number) implements AlertRecipient {
        public Phone {
            Objects.requireNonNull(number, "'number' must not be null");
        }

        @Override
        public AlertKind kind() {
            return AlertKind.SMS;
        }

        @Override
        public String value() {
            return number.e164();
        }
    }

    /** The call's conference, spoken to. */
    record Conference(ConferenceName name) implements AlertRecipient {
        public Conference {
            Objects.requireNonNull(name, "'name' must not be null");
        }

        @Override
        public AlertKind kind() {
            return AlertKind.CONFERENCE_ANNOUNCEMENT;
        }

        @Override
        public String value() {
            return name.value();
        }
    }



    /** Reads a stored recipient back for an alert of {@code kind}; rejects text that is not that kind's shape. */
    static AlertRecipient parse(AlertKind kind, String stored) {
        Objects.requireNonNull(kind, "'kind' must not be null");
        return switch (kind) {
            case SMS -> {
                if (!PhoneNumber.isValid(stored)) {
                    throw new IllegalArgumentException("'recipient' of an SMS alert must be E.164, got '" + stored + "'");
                }
                yield new Phone(PhoneNumber.of(stored));
            }
            case CONFERENCE_ANNOUNCEMENT -> new Conference(new ConferenceName(stored));
        };
    }
}
