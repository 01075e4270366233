package com.ethiq.app.calls;

import com.ethiq.app.Caches;
import com.ethiq.core.caller.Attestation;
import com.ethiq.adapter.twilio.TwilioCallControl;
import com.ethiq.adapter.twilio.TwilioCallbacks;
import com.ethiq.adapter.twilio.TwilioCallbacks.ConferenceEvent;
import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.app.metrics.CallMetrics;
import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.usecase.IncomingCall;
import com.ethiq.core.usecase.IncomingCallDecision;
import com.ethiq.core.usecase.LogContext;
import com.ethiq.core.usecase.SmsDeliveryReports;
import com.github.benmanes.caffeine.cache.Cache;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Twilio's HTTP side of a call: the incoming-call webhook (tenant by {@code To}, signature with that tenant's token,
 * decision from the core — which also rings the protected person in — and TwiML answer), the call, conference and
 * stream status callbacks (Twilio's words read by {@link TwilioCallbacks}, then the core's {@code CallStatusService}),
 * and the announcement document behind a conference AnnounceUrl. Every route checks {@code X-Twilio-Signature}
 * against the configured public URL before any side effect; a forged or unsigned request gets 403 and changes
 * nothing. Handlers only parse, call a use case and map the result. Thread-safe.
 */
public final class CallWebhooks {
    public static final String INCOMING_CALL = "/twilio/voice";
    public static final String CALL_STATUS = "/twilio/call-status";
    public static final String CONFERENCE_STATUS = "/twilio/conference-status";
    /** Alert SMS delivery reports (the Message's StatusCallback, {@code ?tenant=…}). */
    public static final String SMS_STATUS = TwilioCallControl.SMS_STATUS_PATH;
    public static final String STREAM_STATUS = "/twilio/stream-status";
    public static final String ANNOUNCEMENT = TwilioCallControl.ANNOUNCEMENT_PATH;
    public static final String PARTICIPANT_STATUS = TwilioCallControl.PARTICIPANT_STATUS_PATH;
    /** The conference's waitUrl: the ringback document (a signed POST from Twilio). */
    public static final String WAIT = "/twilio/wait";
    /** The ringback audio the wait document plays ({@code fr.wav}, {@code us.wav}); public, cacheable, no personal data. */
    public static final String RINGBACK = "/twilio/ringback/{file}";
    public static final String MEDIA = "/twilio/media";
    static final String SCHEME_HEADER = "X-Twilio-Webhooks-Signature-Settings";
    static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
    static final String TEXT_XML = "text/xml; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(CallWebhooks.class);

    private final FraudCore core;
    private final TenantDirectory directory;
    private final WebhookVerifier verifier;
    private final MediaTokens tokens;
    private final TwilioTwiml twiml;
    private final TwimlTemplates templates;
    private final String rejectDocument;
    private final CallMetrics metrics;
    private final int maxBodyBytes;
    private final RateGate unknownNumberAudits = new RateGate(20, Duration.ofMinutes(1));
    private final Cache<String, Boolean> seenCallbacks = Caches.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();
    private final RingingWebhooks ringing;
    private final AnnouncementWebhooks announcements;
    private volatile boolean accepting = true;

    private final java.util.function.Consumer<String> expectUpgrade;

    /** {@code expectUpgrade}: told the tenant's media upgrade signature of each call answered with a stream. */
    public CallWebhooks(FraudCore core, TenantDirectory directory, WebhookVerifier verifier, MediaTokens tokens,
                        TwilioTwiml twiml, CallMetrics metrics, int maxBodyBytes,
                        java.util.function.Consumer<String> expectUpgrade) {
        this.expectUpgrade = Objects.requireNonNull(expectUpgrade, "'expectUpgrade' must not be null");
        this.core = Objects.requireNonNull(core, "'core' must not be null");
        this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
        this.verifier = Objects.requireNonNull(verifier, "'verifier' must not be null");
        this.tokens = Objects.requireNonNull(tokens, "'tokens' must not be null");
        this.twiml = Objects.requireNonNull(twiml, "'twiml' must not be null");
        this.templates = new TwimlTemplates(twiml, verifier::publicBase, MEDIA, STREAM_STATUS, CONFERENCE_STATUS);
        this.rejectDocument = twiml.reject();
        this.metrics = Objects.requireNonNull(metrics, "'metrics' must not be null");
        this.maxBodyBytes = maxBodyBytes;
        this.ringing = new RingingWebhooks(this, core, twiml, verifier, metrics);
        this.announcements = new AnnouncementWebhooks(this, core, directory, verifier, twiml, metrics);
    }

