package com.ethiq.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who an alert goes to: an emergency contact's phone (SMS) or the call's conference (spoken announcement). Stored as
 * one text column ({@link #value()}); {@link #parse} reads it back for the alert's kind.
 */
public sealed interface AlertRecipient permits AlertRecipient.Phone, AlertRecipient.Conference,
        AlertRecipient.ContactNotice {

    /** The kind of alert this recipient receives. */
    AlertKind kind();

    /** The stored and idempotency-key form: E.164 for a phone, the conference name for a conference. */
    String value();

    /** The number a texted alert goes to; empty for a conference. */
    default Optional<PhoneNumber> textedNumber() {
        return Optional.empty();
    }

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
        public Optional<PhoneNumber> textedNumber() {
            return Optional.of(number);
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


    /**
     * An emergency contact's phone, texted a notice that is not the scam warning ({@link AlertKind#notice()}: the phone
     * seems offline, a reported number is calling...). Its own kind keeps it apart from the scam SMS of the same call
     * and contact in the outbox's unique key.
     */
    record ContactNotice(AlertKind kind, PhoneNumber number) implements AlertRecipient {
        public ContactNotice {
            Objects.requireNonNull(kind, "'kind' must not be null");
            Objects.requireNonNull(number, "'number' must not be null");
            if (!kind.notice()) {
                throw new IllegalArgumentException("'kind' must be a notice kind, got " + kind.wire());
            }
        }

        @Override
        public String value() {
            return number.e164();
        }

        @Override
        public Optional<PhoneNumber> textedNumber() {
            return Optional.of(number);
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
            case PHONE_OFFLINE, REPORTED_CALLER, FAMILY_HANDLING -> {
                if (!PhoneNumber.isValid(stored)) {
                    throw new IllegalArgumentException("'recipient' of a " + kind.wire() + " notice must be E.164, got '" + stored + "'");
                }
                yield new ContactNotice(kind, PhoneNumber.of(stored));
            }
        };
    }
}
