package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallerShown;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl;
import com.ethiq.core.port.TenantSecrets;
import com.twilio.base.Page;
import com.twilio.http.HttpMethod;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Conference;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.rest.api.v2010.account.conference.ParticipantCreator;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CallControl} on Twilio's REST API, through each tenant's own account (Account SID + auth token from
 * {@link TenantSecrets}; a subaccount is just another SID). One attempt per HTTP request; deliberate retries only
 * where a resend cannot duplicate anything; SMS made idempotent by a reference in the body that is looked up before
 * every send; one circuit breaker per tenant. Every failure leaves as a {@link CallControlException}. Thread-safe.
 */
public final class TwilioCallControl implements CallControl {
    /** Path, under the public base URL, of the app route that renders an announcement ({@link TwilioTwiml#announcement}). */
    public static final String ANNOUNCEMENT_PATH = "/twilio/announcement";
    /** Path, under the public base URL, of the app route that receives the protected person's leg progress. */
    public static final String PARTICIPANT_STATUS_PATH = "/twilio/participant-status";
    /**
     * Participant events reported to {@link #PARTICIPANT_STATUS_PATH}: Twilio's call progress events of the leg. The
     * final status (no-answer, busy, failed, canceled) comes with {@code completed}.
     */
    static final List<String> PARTICIPANT_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    /** Path, under the public base URL, of the app route that receives alert SMS delivery reports ({@code StatusCallback}). */
    public static final String SMS_STATUS_PATH = "/twilio/sms-status";
    /** Label of the protected person's leg in the conference. */
    public static final String PROTECTED_LABEL = "protected";
    /** {@code From} of the protected person's leg when the caller withheld their number. */
    static final String WITHHELD_USER = "anonymous";

    static final int MAX_SMS_CHARS = 1600;           // Twilio's limit for Body
    static final int MAX_ANNOUNCEMENT_CHARS = 1000;  // keeps the AnnounceUrl far below URL length limits
    static final long LOOKUP_PAGE_SIZE = 100;

    private static final Logger log = LoggerFactory.getLogger(TwilioCallControl.class);

    private final TwilioSettings settings;
    private final Clock clock;
    private final TenantClients clients;
    private final Resilience resilience;
    private final SmsSending.PerAccount smsSending;
    /** Conferences where adding the protected leg had an unknown outcome: the next attempt looks before dialling. */
    private final java.util.Map<String, Boolean> uncertainLegs = new java.util.concurrent.ConcurrentHashMap<>();

    /** Alerts sent from the tenant's own number (tests, countries where that is allowed). */
    public TwilioCallControl(TenantSecrets secrets, TwilioSettings settings, Clock clock) {
        this(secrets, settings, SmsSending.PerAccount.platform(SmsSending.fromTenantNumber()), clock);
    }

    public TwilioCallControl(TenantSecrets secrets, TwilioSettings settings, SmsSending.PerAccount smsSending, Clock clock) {
        Objects.requireNonNull(secrets, "'secrets' must not be null");
        this.smsSending = Objects.requireNonNull(smsSending, "'smsSending' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.clients = new TenantClients(secrets,
                new SingleAttemptHttpClient(settings.apiBaseUrl(), settings.connectTimeout(), settings.readTimeout()));
        this.resilience = new Resilience(settings, clock);
    }

