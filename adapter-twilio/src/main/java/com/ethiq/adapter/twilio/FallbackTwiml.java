package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The static TwiML a number's {@code VoiceFallbackUrl} serves when the node cannot answer (issue 22, item 6): the call
 * goes straight, unprotected, to the protected person's SIP address — {@code <Dial><Sip>…</Sip></Dial>}, the Region
 * parameter as the SIP leg uses it, no {@code callerId} so Twilio passes the caller's number through. One document per
 * number, named by the number without '+', published outside the deployment (see docs/twilio.md). Pure functions.
 */
public final class FallbackTwiml {
    /** The placeholder a fallback URL may carry: the called number, E.164 without '+'. */
    public static final String NUMBER_PLACEHOLDER = "{number}";
    /** The same placeholder as it stands in a {@link URI} (braces are not allowed there unencoded). */
    public static final String ENCODED_PLACEHOLDER = "%7Bnumber%7D";

    private FallbackTwiml() {
    }

    /** The document for a number whose protected person answers at {@code sip}; {@code region} e.g. {@code ie1}. */
    public static String document(SipAddress sip, Optional<String> region) {
        Objects.requireNonNull(sip, "'sip' must not be null");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Dial answerOnBridge=\"true\"><Sip>"
                + escape(sipUri(sip.uri(), region)) + "</Sip></Dial></Response>\n";
    }

    /** The file (and URL) name of a number's document: its E.164 digits, then {@code .xml}. */
    public static String fileName(PhoneNumber number) {
        return digits(number) + ".xml";
    }

    /** A fallback URL as configured ({@code https://cdn.example/ethiq/{number}.xml}) as a {@link URI}, placeholder kept. */
    public static URI template(String configured) {
        return URI.create(configured.strip().replace(NUMBER_PLACEHOLDER, ENCODED_PLACEHOLDER));
    }

    /** Whether the fallback URL names the number. */
    public static boolean namesTheNumber(URI template) {
        return template != null && template.toString().toUpperCase(java.util.Locale.ROOT).contains(ENCODED_PLACEHOLDER.toUpperCase(java.util.Locale.ROOT));
    }

    /** The fallback URL of one number: the placeholder replaced by its E.164 digits (no '+'). */
    public static URI forNumber(URI template, PhoneNumber number) {
        if (!namesTheNumber(template)) {
            return template;
        }
        return URI.create(template.toString().replaceAll("(?i)%7Bnumber%7D", digits(number)));
    }

    /**
     * The SIP address with the Region parameter when one is configured ({@code ;region=ie1}: Twilio sends the SIP
     * traffic from that Region), except for Twilio SIP Domain addresses, which must be dialled by their global URI.
     */
    static String sipUri(String uri, Optional<String> region) {
        if (region.isEmpty() || uri.contains(";region=") || uri.matches("(?i)sips?:[^@]*@[^;?]*\\.sip\\.twilio\\.com([;?].*)?")) {
            return uri;
        }
        int query = uri.indexOf('?');
        return query < 0 ? uri + ";region=" + region.get() : uri.substring(0, query) + ";region=" + region.get() + uri.substring(query);
    }

    private static String digits(PhoneNumber number) {
        return number.e164().substring(1);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
