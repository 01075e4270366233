package com.ethiq.core.usecase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.RingResult;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Step after a call could not reach the protected person's phone: when the last {@link #STREAK} calls in a row found
 * the SIP endpoint unreachable, the account (its emergency contacts, by SMS, if its alert preferences allow SMS) is
 * told once that the phone seems offline, with when it was last reachable. "Once" holds across retries, nodes and
 * further failures: the notice is an outbox alert keyed by the first call of the streak, so every later failure of the
 * same streak finds it already recorded. Calls where the caller hung up first, or where nobody was rung, say nothing
 * about the phone and are skipped. Thread-safe.
 */
public final class PhoneOfflineNotice {
    /** Unreachable calls in a row before the account is told. */
    public static final int STREAK = 3;
    /** How far back the streak is looked for; a streak longer than this is not told again. */
    static final int WINDOW = 20;

    private final CallLogs callLogs;
    private final EmergencyContacts contacts;
    private final ContactNotices notices;
    private final AuditTrail audit;
    private final IdGenerator ids;
    private final Clock clock;

    public PhoneOfflineNotice(CallLogs callLogs, EmergencyContacts contacts, AlertOutbox outbox, AlertDispatcher dispatcher,
                              AuditTrail audit, IdGenerator ids, Clock clock) {
        this.callLogs = Objects.requireNonNull(callLogs, "'callLogs' must not be null");
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.notices = new ContactNotices(outbox, dispatcher, ids);
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** Looks at the tenant's recent calls; records (and wakes the delivery of) the notice if a new streak reached {@link #STREAK}. */
    public List<Alert> check(Tenant tenant) {
        List<CallLog> recent = callLogs.recent(tenant.id(), null, WINDOW);
        int streak = 0;
        CallLog first = null;
        Optional<Instant> lastReachable = Optional.empty();
        boolean ended = false;
        for (CallLog call : recent) { // newest first
            Optional<RingResult> ring = call.ring();
            if (ring.isEmpty() || ring.get() == RingResult.CALLER_HUNG_UP || ring.get() == RingResult.NOT_RUNG) {
                continue;
            }
            if (ring.get().reachedThePhone()) {
                lastReachable = Optional.of(call.startedAt());
                ended = true;
                break;
            }
            streak++;
            first = call;
        }
        if (streak < STREAK || (!ended && recent.size() >= WINDOW) || !tenant.settings().alerts().smsToContacts()) {
            return List.of();
        }
        Instant now = clock.instant();
        String message = RingMessages.phoneOffline(tenant, streak, lastReachable);
        List<Alert> recorded = notices.record(tenant, first.callSid(), AlertKind.PHONE_OFFLINE, message,
                contacts.list(tenant.id()), now);
        if (!recorded.isEmpty()) {
            audit.append(AuditEvent.system(ids.newId(), tenant.id(), "phone.offline_notice", first.callSid().value(), now,
                    Map.of("failedCalls", Integer.toString(streak), "lastReachable", lastReachable.map(Instant::toString).orElse("unknown"))));
        }
        return recorded;
    }
}