    /**
     * Sends {@code body} followed by a line "Réf. XXXXXX" derived from {@code idempotencyKey}. Before sending, and
     * again when the outcome of the send is unknown, looks for that reference among recent messages to {@code to}: a
     * message found there is returned instead of sending another one. The sender is the account's {@link SmsSending}:
     * an alphanumeric sender ID and/or a Messaging Service, or {@code from} (the tenant's number) when it has neither.
     */
    @Override
    public DeliveryReceipt sendSms(TenantId tenant, PhoneNumber from, PhoneNumber to, String body, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(from, "'from' must not be null");
        Objects.requireNonNull(to, "'to' must not be null");
        requireText(body, "body");
        requireText(idempotencyKey, "idempotencyKey");
        String reference = IdempotencyReference.of(idempotencyKey);
        String text = IdempotencyReference.smsBody(body, reference);
        if (text.length() > MAX_SMS_CHARS) {
            throw new IllegalArgumentException("'body' must be at most " + (MAX_SMS_CHARS - (text.length() - body.length()))
                    + " characters, got " + body.length());
        }
        SmsSending sending = Objects.requireNonNull(smsSending.forTenant(tenant), "no SmsSending for tenant " + tenant);
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "send SMS", () -> {
            Optional<Message> earlier = findSent(client, to, reference);
            if (earlier.isPresent()) {
                log.info("SMS already sent, not resending: tenant={} to={} sid={} ref={}", tenant, to.masked(), earlier.get().getSid(), reference);
                return receipt(earlier.get());
            }
            try {
                Message m = resilience.onceUnlessNotProcessed(() -> messageCreator(sending, from, to, text)
                        .setStatusCallback(smsStatusCallback(tenant))
                        .create(client.rest()));
                log.info("SMS sent: tenant={} from={} to={} sid={} ref={}", tenant, senderForLogs(sending, from), to.masked(), m.getSid(), reference);
                return receipt(m);
            } catch (TwilioFailure f) {
                if (f.kind() != TwilioFailure.Kind.OUTCOME_UNKNOWN) {
                    throw f;
                }
                // The send may have happened. Never resend blindly: look, and if it is not there (yet), let the
                // durable job retry later; its next call looks again before sending.
                Optional<Message> after = findSent(client, to, reference);
                if (after.isPresent()) {
                    log.info("SMS outcome was unknown ({}), found it sent: tenant={} sid={}", f.getMessage(), tenant, after.get().getSid());
                    return receipt(after.get());
                }
                throw new CallControlException("send SMS outcome unknown (" + f.getMessage()
                        + ") and not found at Twilio; retry later, the next attempt checks again before sending",
                        false, "outcome-unknown", f);
            }
        });
    }

    /**
     * Finds the conference by name and sets its AnnounceUrl to {@code {publicBaseUrl}/twilio/announcement?text=…&lang=…&ref=…}
     * (fetched by Twilio with POST). A conference still in {@code init} (only the caller is in: the protected person's
     * phone rings) fails transiently with {@link CallControl#CONFERENCE_NOT_STARTED}, so the warning waits for the person
     * to join; a conference that is over, or none, is a permanent failure: there is nobody left to warn. A lost answer
     * is transient (the warning may then be spoken twice; {@code ref} lets the announcement route notice a repeat).
     */
    @Override
    public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, String message, Language language, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(language, "'language' must not be null");
        requireText(message, "message");
        requireText(idempotencyKey, "idempotencyKey");
        if (message.length() > MAX_ANNOUNCEMENT_CHARS) {
            throw new IllegalArgumentException("'message' must be at most " + MAX_ANNOUNCEMENT_CHARS + " characters, got " + message.length());
        }
        URI announceUrl = announcementUrl(message, language, IdempotencyReference.of(idempotencyKey));
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "announce", () -> {
            Conference target = liveConference(client, conference);
            resilience.onceUnlessNotProcessed(() -> Conference.updater(target.getSid())
                    .setAnnounceUrl(announceUrl)
                    .setAnnounceMethod(HttpMethod.POST)
                    .update(client.rest()));
            log.info("announcement requested: tenant={} conference={} sid={}", tenant, conference, target.getSid());
            return new DeliveryReceipt(target.getSid(), "announcement-requested");
        });
    }

    /**
     * Dials {@code sipAddress} into the conference (created by Twilio, in {@code init}, if the caller is not in it yet)
     * with the tenant's number as caller id, label "protected", no beep, the conference ending when the protected person
     * leaves, {@code Timeout} = the ring timeout, and the leg's progress ({@link #PARTICIPANT_EVENTS}) posted to
     * {@code {publicBaseUrl}/twilio/participant-status?tenant=…&call=…} (signed by Twilio like every webhook).
     */
    @Override
    public ParticipantReceipt addSipParticipant(TenantId tenant, ConferenceName conference, SipAddress sipAddress, PhoneNumber callerId,
                                                CallSid caller, Duration ringTimeout) {
        Objects.requireNonNull(callerId, "'callerId' must not be null");
        return protectedLeg(tenant, conference, sipAddress, callerId.e164(), null, caller, ringTimeout);
    }

    /**
     * As {@link #addSipParticipant}, but the person's phone shows the real caller: {@code From} and {@code CallerId} are
     * the caller's E.164 number, or {@code anonymous} with {@code CallerDisplayName} = the "withheld" label. Calling a
     * SIP address, Twilio takes {@code From} as the user part of the SIP From header and needs no verified number.
     */
    @Override
    public ParticipantReceipt ringProtectedPerson(TenantId tenant, ConferenceName conference, SipAddress sipAddress,
                                                  PhoneNumber tenantNumber, CallerShown shown, CallSid caller, Duration ringTimeout) {
        Objects.requireNonNull(shown, "'shown' must not be null");
        String from = shown.shownNumber().map(PhoneNumber::e164).orElse(WITHHELD_USER);
        return protectedLeg(tenant, conference, sipAddress, from, shown.displayName(), caller, ringTimeout);
    }

    private ParticipantReceipt protectedLeg(TenantId tenant, ConferenceName conference, SipAddress sipAddress, String from,
                                            String displayName, CallSid caller, Duration ringTimeout) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(sipAddress, "'sipAddress' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        Objects.requireNonNull(ringTimeout, "'ringTimeout' must not be null");
        URI statusCallback = participantStatusUrl(tenant, caller);
        String to = sipUri(sipAddress);
        TenantClients.TenantClient client = clients.forTenant(tenant);
        String uncertainKey = tenant + "/" + conference.value();
        return resilience.guarded(tenant, "add SIP participant", () -> {
            if (uncertainLegs.remove(uncertainKey) != null) {
                // An earlier attempt's outcome was unknown: the person may be ringing already. Look before ringing again.
                Optional<Participant> earlier = findProtectedLeg(client, conference);
                if (earlier.isPresent()) {
                    log.info("protected person already dialled by an earlier attempt: tenant={} conference={} call={}", tenant,
                            conference, earlier.get().getCallSid());
                    return receipt(earlier.get());
                }
            }
            Participant p;
            try {
                p = resilience.onceUnlessNotProcessed(() -> {
                    ParticipantCreator creator = Participant.creator(conference.value(),
                                    new com.twilio.type.PhoneNumber(from), new com.twilio.type.Sip(to))
                            .setCallerId(from)
                            .setLabel(PROTECTED_LABEL)
                            .setBeep("false")
                            .setEndConferenceOnExit(true)
                            .setTimeout((int) ringTimeout.toSeconds())
                            .setStatusCallback(statusCallback)
                            .setStatusCallbackMethod(HttpMethod.POST)
                            .setStatusCallbackEvent(PARTICIPANT_EVENTS);
                    if (displayName != null) {
                        creator.setCallerDisplayName(displayName);
                    }
                    settings.regionCode().ifPresent(creator::setRegion);
                    return creator.create(client.rest());
                });
            } catch (TwilioFailure f) {
                if (f.kind() != TwilioFailure.Kind.OUTCOME_UNKNOWN) {
                    throw f;
                }
                // Twilio may have created the leg: look it up by its label rather than ring the person twice.
                Optional<Participant> after = findProtectedLeg(client, conference);
                if (after.isPresent()) {
                    log.info("add participant outcome was unknown ({}), found the leg: tenant={} call={}", f.getMessage(), tenant,
                            after.get().getCallSid());
                    return receipt(after.get());
                }
                uncertainLegs.put(uncertainKey, Boolean.TRUE);
                throw new CallControlException("add participant outcome unknown (" + f.getMessage()
                        + ") and no protected leg found; the retry looks again before dialling", false, "outcome-unknown", f);
            }
            log.info("protected person dialled into conference: tenant={} conference={} call={} timeout={}s shown={} queue={}ms",
                    tenant, conference, p.getCallSid(), ringTimeout.toSeconds(), from.startsWith("+") ? PhoneNumber.of(from).masked() : from,
                    p.getQueueTime());
            return receipt(p);
        });
    }

    /** Label of a relative dialled in from a family link. */
    public static final String RELATIVE_LABEL = "relative";

    /**
     * Says {@code announcement} in the conference ({@link #announce}: it fails unless the conference is in progress, so a
     * call that is over dials nobody), then dials the relative in: one Participants POST, {@code To} = the relative,
     * {@code From} = the tenant's number, label "relative", {@code Beep=onEnter} (the tone when they enter), the
     * conference not ended when they leave. Never silent: the sentence comes first, the tone with them.
     */
    @Override
    public ParticipantReceipt addRelative(TenantId tenant, ConferenceName conference, PhoneNumber relative, PhoneNumber callerId,
                                          String announcement, Language language, String idempotencyKey) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(relative, "'relative' must not be null");
        Objects.requireNonNull(callerId, "'callerId' must not be null");
        requireText(announcement, "announcement");
        requireText(idempotencyKey, "idempotencyKey");
        announce(tenant, conference, announcement, language, idempotencyKey);
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "add a relative", () -> {
            Participant p = resilience.onceUnlessNotProcessed(() -> Participant.creator(conference.value(),
                            twilio(callerId), twilio(relative))
                    .setLabel(RELATIVE_LABEL)
                    .setBeep("onEnter")
                    .setEndConferenceOnExit(false)
                    .setEarlyMedia(false)
                    .create(client.rest()));
            log.info("relative dialled into conference: tenant={} conference={} relative={} call={}", tenant, conference,
                    relative.masked(), p.getCallSid());
            return new ParticipantReceipt(p.getCallSid() == null ? null : CallSid.of(p.getCallSid()), p.getConferenceSid());
        });
    }

    /**
     * Sets the AnnounceUrl of the protected person's participant (heard by them only) to the stored notice's reference
     * ({@link #announcementUrl(String)}, like a warning), then completes the caller's call. Without a protected leg, or
     * once the conference is over, only the hang-up is done; a caller already gone is not an error.
     */
    @Override
    public void endCallWithNotice(TenantId tenant, ConferenceName conference, CallSid caller, CallSid protectedLeg,
                                  Announcement notice) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        Objects.requireNonNull(notice, "'notice' must not be null");
        if (protectedLeg != null) {
            URI announceUrl = announcementUrl(notice.reference());
            TenantClients.TenantClient client = clients.forTenant(tenant);
            resilience.guarded(tenant, "tell the protected person", () -> {
                Conference live;
                try {
                    live = liveConference(client, conference);
                } catch (CallControlException notInProgress) {
                    log.info("no live conference to speak in before ending: tenant={} conference={}", tenant, conference);
                    return null;
                }
                resilience.idempotent(() -> Participant.updater(live.getSid(), protectedLeg.value())
                        .setAnnounceUrl(announceUrl)
                        .setAnnounceMethod(HttpMethod.POST)
                        .update(client.rest()));
                return null;
            });
        }
        hangUp(tenant, caller);
    }

    /**
     * The protected person's leg in the conference, found by its label: {@code GET Conferences/{CF}/Participants/protected.json}
     * (Twilio accepts a participant's label in place of its CallSid) in the conference of that name that is not over.
     */
    private Optional<Participant> findProtectedLeg(TenantClients.TenantClient client, ConferenceName conference) {
        Page<Conference> named = resilience.idempotent(() -> Conference.reader()
                .setFriendlyName(conference.value()).setPageSize(20L).firstPage(client.rest()));
        for (Conference c : named.getRecords()) {
            if (!conference.value().equals(c.getFriendlyName()) || c.getStatus() == Conference.Status.COMPLETED) {
                continue;
            }
            try {
                return Optional.of(resilience.idempotent(() -> Participant.fetcher(c.getSid(), PROTECTED_LABEL).fetch(client.rest())));
            } catch (TwilioFailure f) {
                if (!f.meansAlreadyEnded()) {
                    throw f;
                }
            }
        }
        return Optional.empty();
    }

    private static ParticipantReceipt receipt(Participant p) {
        return new ParticipantReceipt(p.getCallSid() == null ? null : CallSid.of(p.getCallSid()), p.getConferenceSid(),
                queueTime(p.getQueueTime()));
    }

    /** Twilio's {@code queue_time}: milliseconds, as a string; absent or unreadable is zero. */
    static Duration queueTime(String millis) {
        if (millis == null || millis.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(millis.strip())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    /**
     * The SIP address with the Region parameter when one is configured ({@code ;region=ie1}: Twilio sends the SIP
     * traffic from that Region), except for Twilio SIP Domain addresses, which must be dialled by their global URI.
     */
    String sipUri(SipAddress sipAddress) {
        return FallbackTwiml.sipUri(sipAddress.uri(), settings.regionCode());
    }

    /**
     * Speaks a stored announcement: {@code AnnounceUrl={publicBaseUrl}/twilio/announcement?ref={reference}} (POST), set
     * on the protected person's participant ({@code POST Conferences/{CF}/Participants/protected.json}: only that leg
     * hears it) or, for {@link AnnouncementAudience#EVERYONE}, on the conference. The words stay in the store; the
     * reference is opaque. Conference not started: transient {@link CallControl#CONFERENCE_NOT_STARTED}; over, or the
     * protected person no longer in it: permanent 20404.
     */
    @Override
    public DeliveryReceipt announce(TenantId tenant, ConferenceName conference, Announcement announcement) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(conference, "'conference' must not be null");
        Objects.requireNonNull(announcement, "'announcement' must not be null");
        URI announceUrl = announcementUrl(announcement.reference());
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "announce", () -> {
            Conference target = liveConference(client, conference);
            if (announcement.audience() == AnnouncementAudience.EVERYONE) {
                resilience.onceUnlessNotProcessed(() -> Conference.updater(target.getSid())
                        .setAnnounceUrl(announceUrl).setAnnounceMethod(HttpMethod.POST).update(client.rest()));
            } else {
                try {
                    resilience.onceUnlessNotProcessed(() -> Participant.updater(target.getSid(), PROTECTED_LABEL)
                            .setAnnounceUrl(announceUrl).setAnnounceMethod(HttpMethod.POST).update(client.rest()));
                } catch (TwilioFailure f) {
                    if (f.meansAlreadyEnded()) {
                        throw new CallControlException("announce failed: the protected person is no longer in conference "
                                + conference, true, String.valueOf(TwilioFailure.CODE_NOT_FOUND), f);
                    }
                    throw f;
                }
            }
            log.info("announcement requested: tenant={} conference={} sid={} audience={} ref={}", tenant, conference,
                    target.getSid(), announcement.audience().wire(), announcement.reference());
            return new DeliveryReceipt(target.getSid(), "announcement-requested");
        });
    }

    /** The AnnounceUrl of a stored announcement: only its opaque reference, which any node resolves from the store. */
    public URI announcementUrl(String reference) {
        return settings.publicUrl(ANNOUNCEMENT_PATH + "?ref=" + encode(reference));
    }

    /** The tenant's conference of that name in progress; not started → transient, none or over → permanent. */
    private Conference liveConference(TenantClients.TenantClient client, ConferenceName conference) {
        // No Status filter: a conference in init must be told apart from none at all.
        Page<Conference> named = resilience.idempotent(() -> Conference.reader()
                .setFriendlyName(conference.value())
                .setPageSize(20L)
                .firstPage(client.rest()));
        List<Conference> ours = named.getRecords().stream()
                .filter(c -> conference.value().equals(c.getFriendlyName())).toList();
        Optional<Conference> live = ours.stream().filter(c -> c.getStatus() == Conference.Status.IN_PROGRESS).findFirst();
        if (live.isEmpty()) {
            if (ours.stream().anyMatch(c -> c.getStatus() == Conference.Status.INIT)) {
                throw new CallControlException("announce deferred: conference " + conference
                        + " has not started (the protected person has not joined yet)", false, CONFERENCE_NOT_STARTED, null);
            }
            throw new CallControlException("announce failed: no conference in progress named "
                    + conference + " on the tenant's account", true, String.valueOf(TwilioFailure.CODE_NOT_FOUND), null);
        }
        return live.get();
    }

    /**
     * Gives the caller's call new TwiML ({@link TwilioTwiml#diversion}): Twilio takes it out of the conference and plays
     * the message or dials the voicemail; the {@code <Start><Stream>} forked earlier keeps streaming. A call already
     * over (Twilio 21220/20404) has nobody to divert: done.
     */
    @Override
    public void divert(TenantId tenant, CallSid caller, Diversion diversion) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(caller, "'caller' must not be null");
        String twiml = TwilioTwiml.diversion(diversion);
        TenantClients.TenantClient client = clients.forTenant(tenant);
        unlessOver(tenant, "divert the caller", caller, () -> {
            resilience.onceUnlessNotProcessed(() -> Call.updater(caller.value()).setTwiml(twiml).update(client.rest()));
            log.info("caller diverted: tenant={} call={} to {}", tenant, caller, diversion.getClass().getSimpleName());
        });
    }

    /**
     * {@code Status=canceled} ends a leg that is queued or ringing; Twilio leaves an answered one alone, so a leg still
     * live after it is hung up ({@code completed}). Gone already counts as done.
     */
    @Override
    public void cancelLeg(TenantId tenant, CallSid leg) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(leg, "'leg' must not be null");
        TenantClients.TenantClient client = clients.forTenant(tenant);
        unlessOver(tenant, "cancel the ringing leg", leg, () -> {
            Call after = resilience.idempotent(() -> Call.updater(leg.value()).setStatus(Call.UpdateStatus.CANCELED).update(client.rest()));
            if (after.getStatus() == Call.Status.IN_PROGRESS) {
                resilience.idempotent(() -> Call.updater(leg.value()).setStatus(Call.UpdateStatus.COMPLETED).update(client.rest()));
            }
            log.info("protected person's leg ended: tenant={} leg={} (was {})", tenant, leg, after.getStatus());
        });
    }

    /** Completes the call; a call Twilio reports as gone or no longer live counts as hung up. */
    @Override
    public void hangUp(TenantId tenant, CallSid callSid) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        TenantClients.TenantClient client = clients.forTenant(tenant);
        unlessOver(tenant, "hang up", callSid, () -> {
            resilience.idempotent(() -> Call.updater(callSid.value()).setStatus(Call.UpdateStatus.COMPLETED).update(client.rest()));
            log.info("call hung up: tenant={} call={}", tenant, callSid);
        });
    }

    /**
     * Runs an update of a call through the tenant's breaker; a call Twilio reports as gone or no longer live
     * (21220/20404) has nothing left to update: done, not an error.
     */
    private void unlessOver(TenantId tenant, String what, CallSid call, Runnable update) {
        resilience.guarded(tenant, what, () -> {
            try {
                update.run();
            } catch (TwilioFailure f) {
                if (!f.meansAlreadyEnded()) {
                    throw f;
                }
                log.info("{}: call already over, nothing to do: tenant={} call={} ({})", what, tenant, call, f.getMessage());
            }
            return null;
        });
    }

    /**
     * {@code GET /Calls/{CallSid}.json}: queued, ringing and in-progress calls are live; every other status, and a call
     * Twilio does not know (20404), is over.
     */
    @Override
    public CallLiveness callLiveness(TenantId tenant, CallSid callSid) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "fetch the call", () -> {
            try {
                Call call = resilience.idempotent(() -> Call.fetcher(callSid.value()).fetch(client.rest()));
                Call.Status status = call.getStatus();
                boolean live = status == Call.Status.QUEUED || status == Call.Status.RINGING || status == Call.Status.IN_PROGRESS;
                return live ? CallLiveness.LIVE : CallLiveness.ENDED;
            } catch (TwilioFailure f) {
                if (f.code() != null && f.code() == TwilioFailure.CODE_NOT_FOUND) {
                    return CallLiveness.ENDED;
                }
                throw f;
            }
        });
    }

    /**
     * {@code POST /Calls/{CallSid}/Streams.json} with {@code Url}, {@code Track=both_tracks}, the parameters as
     * {@code ParameterN.Name}/{@code ParameterN.Value} and the status callback if any: the REST form of the
     * {@code <Start><Stream>} the protect TwiML starts with. Sent once (a lost answer is a transient failure: the caller
     * decides whether to try again). A call over by now fails permanently.
     */
    @Override
    public StreamReceipt startStream(TenantId tenant, CallSid callSid, StreamTarget target) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(target, "'target' must not be null");
        TenantClients.TenantClient client = clients.forTenant(tenant);
        return resilience.guarded(tenant, "start a stream", () -> {
            com.twilio.rest.api.v2010.account.call.Stream stream = resilience.onceUnlessNotProcessed(() ->
                    streamCreator(callSid, target).create(client.rest()));
            log.info("stream started again: tenant={} call={} stream={}", tenant, callSid, stream.getSid());
            return new StreamReceipt(stream.getSid());
        });
    }

    private static com.twilio.rest.api.v2010.account.call.StreamCreator streamCreator(CallSid callSid, StreamTarget target) {
        var creator = com.twilio.rest.api.v2010.account.call.Stream.creator(callSid.value(), target.url())
                .setTrack(com.twilio.rest.api.v2010.account.call.Stream.Track.BOTH_TRACKS);
        if (target.statusCallback() != null) {
            creator.setStatusCallback(target.statusCallback()).setStatusCallbackMethod(HttpMethod.POST);
        }
        int n = 0;
        for (var p : target.parameters().entrySet()) {
            n++;
            switch (n) {
                case 1 -> creator.setParameter1Name(p.getKey()).setParameter1Value(p.getValue());
                case 2 -> creator.setParameter2Name(p.getKey()).setParameter2Value(p.getValue());
                case 3 -> creator.setParameter3Name(p.getKey()).setParameter3Value(p.getValue());
                case 4 -> creator.setParameter4Name(p.getKey()).setParameter4Value(p.getValue());
                case 5 -> creator.setParameter5Name(p.getKey()).setParameter5Value(p.getValue());
                case 6 -> creator.setParameter6Name(p.getKey()).setParameter6Value(p.getValue());
                case 7 -> creator.setParameter7Name(p.getKey()).setParameter7Value(p.getValue());
                case 8 -> creator.setParameter8Name(p.getKey()).setParameter8Value(p.getValue());
                default -> throw new IllegalArgumentException("at most " + StreamTarget.MAX_PARAMETERS + " parameters");
            }
        }
        return creator;
    }

    /** Whether the tenant's circuit breaker currently refuses calls (for health pages). */
    public boolean isCircuitOpen(TenantId tenant) {
        return resilience.isOpen(Objects.requireNonNull(tenant, "'tenant' must not be null"));
    }

    /**
     * The StatusCallback of alert SMS: {@code {publicBaseUrl}/twilio/sms-status?tenant={id}}. The tenant in the query
     * says whose auth token checks the signature (Twilio signs the URL with its query).
     */
    public URI smsStatusCallback(TenantId tenant) {
        return settings.publicUrl(SMS_STATUS_PATH + "?tenant=" + encode(tenant.toString()));
    }

    /** The AnnounceUrl for a message; exposed so the app's route and its tests agree on the format. */
    public URI announcementUrl(String message, Language language, String reference) {
        return settings.publicUrl(ANNOUNCEMENT_PATH
                + "?text=" + encode(message)
                + "&lang=" + encode(language.bcp47())
                + "&ref=" + encode(reference));
    }

    /** Where the protected person's leg of {@code caller} reports its progress; exposed so the app's route agrees. */
    public URI participantStatusUrl(TenantId tenant, CallSid caller) {
        return settings.publicUrl(PARTICIPANT_STATUS_PATH + "?tenant=" + encode(tenant.toString()) + "&call=" + encode(caller.value()));
    }

    // ---------------------------------------------------------------- internals

    /**
     * The create request: {@code From} = the alphanumeric sender or the tenant's number, unless only a Messaging Service
     * is configured (then Twilio picks the sender from the service's pool); {@code MessagingServiceSid} when configured;
     * always a {@code ValidityPeriod}.
     */
    private static MessageCreator messageCreator(SmsSending sending, PhoneNumber tenantNumber, PhoneNumber to, String text) {
        MessageCreator creator;
        if (sending.alphanumericSender().isPresent()) {
            creator = Message.creator(twilio(to), new com.twilio.type.PhoneNumber(sending.alphanumericSender().get()), text);
            sending.messagingServiceSid().ifPresent(creator::setMessagingServiceSid);
        } else if (sending.messagingServiceSid().isPresent()) {
            creator = Message.creator(twilio(to), sending.messagingServiceSid().get(), text);
        } else {
            creator = Message.creator(twilio(to), twilio(tenantNumber), text);
        }
        return creator.setValidityPeriod(Math.toIntExact(sending.validityPeriod().getSeconds()));
    }

    private static String senderForLogs(SmsSending sending, PhoneNumber tenantNumber) {
        return sending.alphanumericSender().orElseGet(() -> sending.messagingServiceSid().orElseGet(tenantNumber::masked));
    }

    private Optional<Message> findSent(TenantClients.TenantClient client, PhoneNumber to, String reference) {
        // Filter on To only: the sender may be an alphanumeric ID or chosen by a Messaging Service from its pool, so
        // it is not known before the send (and is no E.164 number); the reference identifies the alert. date_sent
        // stays empty while a message is queued, so a DateSent filter would miss exactly the message we are looking
        // for. Age is checked on date_created instead.
        Page<Message> page = resilience.idempotent(() -> Message.reader()
                .setTo(twilio(to))
                .setPageSize(LOOKUP_PAGE_SIZE)
                .firstPage(client.rest()));
        Instant since = clock.instant().minus(settings.smsLookback());
        return page.getRecords().stream()
                .filter(m -> IdempotencyReference.carries(m.getBody(), reference))
                .filter(m -> m.getDateCreated() == null || !m.getDateCreated().toInstant().isBefore(since))
                .findFirst();
    }

    private static DeliveryReceipt receipt(Message m) {
        return new DeliveryReceipt(m.getSid(), m.getStatus() == null ? "unknown" : m.getStatus().toString());
    }

    private static com.twilio.type.PhoneNumber twilio(PhoneNumber number) {
        return new com.twilio.type.PhoneNumber(number.e164());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void requireText(String value, String name) {
        if (value == null) {
            throw new NullPointerException("'" + name + "' must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' must not be blank");
        }
    }
}
