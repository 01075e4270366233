package com.ethiq.core.caller;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.KnownCallers;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Core step: who is this caller to the account? Emergency contacts and known callers are trusted, listed numbers may
 * be blocked; everyone else (anonymous included) is a stranger. A block listing wins over an emergency contact with
 * the same number: the account said so explicitly. Thread-safe.
 */
public final class CallerScreening {
    private final EmergencyContacts contacts;
    private final KnownCallers knownCallers;
    private final CallerReputation reputation;
    /**
     * What the incoming-call webhook learnt, for the media session of the same call on this node (the attestation is
     * only in the webhook; the reputation lookup is not repeated). Bounded: a session that starts elsewhere recomputes.
     */
    private final Map<CallSid, CallerContext> atRing = new ConcurrentHashMap<>();
    private static final int MAX_PENDING = 10_000;

    /** {@code knownCallers} may be null (a host without the lists): only emergency contacts are then trusted. */
    public CallerScreening(EmergencyContacts contacts, KnownCallers knownCallers) {
        this(contacts, knownCallers, null);
    }

    /** {@code reputation} may be null (no shared reputation configured). */
    public CallerScreening(EmergencyContacts contacts, KnownCallers knownCallers, CallerReputation reputation) {
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.knownCallers = knownCallers;
        this.reputation = reputation;
    }

    public Optional<CallerReputation> reputation() {
        return Optional.ofNullable(reputation);
    }

    /** At the incoming-call webhook: everything known about the caller, kept for this call's media session. */
    public CallerContext atRing(TenantId tenant, CallSid callSid, String from, Attestation attestation) {
        CallerContext context = context(tenant, from, attestation);
        if (atRing.size() >= MAX_PENDING) {
            atRing.clear(); // calls whose media never came: forget them rather than grow
        }
        atRing.put(callSid, context);
        return context;
    }

    /** At the media session's start: the webhook's context when this node answered it, else screened again. */
    public CallerContext forSession(TenantId tenant, CallSid callSid, String from) {
        CallerContext kept = atRing.remove(callSid);
        return kept != null ? kept : context(tenant, from);
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

    /** Everything known about the caller without the webhook's attestation. */
    public CallerContext context(TenantId tenant, String from) {
        return context(tenant, from, Attestation.ABSENT);
    }

    public CallerContext context(TenantId tenant, String from, Attestation attestation) {
        Optional<PhoneNumber> number = parse(from);
        Reputation reported = reputation == null || number.isEmpty() ? Reputation.NONE : reputation.lookup(number.get());
        return new CallerContext(number, screen(tenant, from), attestation, reported);
    }

    /** The caller's number when it is a real E.164 number. */
    public static Optional<PhoneNumber> parse(String from) {
        return PhoneNumber.isValid(from) ? Optional.of(PhoneNumber.of(from)) : Optional.empty();
    }
}
