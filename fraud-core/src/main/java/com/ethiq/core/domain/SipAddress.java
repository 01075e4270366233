package com.ethiq.core.domain;

import java.util.regex.Pattern;

/** A SIP URI where the protected person's phone answers, e.g. {@code sip:alice@home.sip.twilio.com}. */
public record SipAddress(String uri) {
    private static final Pattern SIP = Pattern.compile("sips?:[A-Za-z0-9._~+%!$&'()*,;=-]+@[A-Za-z0-9.-]+(:[0-9]{1,5})?(;[A-Za-z0-9=._-]+)*");

    public SipAddress {
        if (uri == null || !SIP.matcher(uri).matches()) {
            throw new IllegalArgumentException("'sipAddress' must be a sip: URI like sip:user@domain, got '" + uri + "'");
        }
    }

    public static SipAddress of(String uri) {
        return new SipAddress(uri);
    }

    @Override
    public String toString() {
        return uri;
    }
}
