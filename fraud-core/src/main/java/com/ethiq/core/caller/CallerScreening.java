package com.ethiq.core.caller;

import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.KnownCallers;
import java.util.Objects;
import java.util.Optional;

/**
 * Core step: who is this caller to the account? Emergency contacts and known callers are trusted, listed numbers may
 * be blocked; everyone else (anonymous included) is a stranger. A block listing wins over an emergency contact with
 * the same number: the account said so explicitly. Thread-safe.
 */
public final class CallerScreening {
    private final EmergencyContacts contacts;
    private final KnownCallers knownCallers;

    /** {@code knownCallers} may be null (a host without the lists): only emergency contacts are then trusted. */
    public CallerScreening(EmergencyContacts contacts, KnownCallers knownCallers) {
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.knownCallers = knownCallers;
    }

    /** {@code from} is raw, as the telephony provider gave it (may be "anonymous" or empty). */
    public CallerTrust screen(TenantId tenant, String from) {
        Optional<PhoneNumber> number = parse(from);
        if (number.isEmpty()) {
            return CallerTrust.STRANGER;
        }
        Optional<KnownCaller> listed = knownCallers == null ? Optional.empty() : knownCallers.findByPhone(tenant, number.get());
        if (listed.isPresent() && listed.get().listing().blocked()) {
            KnownCaller k = listed.get();
            return new CallerTrust.Blocked(k.listing() == com.ethiq.core.domain.CallerListing.BLOCKED_REJECT, k.name());
        }
        var contact = contacts.list(tenant).stream().filter(c -> c.phone().equals(number.get())).findFirst();
        if (contact.isPresent()) {
            return new CallerTrust.Trusted(CallerTrust.Source.EMERGENCY_CONTACT, contact.get().name());
        }
        return listed.<CallerTrust>map(k -> new CallerTrust.Trusted(CallerTrust.Source.KNOWN_CALLER, k.name()))
                .orElse(CallerTrust.STRANGER);
    }

    /** Everything known about the caller at ring time (the attestation is not kept past the webhook yet). */
    public CallerContext context(TenantId tenant, String from) {
        return context(tenant, from, Attestation.ABSENT);
    }

    public CallerContext context(TenantId tenant, String from, Attestation attestation) {
        return new CallerContext(parse(from), screen(tenant, from), attestation, Reputation.NONE);
    }

    /** The caller's number when it is a real E.164 number. */
    public static Optional<PhoneNumber> parse(String from) {
        return PhoneNumber.isValid(from) ? Optional.of(PhoneNumber.of(from)) : Optional.empty();
    }
}
