package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.app.metrics.CallMetrics;
import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.usecase.Announcements;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The announcement side of the call webhooks (issue 22, items 4-5): the document behind an AnnounceUrl, served by
 * reference from the store, and the replay when Twilio reports {@code announcement-fail}. Thread-safe.
 */
final class AnnouncementWebhooks {
    private static final Logger log = LoggerFactory.getLogger(AnnouncementWebhooks.class);
    private static final int MAX_ANNOUNCEMENT_CHARS = 1000;

    private final CallWebhooks web;
    private final FraudCore core;
    private final TenantDirectory directory;
    private final WebhookVerifier verifier;
    private final TwilioTwiml twiml;
    private final CallMetrics metrics;

    AnnouncementWebhooks(CallWebhooks web, FraudCore core, TenantDirectory directory, WebhookVerifier verifier, TwilioTwiml twiml,
                         CallMetrics metrics) {
        this.web = web;
        this.core = core;
        this.directory = directory;
        this.verifier = verifier;
        this.twiml = twiml;
        this.metrics = metrics;
    }

    /**
     * The TwiML Twilio fetches from an AnnounceUrl. {@code ?ref=}: the stored announcement, whose row names the tenant
     * whose token checks the signature (any node can answer; no cache involved); the first fetch gets the words, a
     * repeated one an empty document (the warning is not spoken twice). {@code ?text=}: the older form, words in the URL.
     */
    String document(Context ctx) {
        Map<String, String> form = "GET".equals(ctx.method().name()) ? Map.of() : CallWebhooks.form(ctx);
        String reference = ctx.queryParam("ref");
        if (reference != null && ctx.queryParam("text") == null && core.announcements().isPresent()) {
            return stored(ctx, form, reference, core.announcements().get());
        }
        Optional<TenantId> tenant = Optional.ofNullable(ctx.queryParam("tenant")).flatMap(CallWebhooks::tenantId)
                .or(() -> directory.byAccountSid(form.get("AccountSid")));
        boolean signed = tenant.isPresent() ? web.signedByTenant(ctx, form, tenant.get())
                : verifier.formValidForPlatform(ctx.path(), ctx.queryString(), form, CallWebhooks.signature(ctx),
                        ctx.header(CallWebhooks.SCHEME_HEADER));
        if (!signed) {
            return web.forbidden(ctx, "announcement", null);
        }
        String text = ctx.queryParam("text");
        if (text == null || text.isBlank() || text.length() > MAX_ANNOUNCEMENT_CHARS) {
            ctx.status(400).result("bad request");
            return "bad_request";
        }
        Language language;
        try {
            language = Language.parse(Optional.ofNullable(ctx.queryParam("lang")).orElse("fr"));
        } catch (IllegalArgumentException e) {
            language = Language.FRENCH;
        }
        return CallWebhooks.xml(ctx, twiml.announcement(text, language));
    }

    private String stored(Context ctx, Map<String, String> form, String reference, Announcements announcements) {
        Optional<Announcement> found = announcements.find(reference);
        if (found.isEmpty() || !web.signedByTenant(ctx, form, found.get().tenant())) {
            return web.forbidden(ctx, "announcement", null);
        }
        Optional<Announcement> claimed = announcements.claim(reference);
        if (claimed.isEmpty()) {
            metrics.decision("announcement_repeat");
            return CallWebhooks.xml(ctx, TwilioTwiml.empty());
        }
        return CallWebhooks.xml(ctx, twiml.announcement(claimed.get().text(), claimed.get().language()));
    }

    /** Twilio said the announcement failed: ask again (bounded); the fetch may have hit a restarting node or a stalled store. */
    void failed(TenantId tenant, CallSid caller, String reason) {
        metrics.decision("announcement_fail");
        log.warn("announcement failed in the conference of call {} (tenant {}): {}", caller, tenant, reason);
        core.announcements().ifPresent(a -> metrics.decision("announcement_replay_"
                + a.replay(tenant, caller, reason).name().toLowerCase(Locale.ROOT)));
    }
}
