package com.ethiq.core.family;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AuditTrail;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.port.EmergencyContacts;
import com.ethiq.core.port.FamilyLinkStore;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.KnownCallers;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.VendorException;
import com.ethiq.core.usecase.AlertMessages;
import com.ethiq.core.usecase.AlertSmsComposer;
import com.ethiq.core.usecase.Announcements;
import com.ethiq.core.usecase.ContactNotices;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use case: the family's response to an alert. (a) Every alert SMS carries a link unique to that alert and recipient
 * ({@link #compose}); (b) the link resolves to a read-only view of that one call ({@link #show}); (c) actions on the
 * call (join, end, "I'm on it", false alarm, block) are done at most once per call, whoever presses, however many
 * times ({@link FamilyLinkStore#claimAction} is the anchor), only while they make sense, audited with the contact (or
 * the member) as actor. Reads never act. Thread-safe.
 */
public final class FamilyResponse implements AlertSmsComposer {
    private static final Logger log = LoggerFactory.getLogger(FamilyResponse.class);
    /** A stored hash no token has, compared when nothing was found, so unknown and found cost the same comparison. */
    private static final String NO_HASH = FamilyTokens.hash("no such link");

    private final FamilyLinkStore links;
    private final Tenants tenants;
    private final CallLogs calls;
    private final EmergencyContacts contacts;
    private final AlertOutbox outbox;
    private final CallControl callControl;
    private final Announcements announcements;
    private final ContactNotices notices;
    private final AuditTrail audit;
    private final KnownCallers knownCallers;
    private final CallerReports callerReports;
    private final IdGenerator ids;
    private final Clock clock;
    private final java.util.function.Supplier<String> publicBaseUrl;
    private volatile com.ethiq.core.usecase.CallObserver observer = com.ethiq.core.usecase.CallObserver.NONE;

    /**
     * {@code announcements} stores and speaks the end notice by reference; {@code notices} records the "I'm on it" SMS
     * in {@code outbox} (the same outbox, so the page sees them);
     * {@code knownCallers} and {@code callerReports} may be null (then "block" is never available, no report is withdrawn).
     */
    public FamilyResponse(FamilyLinkStore links, Tenants tenants, CallLogs calls, EmergencyContacts contacts, AlertOutbox outbox,
                          CallControl callControl, Announcements announcements, ContactNotices notices, AuditTrail audit,
                          KnownCallers knownCallers, CallerReports callerReports, IdGenerator ids, Clock clock, String publicBaseUrl) {
        this(links, tenants, calls, contacts, outbox, callControl, announcements, notices, audit, knownCallers, callerReports,
                ids, clock, checkedBase(publicBaseUrl));
    }

    /** As above, the public base URL read when each link is written (a local run learns its port after start). */
    public FamilyResponse(FamilyLinkStore links, Tenants tenants, CallLogs calls, EmergencyContacts contacts, AlertOutbox outbox,
                          CallControl callControl, Announcements announcements, ContactNotices notices, AuditTrail audit,
                          KnownCallers knownCallers, CallerReports callerReports, IdGenerator ids, Clock clock,
                          java.util.function.Supplier<String> publicBaseUrl) {
        this.links = Objects.requireNonNull(links, "'links' must not be null");
        this.tenants = Objects.requireNonNull(tenants, "'tenants' must not be null");
        this.calls = Objects.requireNonNull(calls, "'calls' must not be null");
        this.contacts = Objects.requireNonNull(contacts, "'contacts' must not be null");
        this.outbox = Objects.requireNonNull(outbox, "'outbox' must not be null");
        this.callControl = Objects.requireNonNull(callControl, "'callControl' must not be null");
        this.announcements = Objects.requireNonNull(announcements, "'announcements' must not be null");
        this.notices = Objects.requireNonNull(notices, "'notices' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.knownCallers = knownCallers;
        this.callerReports = callerReports;
        this.ids = Objects.requireNonNull(ids, "'ids' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.publicBaseUrl = Objects.requireNonNull(publicBaseUrl, "'publicBaseUrl' must not be null");
    }

    /** Who hears of false alarms (metrics: field precision per tenant and rule). */
    public void observe(com.ethiq.core.usecase.CallObserver observer) {
        this.observer = Objects.requireNonNull(observer, "'observer' must not be null");
    }

    private static java.util.function.Supplier<String> checkedBase(String url) {
        if (url == null || !url.matches("https?://\\S+")) {
            throw new IllegalArgumentException("'publicBaseUrl' must be an http(s) URL, got '" + url + "'");
        }
        return () -> url;
    }

    // ---------------------------------------------------------------- (a) the link in the alert SMS

    /** Issues the contact's link for this alert and writes the SMS around it; the link is stored right after the alert. */
    @Override
    public Composed compose(Tenant tenant, EmergencyContact contact, UUID alertId, CallSid callSid, ScamCategory category,
                            String advice, Instant now) {
        String token = FamilyTokens.newToken();
        FamilyLink link = FamilyLink.issued(ids.newId(), tenant.id(), callSid, alertId, contact.id(), contact.phone(),
                FamilyTokens.hash(token), now);
        Language language = tenant.settings().language();
        String text = FamilyMessages.alertSms(language, tenant.displayName(), category,
                tenant.settings().protectedNumber().orElse(null), FamilyMessages.link(publicBaseUrl.get(), token), advice);
        return new Composed(text, () -> links.save(link));
    }

    // ---------------------------------------------------------------- (b) the page

    /** The view of the link's call; {@link FamilyOutcome.Gone} or {@link FamilyOutcome.Unknown} otherwise. Never acts. */
    public FamilyOutcome show(String token) {
        Resolved r = resolve(token);
        if (r.outcome != null) {
            return r.outcome;
        }
        return new FamilyOutcome.Shown(view(r.tenant, r.call, r.contact));
    }

    /**
     * The evidence pack through a family link (the link's own check stands in for a membership): the link's tenant and
     * call and the contact as actor, once the call is over and was judged scam or suspect; empty otherwise (unknown,
     * expired or revoked link, call still live, call judged clear). Never acts.
     */
    public Optional<EvidenceAccess> evidenceAccess(String token) {
        Resolved r = resolve(token);
        if (r.outcome != null || !evidenceReady(r.call)) {
            return Optional.empty();
        }
        return Optional.of(new EvidenceAccess(r.tenant.id(), r.call.callSid(), "contact:" + r.contact.id()));
    }

    /** Whose pack a family link may download, and the actor its download is audited as. */
    public record EvidenceAccess(TenantId tenant, CallSid callSid, String actor) {
    }

    // ---------------------------------------------------------------- (c) actions

    /** An action from a family link, the link's contact as actor. */
    public FamilyOutcome act(String token, FamilyAction action, String sourceAddress) {
        Resolved r = resolve(token);
        if (r.outcome != null) {
            return r.outcome;
        }
        Actor actor = new Actor("contact:" + r.contact.id(), r.contact.name(), r.contact, sourceAddress);
        return perform(r.tenant, r.call, action, actor, r.contact);
    }

    /**
     * An action by a logged-in member (already authorised by the caller). {@code joining}: the emergency contact whose
     * phone joins (required for join, ignored otherwise). Unknown call: {@link FamilyOutcome.Unknown}.
     */
    public FamilyOutcome actAsMember(TenantId tenantId, CallSid callSid, FamilyAction action, String userId, String userName,
                                     UUID joining, String sourceAddress) {
        Optional<Tenant> tenant = tenants.findById(tenantId);
        Optional<CallLog> call = tenant.flatMap(t -> calls.find(tenantId, callSid));
        if (call.isEmpty()) {
            return new FamilyOutcome.Unknown();
        }
        EmergencyContact joiner = joining == null ? null : contacts.find(tenantId, joining).orElse(null);
        if (action instanceof FamilyAction.Join && joiner == null) {
            return new FamilyOutcome.NotNow(action.wire(), "contact-required", view(tenant.get(), call.get(), null));
        }
        Actor actor = new Actor("user:" + userId, userName, joiner, sourceAddress);
        return perform(tenant.get(), call.get(), action, actor, null);
    }

    /** The view of one call as the member's dashboard would show it (no recipient). */
    public Optional<CallView> viewForMember(TenantId tenantId, CallSid callSid) {
        return tenants.findById(tenantId).flatMap(t -> calls.find(tenantId, callSid).map(c -> view(t, c, null)));
    }

    /** Revokes every link of a call (e.g. the account asks for it); returns how many were revoked. */
    public int revokeLinks(TenantId tenant, CallSid callSid, String actor) {
        Instant now = clock.instant();
        int n = 0;
        for (FamilyLink link : links.forCall(tenant, callSid)) {
            if (links.revoke(tenant, link.id(), now)) {
                n++;
            }
        }
        audit.append(new AuditEvent(ids.newId(), tenant, actor, "family.links-revoked", callSid.value(), "", "", now,
                Map.of("links", String.valueOf(n))));
        return n;
    }

    private record Actor(String id, String name, EmergencyContact phoneOwner, String source) {
    }

    private FamilyOutcome perform(Tenant tenant, CallLog call, FamilyAction action, Actor actor, EmergencyContact viewer) {
        String refusal = refusal(tenant, call, action, actor.phoneOwner);
        if (refusal != null) {
            return new FamilyOutcome.NotNow(action.wire(), refusal, view(tenant, call, viewer));
        }
        Instant now = clock.instant();
        FamilyActionTaken taken = new FamilyActionTaken(tenant.id(), call.callSid(), action.wire(), actor.id,
                actor.name, now);
        if (!links.claimAction(taken)) {
            return new FamilyOutcome.AlreadyDone(action.wire(), view(tenant, call, viewer));
        }
        try {
            Map<String, String> details = execute(tenant, call, action, actor);
            audit.append(new AuditEvent(ids.newId(), tenant.id(), actor.id, "family." + action.wire(), call.callSid().value(),
                    actor.source, "", now, details));
            if (action instanceof FamilyAction.FalseAlarm) {
                notifyFalseAlarm(tenant.id(), call);
            }
            return new FamilyOutcome.Done(action.wire(), view(tenant, call, viewer));
        } catch (VendorException | IllegalStateException e) {
            links.releaseAction(tenant.id(), call.callSid(), action.wire());
            log.warn("family action {} on call {} failed; it can be tried again: {}", action.wire(), call.callSid(), e.toString());
            audit.append(new AuditEvent(ids.newId(), tenant.id(), actor.id, "family." + action.wire() + ".failed",
                    call.callSid().value(), actor.source, "", now, Map.of("error", String.valueOf(e.getMessage()))));
            return new FamilyOutcome.Failed(action.wire(), "telephony", view(tenant, call, viewer));
        }
    }

    private void notifyFalseAlarm(TenantId tenant, CallLog call) {
        try {
            observer.falseAlarm(tenant, call.callSid(), call.explanation() == null ? "" : call.explanation());
        } catch (RuntimeException e) {
            log.debug("false alarm observer failed: {}", e.toString()); // metrics never undo an action
        }
    }

    /** Why the action cannot be done now, or null. */
    private String refusal(Tenant tenant, CallLog call, FamilyAction action, EmergencyContact joiner) {
        if (action.needsLiveCall() && !live(call)) {
            return "call-ended";
        }
        if (action instanceof FamilyAction.Join) {
            if (joiner == null || !joiner.mayJoin()) {
                return "join-not-allowed";
            }
            if (tenant.number().isEmpty()) {
                return "no-tenant-number";
            }
        }
        if (action instanceof FamilyAction.Block && (knownCallers == null || !PhoneNumber.isValid(call.caller()))) {
            return "no-number-to-block";
        }
        return null;
    }

    private Map<String, String> execute(Tenant tenant, CallLog call, FamilyAction action, Actor actor) {
        Language language = tenant.settings().language();
        ConferenceName conference = ConferenceName.forCall(tenant.id(), call.callSid());
        if (action instanceof FamilyAction.Join) {
            var receipt = callControl.addRelative(tenant.id(), conference, actor.phoneOwner.phone(), tenant.number().orElseThrow(),
                    FamilyMessages.joinAnnouncement(language, tenant.displayName()), language,
                    tenant.id().value() + ":" + call.callSid().value() + ":family-join");
            return Map.of("contact", actor.phoneOwner.id().toString(), "leg", receipt.leg() == null ? "" : receipt.leg().value());
        }
        if (action instanceof FamilyAction.EndCall) {
            announcements.endCallWithNotice(tenant, call.callSid(), call.protectedLeg().orElse(null),
                    FamilyMessages.endNotice(language, actor.name), language,
                    tenant.id().value() + ":" + call.callSid().value() + ":family-end");
            return Map.of();
        }
        if (action instanceof FamilyAction.Handling) {
            return Map.of("told", String.valueOf(tellOthers(tenant, call, actor)));
        }
        if (action instanceof FamilyAction.FalseAlarm) {
            boolean withdrawn = callerReports != null && callerReports.withdraw(tenant.id(), call.callSid());
            return Map.of("reportWithdrawn", String.valueOf(withdrawn), "category", call.category().wire());
        }
        return Map.of("listing", block(tenant, call).wire());
    }

    /**
     * One short SMS to each other contact, recorded in the alert outbox as notices of their own kind (once per call and
     * contact, sent, retried and audited by the dispatcher like any alert); the number of contacts told.
     */
    private int tellOthers(Tenant tenant, CallLog call, Actor actor) {
        if (tenant.number().isEmpty()) {
            throw new IllegalStateException("the account has no number to text from");
        }
        String text = FamilyMessages.handlingSms(tenant.settings().language(), tenant.displayName(), actor.name);
        List<EmergencyContact> others = contacts.list(tenant.id()).stream()
                .filter(c -> actor.phoneOwner == null || !c.id().equals(actor.phoneOwner.id())).toList();
        return notices.record(tenant, call.callSid(), AlertKind.FAMILY_HANDLING, text, others, clock.instant()).size();
    }

    private CallerListing block(Tenant tenant, CallLog call) {
        PhoneNumber caller = PhoneNumber.of(call.caller());
        CallerListing choice = tenant.settings().blockedCallers(); // the account's choice: reject, or warn first
        Optional<KnownCaller> listed = knownCallers.findByPhone(tenant.id(), caller);
        if (listed.isPresent() && listed.get().listing().blocked()) {
            return listed.get().listing();
        }
        if (listed.isPresent()) {
            KnownCaller k = listed.get();
            knownCallers.update(new KnownCaller(k.id(), k.tenant(), k.phone(), k.name(), choice, k.createdAt()));
        } else {
            knownCallers.add(new KnownCaller(ids.newId(), tenant.id(), caller, "", choice, clock.instant()));
        }
        return choice;
    }

    // ---------------------------------------------------------------- resolving a token

    private record Resolved(FamilyOutcome outcome, Tenant tenant, CallLog call, EmergencyContact contact) {
        static Resolved not(FamilyOutcome outcome) {
            return new Resolved(outcome, null, null, null);
        }
    }

    /**
     * Hashes whatever came (malformed or not) and looks it up once, then compares the stored hash in constant time:
     * an unknown token, a malformed one and a found one cost the same until the link is known.
     */
    private Resolved resolve(String token) {
        String hash = FamilyTokens.hash(token);
        Optional<FamilyLink> found = FamilyTokens.plausible(token) ? links.findByHash(hash) : Optional.empty();
        boolean same = MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                found.map(FamilyLink::tokenHash).orElse(NO_HASH).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !same) {
            return Resolved.not(new FamilyOutcome.Unknown());
        }
        FamilyLink link = found.get();
        if (!link.usableAt(clock.instant())) {
            return Resolved.not(new FamilyOutcome.Gone());
        }
        Optional<Tenant> tenant = tenants.findById(link.tenant());
        Optional<CallLog> call = tenant.flatMap(t -> calls.find(link.tenant(), link.callSid()));
        Optional<EmergencyContact> contact = contacts.find(link.tenant(), link.contactId());
        if (call.isEmpty() || contact.isEmpty()) {
            // the call or the contact was erased since: nothing left to show
            return Resolved.not(new FamilyOutcome.Gone());
        }
        return new Resolved(null, tenant.get(), call.get(), contact.get());
    }

    // ---------------------------------------------------------------- the view

    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']{2,80})'");

    /**
     * What was said that triggered the alert: the quoted cue phrases of the verdict's explanation (the engine's rule
     * names and scores stay out of the family's view), at most four, in order, without repeats.
     */
    static String cuePhrases(String explanation) {
        Set<String> phrases = new LinkedHashSet<>();
        java.util.regex.Matcher m = QUOTED.matcher(explanation == null ? "" : explanation);
        while (m.find() && phrases.size() < 4) {
            phrases.add("« " + m.group(1).strip() + " »");
        }
        return String.join(", ", phrases);
    }

    private static boolean live(CallLog call) {
        return call.state() != CallState.ENDED && call.endedAt() == null;
    }

    private CallView view(Tenant tenant, CallLog call, EmergencyContact viewer) {
        Language language = tenant.settings().language();
        List<EmergencyContact> all = contacts.list(tenant.id());
        List<Alert> alerts = outbox.forCall(tenant.id(), call.callSid());
        boolean warned = alerts.stream().anyMatch(a -> a.kind() == AlertKind.CONFERENCE_ANNOUNCEMENT && a.status() == AlertStatus.SENT);
        Set<String> alertedNames = new LinkedHashSet<>();
        for (Alert a : alerts) {
            if (a.kind() != AlertKind.SMS || a.status() == AlertStatus.FAILED) {
                continue;
            }
            all.stream().filter(c -> c.phone().e164().equals(a.recipient().value())).findFirst()
                    .ifPresent(c -> alertedNames.add(c.name()));
        }
        List<FamilyActionTaken> taken = links.actions(tenant.id(), call.callSid());
        List<CallView.Done> done = new ArrayList<>();
        String handledBy = "";
        Set<String> wiresDone = new LinkedHashSet<>();
        for (FamilyActionTaken t : taken) {
            done.add(new CallView.Done(t.action(), t.actorName(), t.at()));
            wiresDone.add(t.action());
            if (t.action().equals(FamilyAction.HANDLING.wire())) {
                handledBy = t.actorName();
            }
        }
        Set<String> available = new LinkedHashSet<>();
        for (FamilyAction a : FamilyAction.ALL) {
            if (!wiresDone.contains(a.wire()) && refusal(tenant, call, a, a instanceof FamilyAction.Join ? viewer : null) == null) {
                available.add(a.wire());
            }
        }
        if (viewer == null) {
            available.remove(FamilyAction.JOIN.wire()); // a member names the contact who joins; the dashboard asks
            if (live(call) && tenant.number().isPresent() && !wiresDone.contains(FamilyAction.JOIN.wire())) {
                available.add(FamilyAction.JOIN.wire());
            }
        }
        String kind = call.category() == ScamCategory.NONE ? "" : AlertMessages.categoryLabel(call.category(), language);
        return new CallView(language.code(), tenant.displayName(), tenant.settings().protectedNumber().map(PhoneNumber::e164).orElse(""),
                viewer == null ? "" : viewer.name(), kind, cuePhrases(call.explanation()), call.startedAt(), call.endedAt(), live(call), warned,
                List.copyOf(alertedNames), done, handledBy, available, evidenceReady(call));
    }

    /** The evidence pack is offered once the call is over, for a call judged scam or suspect. */
    private static boolean evidenceReady(CallLog call) {
        return !live(call) && (call.fraudDetected() || "scam".equals(call.verdict()) || "suspicious".equals(call.verdict()));
    }
}
