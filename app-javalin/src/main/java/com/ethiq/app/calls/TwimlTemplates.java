package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.TwilioTwiml;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.TenantId;
import java.net.URI;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The "protect" TwiML of every call differs only by tenant, call sid and token, yet twilio-java's builders take
 * milliseconds to render it (measured ~2-3 ms, a third of the webhook budget at 200 calls/s on one core). So the
 * document is rendered once by {@link TwilioTwiml} with sentinel values, and each call substitutes its own values,
 * XML-escaped. The result is byte-for-byte what {@link TwilioTwiml#protect} renders (tested). The template is
 * re-rendered if the public base URL changes. Thread-safe.
 */
final class TwimlTemplates {
    private static final TenantId SENTINEL_TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-5e4714e17000"));
    private static final String SENTINEL_CALL = "CAsentinel0call0sid0000000000000000";
    private static final String SENTINEL_TOKEN = "sentinel0media0token";

    private final TwilioTwiml twiml;
    private final Supplier<URI> publicBase;
    private final String mediaPath;
    private final String streamStatusPath;
    private final String conferenceStatusPath;
    private volatile Template current;

    private record Template(URI base, String[] parts, int[] holes) {
    }

    private static final int TENANT = 0;
    private static final int CALL = 1;
    private static final int TOKEN = 2;

    TwimlTemplates(TwilioTwiml twiml, Supplier<URI> publicBase, String mediaPath, String streamStatusPath,
                   String conferenceStatusPath) {
        this.twiml = Objects.requireNonNull(twiml, "'twiml' must not be null");
        this.publicBase = Objects.requireNonNull(publicBase, "'publicBase' must not be null");
        this.mediaPath = mediaPath;
        this.streamStatusPath = streamStatusPath;
        this.conferenceStatusPath = conferenceStatusPath;
    }

    /** What {@link TwilioTwiml#protect} renders for this call, with the app's stream and callback URLs. */
    String protect(TenantId tenant, CallSid callSid, String token) {
        Template t = template();
        String[] values = {tenant.toString(), callSid.value(), escape(token)};
        StringBuilder out = new StringBuilder(t.parts[0].length() * 2);
        for (int i = 0; i < t.holes.length; i++) {
            out.append(t.parts[i]).append(values[t.holes[i]]);
        }
        return out.append(t.parts[t.parts.length - 1]).toString();
    }

    /** The same document rendered by the builders, for comparison. */
    String protectSlow(TenantId tenant, CallSid callSid, String token) {
        URI base = publicBase.get();
        String http = base + mediaPath;
        URI stream = URI.create(http.startsWith("https://") ? "wss://" + http.substring(8) : "ws://" + http.substring(7));
        return twiml.protect(tenant, callSid, ConferenceName.forCall(tenant, callSid), stream, token,
                URI.create(base + streamStatusPath + "?tenant=" + tenant), URI.create(base + conferenceStatusPath + "?tenant=" + tenant),
                URI.create(base + CallWebhooks.WAIT + "?tenant=" + tenant));
    }

    private Template template() {
        URI base = publicBase.get();
        Template t = current;
        if (t == null || !t.base.equals(base)) {
            t = render(base);
            current = t;
        }
        return t;
    }

    private Template render(URI base) {
        String doc = protectSlow(SENTINEL_TENANT, CallSid.of(SENTINEL_CALL), SENTINEL_TOKEN);
        java.util.List<String> parts = new java.util.ArrayList<>();
        java.util.List<Integer> holes = new java.util.ArrayList<>();
        String[] sentinels = {SENTINEL_TENANT.toString(), SENTINEL_CALL, SENTINEL_TOKEN};
        int from = 0;
        while (true) {
            int next = -1;
            int which = -1;
            for (int s = 0; s < sentinels.length; s++) {
                int at = doc.indexOf(sentinels[s], from);
                if (at >= 0 && (next < 0 || at < next)) {
                    next = at;
                    which = s;
                }
            }
            if (next < 0) {
                parts.add(doc.substring(from));
                break;
            }
            parts.add(doc.substring(from, next));
            holes.add(which);
            from = next + sentinels[which].length();
        }
        if (!holes.contains(TOKEN) || !holes.contains(CALL) || !holes.contains(TENANT)) {
            throw new IllegalStateException("the TwiML template lost a value: " + doc);
        }
        return new Template(base, parts.toArray(String[]::new), holes.stream().mapToInt(Integer::intValue).toArray());
    }

    /** XML attribute/text escaping (the token is base64url and dots, but escape anyway). */
    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