    /** Declares the routes (inside {@code Javalin.create(config -> …)}). */
    public void register(JavalinDefaultRoutingApi routes) {
        routes.before("/twilio/*", this::limitBody);
        routes.post(INCOMING_CALL, ctx -> timed(ctx, "incoming_call", this::incomingCall));
        routes.post(CALL_STATUS, ctx -> timed(ctx, "call_status", this::callStatus));
        routes.post(CONFERENCE_STATUS, ctx -> timed(ctx, "conference_status", this::conferenceStatus));
        routes.post(STREAM_STATUS, ctx -> timed(ctx, "stream_status", this::streamStatus));
        routes.post(SMS_STATUS, ctx -> timed(ctx, "sms_status", this::smsStatus));
        routes.post(ANNOUNCEMENT, ctx -> timed(ctx, "announcement", announcements::document));
        routes.post(PARTICIPANT_STATUS, ctx -> timed(ctx, "participant_status", ringing::participantStatus));
        routes.post(WAIT, ctx -> timed(ctx, "wait", ringing::waitDocument));
        routes.get(RINGBACK, ctx -> timed(ctx, "ringback", ringing::ringback));
        routes.get(ANNOUNCEMENT, ctx -> timed(ctx, "announcement", announcements::document));
    }

    /** Stop taking new calls (graceful shutdown): Twilio gets 503 and uses the number's fallback URL. */
    public void stopAccepting() {
        accepting = false;
    }

    // ---------------------------------------------------------------- routes

    private String incomingCall(Context ctx) {
        if (!accepting) {
            ctx.status(503).result("shutting down");
            return "unavailable";
        }
        Map<String, String> form = form(ctx);
        String to = form.get("To");
        String callSidText = form.get("CallSid");
        if (!PhoneNumber.isValid(to) || !CallSid.isValid(callSidText)) {
            ctx.status(400).result("bad request");
            return "bad_request";
        }
        PhoneNumber called = PhoneNumber.of(to);
        CallSid callSid = CallSid.of(callSidText);
        Optional<Tenant> tenant = directory.byCalledNumber(called);
        if (tenant.isPresent()) {
            if (!signedByTenant(ctx, form, tenant.get().id())) {
                return forbidden(ctx, "incoming call", called);
            }
        } else if (verifier.hasPlatformToken()) {
            if (!verifier.formValidForPlatform(ctx.path(), ctx.queryString(), form, signature(ctx), ctx.header(SCHEME_HEADER))) {
                return forbidden(ctx, "incoming call", called);
            }
        } else if (!unknownNumberAudits.tryAcquire()) {
            // Unverifiable and over budget: refuse without recording (a flood to dead numbers must not fill the audit log).
            metrics.decision("reject_unverified");
            return xml(ctx, rejectDocument);
        }
        IncomingCall call;
        try {
            // StirVerstat: the carrier's caller-ID verification, when Twilio has one (US calls today).
            call = new IncomingCall(callSid, form.get("From"), called, Attestation.fromStirVerstat(form.get("StirVerstat")));
        } catch (IllegalArgumentException e) {
            ctx.status(400).result("bad request");
            return "bad_request";
        }
        IncomingCallDecision decision = core.incomingCalls().decide(call, tenant);
        if (decision instanceof IncomingCallDecision.Protect protect) {
            Tenant t = protect.tenant();
            String document = templates.protect(t.id(), callSid, tokens.issue(t.id(), callSid));
            directory.credentials(t.id()).ifPresent(c -> expectUpgrade.accept(verifier.upgradeSignature(c.authToken())));
            metrics.decision("protect");
            return xml(ctx, document);
        }
        if (decision instanceof IncomingCallDecision.ConnectUnprotected unprotected) {
            Tenant t = unprotected.tenant();
            metrics.decision("unprotected");
            return xml(ctx, twiml.connectUnprotected(t.sipAddress(), t.number().orElse(called)));
        }
        IncomingCallDecision.Reject reject = (IncomingCallDecision.Reject) decision;
        metrics.decision("reject_" + reject.reason());
        if (reject.politeMessage()) {
            Language language = tenant.map(t -> t.settings().language()).orElse(Language.FRENCH);
            return xml(ctx, twiml.reject(politeRejection(language), language));
        }
        return xml(ctx, rejectDocument);
    }

