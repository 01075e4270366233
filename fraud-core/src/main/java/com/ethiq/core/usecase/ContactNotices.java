package com.ethiq.core.usecase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.IdGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Records one SMS notice per emergency contact in the durable alert outbox and wakes its delivery: the notices that
 * are not the scam warning (the phone seems offline, a reported number is calling, a relative is on it). The outbox's
 * key (account, call, kind, contact) makes each one exactly once per call across retries and nodes; the dispatcher
 * sends, retries and audits them like any alert. Thread-safe.
 */
public final class ContactNotices {
    private final AlertOutbox outbox;
    private final Runnable wakeDelivery;
    private final IdGenerator ids;

    public ContactNotices(AlertOutbox outbox, Runnable wakeDelivery, IdGenerator ids) {
        this.outbox = Objects.requireNonNull(outbox, "'outbox' must not be null");
        this.wakeDelivery = Objects.requireNonNull(wakeDelivery, "'wakeDelivery' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
    }

    /** Through {@code dispatcher}: recorded notices wake its next pass. */
    public ContactNotices(AlertOutbox outbox, AlertDispatcher dispatcher, IdGenerator ids) {
        this(outbox, Objects.requireNonNull(dispatcher, "'dispatcher' must not be null")::wakeUp, ids);
    }

    /**
     * Records {@code message} as a notice of {@code kind} to each of {@code to} for the call {@code callSid}; a contact
     * already told of this call is skipped by the outbox. Wakes delivery if anything was recorded.
     *
     * @return the notices this call recorded
     */
    public List<Alert> record(Tenant tenant, CallSid callSid, AlertKind kind, String message, List<EmergencyContact> to,
                              Instant now) {
        List<Alert> recorded = new ArrayList<>();
        for (EmergencyContact contact : to) {
            Alert a = Alert.pending(ids.newId(), tenant.id(), callSid, new AlertRecipient.ContactNotice(kind, contact.phone()),
                    message, tenant.settings().language(), now);
            if (outbox.enqueue(a)) {
                recorded.add(a);
            }
        }
        if (!recorded.isEmpty()) {
            wakeDelivery.run();
        }
        return recorded;
    }
}
