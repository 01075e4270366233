package com.ethiq.app.onboarding;

import com.ethiq.app.calls.TenantDirectory;
import com.ethiq.app.calls.WebhookVerifier;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /twilio/sms}, the SMS URL of every pool number: the signature is checked exactly as on the voice
 * webhooks (tenant by {@code To}, that tenant's token, or the platform token for a number no tenant holds; a
 * missing or forged signature gets 403), then the text is acknowledged with empty TwiML and not kept (nobody texts
 * a protected line on purpose, and we store no message content). Thread-safe.
 */
public final class SmsWebhook {
    private static final Logger log = LoggerFactory.getLogger(SmsWebhook.class);
    static final String SCHEME_HEADER = "X-Twilio-Webhooks-Signature-Settings";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    private final TenantDirectory directory;
    private final WebhookVerifier verifier;

    public SmsWebhook(TenantDirectory directory, WebhookVerifier verifier) {
        this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
        this.verifier = Objects.requireNonNull(verifier, "'verifier' must not be null");
    }

    public void register(JavalinDefaultRoutingApi routes) {
        routes.post(Onboarding.SMS, this::handle);
    }

    private void handle(Context ctx) {
        Map<String, String> form = com.ethiq.app.calls.WebhookForm.firstValues(ctx);
        String to = form.get("To");
        PhoneNumber called = PhoneNumber.isValid(to) ? PhoneNumber.of(to) : null;
        if (!signed(ctx, form, called)) {
            log.warn("sms webhook refused: missing or invalid Twilio signature (to={}, from {})",
                    called == null ? "-" : called.masked(), ctx.ip());
            ctx.status(403).result("forbidden");
            return;
        }
        ctx.status(200).contentType("text/xml; charset=utf-8").result(EMPTY_TWIML);
    }

    private boolean signed(Context ctx, Map<String, String> form, PhoneNumber called) {
        String signature = ctx.header(WebhookVerifier.SIGNATURE_HEADER);
        String scheme = ctx.header(SCHEME_HEADER);
        Optional<Tenant> tenant = called == null ? Optional.empty() : directory.byCalledNumber(called);
        if (tenant.isEmpty()) {
            return verifier.formValidForPlatform(ctx.path(), ctx.queryString(), form, signature, scheme);
        }
        Optional<TelephonyCredentials> credentials = directory.credentials(tenant.get().id());
        if (credentials.isEmpty()) {
            return false;
        }
        String account = form.get("AccountSid");
        if (account != null && !account.equals(credentials.get().accountSid())) {
            return false;
        }
        return verifier.formValid(ctx.path(), ctx.queryString(), form, signature, scheme, credentials.get().authToken());
    }
}