    private String callStatus(Context ctx) {
        Map<String, String> form = form(ctx);
        Optional<Tenant> tenant = tenantFromQueryOr(ctx, form.get("To"));
        if (tenant.isEmpty() || !signedByTenant(ctx, form, tenant.get().id())) {
            return forbidden(ctx, "call status", null);
        }
        if (duplicate(ctx)) {
            return ok(ctx);
        }
        Optional<CallState> state = TwilioCallbacks.callState(form.get("CallStatus"));
        CallSid callSid = callSidOrNull(form.get("CallSid"));
        if (state.isPresent() && callSid != null) {
            core.callStatus().onCallStatus(tenant.get().id(), callSid, state.get());
        }
        return ok(ctx);
    }

    private String conferenceStatus(Context ctx) {
        Map<String, String> form = form(ctx);
        Optional<Tenant> tenant = tenantFromQueryOr(ctx, null);
        if (tenant.isEmpty() || !signedByTenant(ctx, form, tenant.get().id())) {
            return forbidden(ctx, "conference status", null);
        }
        if (duplicate(ctx)) {
            return ok(ctx);
        }
        TenantId id = tenant.get().id();
        Optional<CallSid> conferenceOf = TwilioCallbacks.callOfConference(id, form.get("FriendlyName"));
        if (conferenceOf.isEmpty()) {
            return ok(ctx); // not one of this tenant's call conferences: nothing to update
        }
        CallSid caller = conferenceOf.get();
        switch (ConferenceEvent.parse(form.get("StatusCallbackEvent"))) {
            case STARTED -> core.callStatus().onCallStatus(id, caller, CallState.IN_PROGRESS);
            // A caller diverted to a message or the voicemail leaves the conference but the call (and listening) goes on.
            case ENDED -> core.callStatus().onConferenceOver(id, caller);
            case PARTICIPANT_LEFT -> {
                if (caller.value().equals(form.get("CallSid"))) {
                    core.callStatus().onConferenceOver(id, caller);
                }
            }
            case ANNOUNCEMENT_ENDED -> metrics.decision("announcement_end");
            case ANNOUNCEMENT_FAILED -> announcements.failed(id, caller, form.getOrDefault("ReasonAnnouncementFailed", "no reason given"));
            case OTHER -> {
                // join, mute, hold...: nothing to record
            }
        }
        return ok(ctx);
    }

    private String streamStatus(Context ctx) {
        Map<String, String> form = form(ctx);
        Optional<Tenant> tenant = tenantFromQueryOr(ctx, null);
        if (tenant.isEmpty() || !signedByTenant(ctx, form, tenant.get().id())) {
            return forbidden(ctx, "stream status", null);
        }
        if (duplicate(ctx)) {
            return ok(ctx);
        }
        String event = form.getOrDefault("StreamEvent", "");
        CallSid callSid = callSidOrNull(form.get("CallSid"));
        metrics.decision(event.replace('-', '_'));
        if (TwilioCallbacks.isStreamError(event) && callSid != null) {
            core.callStatus().onMediaStreamFailed(tenant.get().id(), callSid);
        }
        return ok(ctx);
    }

