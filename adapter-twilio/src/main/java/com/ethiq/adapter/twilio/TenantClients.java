package com.ethiq.adapter.twilio;

import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallControl.CallControlException;
import com.ethiq.core.port.TenantSecrets;
import com.twilio.http.TwilioRestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TwilioRestClient} per tenant, built from the tenant's own credentials and rebuilt as soon as they change
 * (the cache entry carries a SHA-256 fingerprint of Account SID + auth token, never the token itself as a key).
 * Thread-safe.
 */
final class TenantClients {
    private final TenantSecrets secrets;
    private final SingleAttemptHttpClient http;
    private final Map<TenantId, Entry> clients = new ConcurrentHashMap<>();

    TenantClients(TenantSecrets secrets, SingleAttemptHttpClient http) {
        this.secrets = secrets;
        this.http = http;
    }

    /** The tenant's account and client; a tenant without telephony credentials is a permanent failure. */
    TenantClient forTenant(TenantId tenant) {
        TelephonyCredentials credentials = secrets.telephony(tenant).orElseThrow(() -> new CallControlException(
                "tenant " + tenant + " has no Twilio credentials", true, "no-credentials", null));
        String fingerprint = fingerprint(credentials);
        Entry entry = clients.compute(tenant, (t, old) -> old != null && old.fingerprint().equals(fingerprint)
                ? old
                : new Entry(fingerprint, of(credentials, http)));
        return entry.client();
    }

    /** A client for any account (the platform's number pool, a subaccount), not cached: building one does no I/O. */
    static TenantClient of(TelephonyCredentials credentials, SingleAttemptHttpClient http) {
        return new TenantClient(credentials.accountSid(),
                new QuietRestClient(new TwilioRestClient.Builder(credentials.accountSid(), credentials.authToken().reveal())
                        .httpClient(http)));
    }

    int size() {
        return clients.size();
    }

    /** A tenant's Account SID and the client authenticated as it. */
    record TenantClient(String accountSid, TwilioRestClient rest) {
    }

    private record Entry(String fingerprint, TenantClient client) {
    }

    /**
     * twilio-java logs every request's query parameters at DEBUG (the To/From numbers of a Messages lookup): this
     * client never does, whatever the logging configuration.
     */
    private static final class QuietRestClient extends TwilioRestClient {
        QuietRestClient(TwilioRestClient.Builder builder) {
            super(builder);
        }

        @Override
        public void logRequest(com.twilio.http.Request request) {
            // deliberately silent: query strings carry phone numbers
        }
    }

    private static String fingerprint(TelephonyCredentials c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(c.accountSid().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(c.authToken().reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
