package com.ethiq.core.usecase;

import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: a call was judged a scam — one alert per emergency contact (SMS) and one announcement in the conference.
 * <p>Normally they are recorded in the durable outbox before anything is sent (through the call's queue of writes,
 * so after its call log; one transaction), already leased to this node, which then sends them itself
 * ({@link AlertDispatcher#deliverClaimed}). The lease is what keeps a late commit (slow store, alerts sent from
 * memory meanwhile) out of the workers' hands until this node marks the send. Recording is idempotent per call, kind and recipient, so a
 * second detection, a second socket or a second node cannot double an alert.
 * <p>When the store cannot record them within {@code recordWait} (down, or frozen), the alerts are sent at once from
 * memory (same idempotency keys: the SMS adapter looks a key's reference up before sending) and, when the store
 * returns, each is recorded with its outcome in one write ({@link AlertOutcomes#recordWithAlert}: the alert as sent,
 * or its mark if a write that hung recorded it, with usage and audit entry, one transaction, exactly once), so it can
 * never stand recorded but pending for a worker to send again. A send that fails from memory is recorded as pending
 * when the store returns, and the workers retry it. The tenant comes from the live session; contacts from the last
 * successful read.
 * Thread-safe.
 */
public final class AlertService {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    /** How long a scam waits for the store before its alerts are sent from memory. */
    static final Duration RECORD_WAIT = Duration.ofMillis(500);
    /** A write running for longer than this means the store is frozen: do not wait for it. */
    static final Duration STUCK_AFTER = Duration.ofMillis(300);

    private final EmergencyContacts contacts;
    private final AlertOutbox outbox;
    private final AuditTrail audit;
    private final AlertOutcomes outcomes;
    private final AlertDispatcher dispatcher;
    private final WriteBehind writes;
    private final Executor storeReads;
    private final IdGenerator ids;
    private final Clock clock;
    /** A tenant's contacts read within this long (at call start, usually) are used as they are: no read at alert time. */
    static final Duration CONTACTS_FRESH = Duration.ofSeconds(60);

    private record KnownContacts(List<EmergencyContact> contacts, long readAtNanos) {
    }

    private final ConcurrentHashMap<TenantId, KnownContacts> lastKnownContacts = new ConcurrentHashMap<>();
    private volatile CallObserver observer = CallObserver.NONE;
    private volatile AlertSmsComposer composer = AlertSmsComposer.PLAIN;

    /** @param outcomes where a send from memory is recorded with its alert when the store returns (one unit of work) */
    public AlertService(EmergencyContacts contacts, AlertOutbox outbox, AuditTrail audit, AlertOutcomes outcomes,
                        AlertDispatcher dispatcher, WriteBehind writes, Executor storeReads, IdGenerator ids, Clock clock) {
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.outcomes = Objects.requireNonNull(outcomes, "'outcomes' must not be null");
        this.dispatcher = dispatcher;
        this.writes = writes;
        this.storeReads = storeReads;
        this.ids = ids;
        this.clock = clock;
    }

    public void observe(CallObserver observer) {
        this.observer = observer;
    }

    /** How the SMS to each contact is written (the family response puts a link in it); plain text by default. */
    public void composeSmsWith(AlertSmsComposer composer) {
        this.composer = Objects.requireNonNull(composer, "'composer' must not be null");
    }

    /**
     * Reads the tenant's contacts at call start, in the call's queue of writes (off the caller's thread, retried like a
     * write if the store refuses), so an outage later in the call still knows whom to warn.
     */
    void rememberContacts(Tenant tenant, CallSid callSid) {
        writes.submit(callSid, WriteBehind.Write.kept("contacts read", () ->
                lastKnownContacts.put(tenant.id(), new KnownContacts(List.copyOf(contacts.list(tenant.id())), System.nanoTime()))));
    }

    /**
     * Returns the alerts this call newly recorded or sent from memory (empty if they already existed). Never
     * blocks longer than about {@code RECORD_WAIT} plus a contacts read on the store.
     */
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
        List<Runnable> linkWrites = new ArrayList<>();
        List<Alert> candidates = candidates(tenant, callSid, conference, verdict, aiWarning, advice, now, linkWrites);
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, String> auditDetails = Map.of("category", verdict.category().wire(),
                "score", String.format(java.util.Locale.ROOT, "%.2f", verdict.score()));
        List<Alert> recorded = new CopyOnWriteArrayList<>();
        // Recorded already claimed by this node: whichever path sends them (below once recorded, or from memory if
        // the store is slow), no worker claims them before the lease ends, even if this write commits late.
        List<Alert> claimed = candidates.stream().map(AlertService::firstAttempt).toList();
        // Ahead of the call's transcript lines still waiting (the raising segment's among them): one commit to wait for.
        WriteBehind.Write record = writes.submitAheadOfLines(callSid, WriteBehind.Write.kept("alerts", () -> {
            observer.alertStage(tenant.id(), callSid, AlertStage.RECORD_STARTED, java.util.Optional.empty());
            recorded.clear();
            Instant leasedUntil = clock.instant().plus(dispatcher.lease());
            recorded.addAll(outbox.enqueueClaimed(claimed, leasedUntil));
        }));
        if (!linkWrites.isEmpty()) {
            // Right behind the alerts in the call's queue, not inside their write: the wait for the store above covers
            // the alerts only (a slower write there would send them from memory and could speak an announcement twice).
            // The links are stored milliseconds after, long before an SMS reaches a phone.
            writes.submit(callSid, WriteBehind.Write.kept("family links", () -> linkWrites.forEach(Runnable::run)));
        }
        Duration wait = writes.suspect(STUCK_AFTER) ? Duration.ZERO : RECORD_WAIT;
        boolean committed = record.await(wait) || record.done();
        observer.alertStage(tenant.id(), callSid, AlertStage.RECORDED, java.util.Optional.empty());
        if (committed) {
            if (!recorded.isEmpty()) {
                auditLater(tenant.id(), callSid, "alert.raised", callSid.value(), now, withCount(auditDetails, recorded.size()));
                dispatcher.deliverClaimed(tenant, List.copyOf(recorded));
            }
            return List.copyOf(recorded);
        }
        if (!record.withdraw()) {
            // Running against a slow or frozen store: it may still commit, but leased to this node, so no worker
            // sends these alerts before the send below is marked (or, if this node dies, the lease ends).
            log.warn("recording the alerts of call {} hangs on the store: sending them from memory", callSid);
        } else {
            log.warn("store unavailable: sending the {} alert(s) of call {} from memory; recorded when it returns",
                    candidates.size(), callSid);
        }
        auditLater(tenant.id(), callSid, "alert.raised", callSid.value(), now,
                withCount(Map.of("category", auditDetails.get("category"), "score", auditDetails.get("score"),
                        "fromMemory", "true"), candidates.size()));
        for (Alert a : candidates) {
            dispatcher.sendFromMemory(tenant, a, (receipt, error) -> afterMemorySend(tenant, a, receipt, error));
        }
        return candidates;
    }

    private void afterMemorySend(Tenant tenant, Alert alert, CallControl.DeliveryReceipt receipt, Throwable error) {
        CallSid callSid = alert.callSid();
        if (error != null) {
            // Recorded as due when the store returns; the workers retry it (the SMS lookup prevents a double).
            String reason = String.valueOf(error.getMessage());
            writes.submit(callSid, WriteBehind.Write.kept("alert (to retry)", () -> {
                if (!outbox.enqueue(alert)) {
                    // Recorded late and leased to this node: release it so the workers retry it now.
                    outcomes.record(new AlertOutcomes.Retry(alert, clock.instant(), reason));
                }
                dispatcher.wakeUp();
            }));
            return;
        }
        Alert sent = firstAttempt(alert);
        // Decided now (ids, time) so that the write, retried until the store returns, records this same outcome.
        AlertOutcomes.Sent outcome = AlertDispatcher.sentOutcome(ids, sent, clock.instant(), receipt.providerReference(), true);
        // One commit: the alert (unless a write that hung recorded it) with its mark, usage and audit entry, so no
        // crash can leave it pending for a worker to send again. Recorded already (a retried write), it writes nothing.
        writes.submit(callSid, WriteBehind.Write.kept("alert sent from memory", () -> outcomes.recordWithAlert(outcome)));
        observer.alertSentFromMemory(tenant.id(), callSid, alert);
    }

    private static Alert firstAttempt(Alert a) {
        return a.withDelivery(a.status(), 1, a.nextAttemptAt(), a.sentAt(), a.providerReference(), a.lastError());
    }

    private List<Alert> candidates(Tenant tenant, CallSid callSid, ConferenceName conference, Verdict verdict,
                                   String aiWarning, String advice, Instant now, List<Runnable> linkWrites) {
        List<Alert> all = new ArrayList<>();
        var prefs = tenant.settings().alerts();
        var language = tenant.settings().language();
        if (prefs.announceInCall()) {
            all.add(Alert.pending(ids.newId(), tenant.id(), callSid, new AlertRecipient.Conference(conference),
                    AlertMessages.withAdvice(AlertMessages.announcement(language, verdict.category(), aiWarning), advice),
                    language, now));
        }
        if (prefs.smsToContacts()) {
            AlertSmsComposer smsComposer = composer;
            for (EmergencyContact contact : contactsOf(tenant)) {
                java.util.UUID alertId = ids.newId();
                AlertSmsComposer.Composed sms = smsComposer.compose(tenant, contact, alertId, callSid, verdict.category(), advice, now);
                linkWrites.add(sms.store());
                all.add(Alert.pending(alertId, tenant.id(), callSid, new AlertRecipient.Phone(contact.phone()),
                        sms.message(), language, now));
            }
        }
        return all;
    }

    /**
     * The tenant's contacts: as read within {@link #CONTACTS_FRESH} (at call start), else from the store if it answers
     * quickly, else the last ones read. A scam never waits long for the database to learn whom to warn.
     */
    private List<EmergencyContact> contactsOf(Tenant tenant) {
        TenantId id = tenant.id();
        KnownContacts known = lastKnownContacts.get(id);
        if (known != null && (System.nanoTime() - known.readAtNanos() < CONTACTS_FRESH.toNanos() || writes.suspect(STUCK_AFTER))) {
            return known.contacts();
        }
        try {
            List<EmergencyContact> read = CompletableFuture.supplyAsync(() -> List.copyOf(contacts.list(id)), storeReads)
                    .get(RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            lastKnownContacts.put(id, new KnownContacts(read, System.nanoTime()));
            return read;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("contacts of tenant {} not readable now ({}): using the {} last read", id, e.toString(),
                    known == null ? "none" : Integer.toString(known.contacts().size()));
        }
        return known == null ? List.of() : known.contacts();
    }

    private void auditLater(TenantId tenant, CallSid callSid, String action, String target, Instant at, Map<String, String> details) {
        writes.submit(callSid, WriteBehind.Write.kept(action, () ->
                audit.append(AuditEvent.system(ids.newId(), tenant, action, target, at, details))));
    }

    private static Map<String, String> withCount(Map<String, String> details, int alerts) {
        Map<String, String> all = new java.util.HashMap<>(details);
        all.put("alerts", Integer.toString(alerts));
        return Map.copyOf(all);
    }
}
