package com.ethiq.adapter.twilio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The short reference that ties a message to its idempotency key: 6 upper-case hex digits of SHA-256(key). Twilio has
 * no idempotency key for Messages, so the reference travels in the SMS body ("Réf. 7F3A2C") where a later lookup can
 * find it. 24 bits are plenty: a lookup only compares it with recent messages between the same two numbers.
 * Stateless.
 */
final class IdempotencyReference {
    static final String SMS_PREFIX = "Réf. ";

    private IdempotencyReference() {
    }

    static String of(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 3).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The body actually sent: the caller's text, a line break, then the reference. */
    static String smsBody(String body, String reference) {
        return body + "\n" + SMS_PREFIX + reference;
    }

    /** Whether a message body found at Twilio carries this reference on its last line. */
    static boolean carries(String sentBody, String reference) {
        return sentBody != null && sentBody.stripTrailing().endsWith(SMS_PREFIX + reference);
    }
}
