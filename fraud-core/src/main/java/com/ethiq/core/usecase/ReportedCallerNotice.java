package com.ethiq.core.usecase;

import com.ethiq.core.caller.CallerContext;
import com.ethiq.core.caller.CallerTrust;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Step at ring time: a number the shared reputation reports (enough accounts) is calling a protected person, so the
 * family is texted before a word is spoken, if the account wants its contacts texted ({@code alerts.smsToContacts}).
 * Exactly once per call: the SMS is an outbox alert keyed by (account, call, kind, contact), so a replayed webhook or a
 * second node finds it recorded; the dispatcher delivers it like any alert. Trusted callers are never announced.
 * Thread-safe.
 */
public final class ReportedCallerNotice {
    private final EmergencyContacts contacts;
    private final ContactNotices notices;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    public ReportedCallerNotice(EmergencyContacts contacts, AlertOutbox outbox, AlertDispatcher dispatcher, AuditTrail audit,
                                IdGenerator ids, Clock clock) {
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.notices = new ContactNotices(outbox, dispatcher, ids);
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Whether this caller is one the family is told about at ring time. */
    public static boolean applies(Tenant tenant, CallerContext caller) {
        return caller.reputation().accounts() > 0 && !(caller.trust() instanceof CallerTrust.Trusted)
                && tenant.settings().alerts().smsToContacts();
    }

    /** Records (and wakes the delivery of) the notice to each emergency contact; the alerts this call recorded. */
    public List<Alert> tell(Tenant tenant, CallSid callSid, CallerContext caller) {
        if (!applies(tenant, caller)) {
            return List.of();
        }
        Instant now = clock.instant();
        String message = ReportedCallerMessages.sms(tenant, caller.reputation());
        List<Alert> recorded = notices.record(tenant, callSid, AlertKind.REPORTED_CALLER, message, contacts.list(tenant.id()), now);
        if (!recorded.isEmpty()) {
            audit.append(AuditEvent.system(ids.newId(), tenant.id(), "caller.reported_notice", callSid.value(), now,
                    Map.of("accounts", Integer.toString(caller.reputation().accounts()), "contacts", Integer.toString(recorded.size()))));
        }
        return recorded;
    }
}
