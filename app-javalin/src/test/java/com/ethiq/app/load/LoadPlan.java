package com.ethiq.app.load;

import com.ethiq.app.sim.TwilioCallSimulator.Account;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The tenants of a load run, derived from their index so the server (which creates them) and the generator (which
 * signs their webhooks) agree without talking: ids, Twilio accounts and tokens, numbers, contacts. Also the call
 * sid convention telling the server's scripted recogniser which calls are scams. Stateless.
 */
final class LoadPlan {
    static final String MEDIA_SECRET = "load-test-media-token-secret-0123456789";
    static final int CONTACTS_PER_TENANT = 2;

    private LoadPlan() {
    }

    static TenantId tenantId(int i) {
        return new TenantId(UUID.nameUUIDFromBytes(("ethiq-load-tenant-" + i).getBytes(StandardCharsets.UTF_8)));
    }

    static Account account(int i) {
        String h = sha256("account-" + i);
        return new Account("AC" + h.substring(0, 32), "token" + h.substring(32, 64));
    }

    static PhoneNumber number(int i) {
        return PhoneNumber.of(String.format("+3397%07d", i));
    }

    static List<PhoneNumber> contacts(int i) {
        return List.of(PhoneNumber.of(String.format("+33610%06d", i)), PhoneNumber.of(String.format("+33620%06d", i)));
    }

    /** A Twilio-shaped call sid; scam calls end with "f", the others never do. */
    static String callSid(long n, boolean scam) {
        String h = sha256("call-" + n + "-" + System.nanoTime()).substring(0, 31);
        return "CA" + h + (scam ? "f" : "0");
    }

    static boolean isScam(String callSid) {
        return callSid.endsWith("f");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With {@code --reputation}: one call in this many comes from a number reported by 3 accounts. */
    public static final int REPORTED_EVERY = 20;

    /** The caller of call {@code n} with {@code --reputation}: a different French mobile number per call. */
    public static String caller(long n) {
        return String.format(java.util.Locale.ROOT, "+3375%07d", n % 10_000_000);
    }
}