    /** An alert SMS's delivery report: an undelivered alert fails and the next emergency contact is alerted. */
    private String smsStatus(Context ctx) {
        Map<String, String> form = form(ctx);
        Optional<Tenant> tenant = tenantFromQueryOr(ctx, null);
        if (tenant.isEmpty() || !signedByTenant(ctx, form, tenant.get().id())) {
            return forbidden(ctx, "sms status", null);
        }
        if (duplicate(ctx)) {
            return ok(ctx);
        }
        SmsDeliveryReports.Outcome outcome = core.smsDelivery().onReport(tenant.get().id(), form.get("MessageSid"),
                TwilioCallbacks.smsDelivery(form.get("MessageStatus")), form.get("ErrorCode"));
        metrics.decision("sms_" + outcome.name().toLowerCase(java.util.Locale.ROOT));
        return ok(ctx);
    }

    // ---------------------------------------------------------------- helpers

    private void limitBody(Context ctx) {
        long declared = ctx.contentLength();
        if (declared > maxBodyBytes || (declared < 0 && ctx.bodyAsBytes().length > maxBodyBytes)) {
            metrics.webhook("body_limit", "too_large", 0);
            throw new io.javalin.http.HttpResponseException(413, "payload too large");
        }
    }

    boolean signedByTenant(Context ctx, Map<String, String> form, TenantId tenant) {
        // From here on the request's log lines carry the tenant and the call (cleared by timed()).
        MDC.put(LogContext.TENANT, tenant.toString());
        String callSid = form.get("CallSid");
        if (CallSid.isValid(callSid)) {
            MDC.put(LogContext.CALL, callSid);
        }
        Optional<TelephonyCredentials> credentials = directory.credentials(tenant);
        if (credentials.isEmpty()) {
            log.error("tenant {} has no telephony credentials: its webhooks cannot be verified", tenant);
            return false;
        }
        String account = form.get("AccountSid");
        if (account != null && !account.equals(credentials.get().accountSid())) {
            return false;
        }
        return verifier.formValid(ctx.path(), ctx.queryString(), form, signature(ctx), ctx.header(SCHEME_HEADER),
                credentials.get().authToken());
    }

    Optional<Tenant> tenantFromQueryOr(Context ctx, String calledNumber) {
        String fromQuery = ctx.queryParam("tenant");
        if (fromQuery != null) {
            return tenantId(fromQuery).flatMap(directory::byId);
        }
        if (PhoneNumber.isValid(calledNumber)) {
            return directory.byCalledNumber(PhoneNumber.of(calledNumber));
        }
        return Optional.empty();
    }

    static Optional<TenantId> tenantId(String text) {
        try {
            return Optional.of(TenantId.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static CallSid callSidOrNull(String text) {
        return CallSid.isValid(text) ? CallSid.of(text) : null;
    }

    /** A callback Twilio retried (same idempotency token) is acknowledged without being applied twice. */
    boolean duplicate(Context ctx) {
        String token = ctx.header(IDEMPOTENCY_HEADER);
        return token != null && token.length() <= 200 && seenCallbacks.asMap().putIfAbsent(token, Boolean.TRUE) != null;
    }

    /** First value of each form field (Twilio never repeats a field on voice webhooks). */
    static Map<String, String> form(Context ctx) {
        return WebhookForm.firstValues(ctx);
    }

    static String signature(Context ctx) {
        return ctx.header(WebhookVerifier.SIGNATURE_HEADER);
    }

    String forbidden(Context ctx, String what, PhoneNumber called) {
        log.warn("{} webhook refused: missing or invalid Twilio signature (to={}, from {})", what,
                called == null ? "-" : called.masked(), ctx.ip());
        ctx.status(403).result("forbidden");
        return "forbidden";
    }

    static String xml(Context ctx, String document) {
        ctx.status(200).contentType(TEXT_XML).result(document);
        return "ok";
    }

    static String ok(Context ctx) {
        ctx.status(204);
        return "ok";
    }

    private static String politeRejection(Language language) {
        return language == Language.ENGLISH
                ? "This number is no longer in service. Goodbye."
                : "Ce numéro n'est plus en service. Au revoir.";
    }

    private void timed(Context ctx, String route, java.util.function.Function<Context, String> handler) {
        long t0 = System.nanoTime();
        String outcome = "error";
        try {
            outcome = handler.apply(ctx);
        } finally {
            metrics.webhook(route, outcome, System.nanoTime() - t0);
            MDC.remove(LogContext.TENANT);
            MDC.remove(LogContext.CALL);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
