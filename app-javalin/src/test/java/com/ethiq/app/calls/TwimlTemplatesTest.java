package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The cached "protect" document is exactly what twilio-java's builders render, for any call. */
class TwimlTemplatesTest {

    @Test
    void substitutedTemplateEqualsTheRenderedDocument() {
        AtomicReference<URI> base = new AtomicReference<>(URI.create("https://voice.example.com"));
        TwimlTemplates templates = new TwimlTemplates(new TwilioTwiml(true), base::get, CallWebhooks.MEDIA,
                CallWebhooks.STREAM_STATUS, CallWebhooks.CONFERENCE_STATUS);
        for (int i = 0; i < 200; i++) {
            TenantId tenant = TenantId.random();
            CallSid call = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
            String token = "eyJhbGciOiJIUzI1NiJ9." + UUID.randomUUID() + "." + i + "_-";
            assertThat(templates.protect(tenant, call, token)).isEqualTo(templates.protectSlow(tenant, call, token));
        }
        base.set(URI.create("https://other.example.com:8443"));
        TenantId tenant = TenantId.random();
        CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");
        String doc = templates.protect(tenant, call, "t.o.k");
        assertThat(doc).isEqualTo(templates.protectSlow(tenant, call, "t.o.k"))
                .contains("wss://other.example.com:8443/twilio/media")
                .contains("?tenant=" + tenant);
    }

    @Test
    void escapesWhatXmlNeedsEscaped() {
        assertThat(TwimlTemplates.escape("a&b<c>\"d'")).isEqualTo("a&amp;b&lt;c&gt;&quot;d&apos;");
        assertThat(TwimlTemplates.escape("plain.token-_")).isEqualTo("plain.token-_");
    }
}
