package com.ethiq.adapter.twilio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks phone numbers inside vendor text (Twilio error messages quote the number) before it reaches logs. Stateless. */
final class PhoneNumberMasking {
    // a standalone token of 8+ digits, optionally '+'-prefixed, with the spaces or dots people put in numbers;
    // dates (2010-04-01) and digit runs inside SIDs are left alone
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9])\\+?\\d(?:[ .]?\\d){7,}(?![A-Za-z0-9])");

    private PhoneNumberMasking() {
    }

    /** "+33612345678" → "+33*******78": keeps the first three and the last two characters. */
    static String maskPhoneNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String n = m.group();
            String masked = n.substring(0, 3) + "*".repeat(n.length() - 5) + n.substring(n.length() - 2);
            m.appendReplacement(out, Matcher.quoteReplacement(masked));
        }
        m.appendTail(out);
        return out.toString();
    }
}
