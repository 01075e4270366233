package com.ethiq.core.usecase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Use case: a call was judged a scam — record one alert per emergency contact (SMS) and one announcement in the
 * conference, before anything is sent, then wake the dispatcher. Recording is idempotent per call, kind and
 * recipient, so a second detection, a second socket or a second node cannot double an alert. Thread-safe.
 */
public final class AlertService {
    private final EmergencyContacts contacts;
    private final AlertOutbox outbox;
    private final AuditTrail audit;
    private final AlertDispatcher dispatcher;
    private final IdGenerator ids;
    private final Clock clock;

    public AlertService(EmergencyContacts contacts, AlertOutbox outbox, AuditTrail audit, AlertDispatcher dispatcher,
                        IdGenerator ids, Clock clock) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.clock = clock;
    }

    /** Returns the alerts this call newly recorded (empty if they already existed). */
    public List<Alert> raise(Tenant tenant, CallSid callSid, ConferenceName conference, Verdict verdict, String aiWarning) {
        return raise(tenant, callSid, conference, verdict, aiWarning, "");
    }

    /**
     * As above; {@code advice} (may be empty) says what to do instead, e.g. the claim check's "hang up and call the
     * number on the back of your card", and ends both the announcement and the SMS.
     */
    public List<Alert> raise(Tenant tenant, CallSid callSid, ConferenceName conference, Verdict verdict, String aiWarning,
                             String advice) {
        Instant now = clock.instant();
        List<Alert> recorded = new ArrayList<>();
        var prefs = tenant.settings().alerts();
        var language = tenant.settings().language();
        if (prefs.announceInCall()) {
            Alert a = Alert.pending(ids.newId(), tenant.id(), callSid, new AlertRecipient.Conference(conference),
                    AlertMessages.withAdvice(AlertMessages.announcement(language, verdict.category(), aiWarning), advice), language, now);
            if (outbox.enqueue(a)) {
                recorded.add(a);
            }
        }
        if (prefs.smsToContacts()) {
            for (EmergencyContact contact : contacts.list(tenant.id())) {
                Alert a = Alert.pending(ids.newId(), tenant.id(), callSid, new AlertRecipient.Phone(contact.phone()),
                        AlertMessages.withAdvice(AlertMessages.sms(tenant, verdict.category()), advice), language, now);
                if (outbox.enqueue(a)) {
                    recorded.add(a);
                }
            }
        }
        if (!recorded.isEmpty()) {
            audit.append(AuditEvent.system(ids.newId(), tenant.id(), "alert.raised", callSid.value(), now,
                    Map.of("category", verdict.category().wire(), "score", String.format(java.util.Locale.ROOT, "%.2f", verdict.score()),
                            "alerts", Integer.toString(recorded.size()))));
            dispatcher.wakeUp();
        }
        return recorded;
    }
}
