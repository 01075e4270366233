package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.RingbackTone;
import com.ethiq.adapter.twilio.TwilioCallbacks;
import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.app.metrics.CallMetrics;
import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.LegStatus;
import com.ethiq.core.domain.Tenant;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the minutes before the protected person picks up: the participant's progress callbacks, the
 * conference's wait document and the ringback audio it plays. Signatures, tenants and replies go through
 * {@link CallWebhooks}' shared checks; handlers only parse, call the core's {@code RingOutcomes} and map. Thread-safe.
 */
final class RingingWebhooks {
    private final CallWebhooks web;
    private final FraudCore core;
    private final TwilioTwiml twiml;
    private final WebhookVerifier verifier;
    private final CallMetrics metrics;

    RingingWebhooks(CallWebhooks web, FraudCore core, TwilioTwiml twiml, WebhookVerifier verifier, CallMetrics metrics) {
        this.web = web;
        this.core = core;
        this.twiml = twiml;
        this.verifier = verifier;
        this.metrics = metrics;
    }

    /**
     * The protected person's leg reports its progress (the participant's StatusCallback, {@code ?tenant=…&call=…} naming
     * the caller's call): Twilio's {@code CallStatus} read by {@link TwilioCallbacks#legStatus}, then the core's
     * {@code RingOutcomes}, which records the first outcome and acts on it once.
     */
    String participantStatus(Context ctx) {
        Map<String, String> form = web.form(ctx);
        Optional<Tenant> tenant = web.tenantFromQueryOr(ctx, null);
        if (tenant.isEmpty() || !web.signedByTenant(ctx, form, tenant.get().id())) {
            return web.forbidden(ctx, "participant status", null);
        }
        if (web.duplicate(ctx)) {
            return CallWebhooks.ok(ctx);
        }
        CallSid caller = CallWebhooks.callSidOrNull(ctx.queryParam("call"));
        Optional<LegStatus> status = TwilioCallbacks.legStatus(form.get("CallStatus"));
        if (caller == null || status.isEmpty()) {
            return CallWebhooks.ok(ctx); // not a call of ours, or a word we do not act on
        }
        metrics.decision("leg_" + status.get().name().toLowerCase(java.util.Locale.ROOT));
        core.ringOutcomes().onLegStatus(tenant.get().id(), caller, CallWebhooks.callSidOrNull(form.get("CallSid")), status.get());
        return CallWebhooks.ok(ctx);
    }

    /** The conference's wait document: the ringback of the account's country, looped until the person joins. */
    String waitDocument(Context ctx) {
        Map<String, String> form = web.form(ctx);
        Optional<Tenant> tenant = web.tenantFromQueryOr(ctx, null);
        if (tenant.isEmpty() || !web.signedByTenant(ctx, form, tenant.get().id())) {
            return web.forbidden(ctx, "wait", null);
        }
        RingbackTone.Cadence cadence = RingbackTone.cadence(tenant.get().settings().language());
        return CallWebhooks.xml(ctx, twiml.waitAudio(URI.create(verifier.publicBase() + "/twilio/ringback/" + cadence.name() + ".wav")));
    }

    /** The ringback audio: the same bytes for everyone, so no signature and a long cache (Twilio caches media it plays). */
    String ringback(Context ctx) {
        String file = ctx.pathParam("file");
        Optional<RingbackTone.Cadence> cadence = file.endsWith(".wav")
                ? RingbackTone.byName(file.substring(0, file.length() - 4)) : Optional.empty();
        if (cadence.isEmpty()) {
            ctx.status(404).result("not found");
            return "not_found";
        }
        ctx.status(200).contentType("audio/wav").header("Cache-Control", "public, max-age=86400")
                .result(RingbackTone.wavFile(cadence.get()));
        return "ok";
    }
}
