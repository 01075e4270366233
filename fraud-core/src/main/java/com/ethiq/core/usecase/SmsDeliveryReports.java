package com.ethiq.core.usecase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SmsDelivery;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: a delivery report for an alert SMS. Accepted by the vendor is not received: an alert the carrier could not
 * deliver (filtered, unreachable, a landline, expired in the queue) is marked failed, the account is told through its
 * audit trail ({@code alert.undelivered}), and the next emergency contact not yet alerted for that call gets the same
 * alert, recorded in the outbox like any other (so it is sent exactly once). Repeated reports change nothing.
 * Thread-safe.
 */
public final class SmsDeliveryReports {
    private static final Logger log = LoggerFactory.getLogger(SmsDeliveryReports.class);

    /** What a report led to. */
    public enum Outcome {
        /** In transit, delivered, unknown message, or already handled. */
        NOTHING_TO_DO,
        /** Undelivered; the next contact's alert is recorded. */
        NEXT_CONTACT_ALERTED,
        /** Undelivered; every contact already had an alert for this call. */
        NO_OTHER_CONTACT
    }

    private final EmergencyContacts contacts;
    private final AlertOutbox outbox;
    private final AuditTrail audit;
    private final AlertDispatcher dispatcher;
    private final IdGenerator ids;
    private final Clock clock;

    public SmsDeliveryReports(EmergencyContacts contacts, AlertOutbox outbox, AuditTrail audit, AlertDispatcher dispatcher,
                              IdGenerator ids, Clock clock) {
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.outbox = Objects.requireNonNull(outbox, "'outbox' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.dispatcher = Objects.requireNonNull(dispatcher, "'dispatcher' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /**
     * @param messageReference the vendor's reference of the message (its receipt's {@code providerReference})
     * @param errorCode        the vendor's error code, or null
     */
    public Outcome onReport(TenantId tenant, String messageReference, SmsDelivery delivery, String errorCode) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(delivery, "'delivery' must not be null");
        if (delivery != SmsDelivery.NOT_DELIVERED || messageReference == null || messageReference.isBlank()) {
            return Outcome.NOTHING_TO_DO;
        }
        Instant now = clock.instant();
        String reason = "not delivered" + (errorCode == null || errorCode.isBlank() ? "" : " (error " + errorCode + ")");
        Optional<Alert> undelivered = outbox.markUndelivered(tenant, messageReference, now, reason);
        if (undelivered.isEmpty()) {
            return Outcome.NOTHING_TO_DO; // not an alert of this tenant, or a repeated report
        }
        Alert failed = undelivered.get();
        // Only the scam warning falls through to the next contact: a notice ("I'm on it", phone offline...) is not one.
        Optional<EmergencyContact> next = failed.kind() == AlertKind.SMS ? nextContact(failed) : Optional.empty();
        next.ifPresent(contact -> {
            Alert again = Alert.pending(ids.newId(), tenant, failed.callSid(), new AlertRecipient.Phone(contact.phone()),
                    failed.message(), failed.language(), now);
            if (outbox.enqueue(again)) {
                dispatcher.wakeUp();
            }
        });
        Map<String, String> details = new LinkedHashMap<>();
        details.put("kind", failed.kind().wire());
        details.put("error", errorCode == null ? "" : errorCode);
        details.put("next_contact", next.isPresent() ? "alerted" : "none left");
        audit.append(AuditEvent.system(ids.newId(), tenant, "alert.undelivered", failed.id().toString(), now, details));
        log.warn("alert SMS {} of call {} was not delivered ({}); next contact: {}", failed.id(), failed.callSid(), reason,
                next.isPresent() ? "alerted" : "none left");
        return next.isPresent() ? Outcome.NEXT_CONTACT_ALERTED : Outcome.NO_OTHER_CONTACT;
    }

    /** The first contact, in the tenant's order, with no SMS alert yet for that call. */
    private Optional<EmergencyContact> nextContact(Alert failed) {
        Set<PhoneNumber> alerted = outbox.forCall(failed.tenant(), failed.callSid()).stream()
                .map(Alert::recipient)
                .filter(r -> r instanceof AlertRecipient.Phone)
                .map(r -> ((AlertRecipient.Phone) r).number())
                .collect(Collectors.toSet());
        return contacts.list(failed.tenant()).stream().filter(c -> !alerted.contains(c.phone())).findFirst();
    }
}
