package com.ethiq.core.fake;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.management.onboarding.TelephonyNumbers;
import com.ethiq.core.port.CallControl.CallControlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link TelephonyNumbers} held in memory per account, recording every request (operation, account sid, number,
 * webhooks) and able to fail the next N configure calls. Test/demo fake. Thread-safe.
 */
public final class RecordingTelephonyNumbers implements TelephonyNumbers {
    private final Map<String, Map<PhoneNumber, Owned>> owned = new HashMap<>();
    private final Map<String, List<Offered>> offers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger sids = new AtomicInteger();
    private int failConfigures;

    /** One request this fake received. */
    public record Request(String operation, String accountSid, PhoneNumber number, Webhooks webhooks) {
    }

    /** Makes {@code numbers} available for search and purchase in {@code isoCountry}. */
    public synchronized void offer(String isoCountry, String area, PhoneNumber... numbers) {
        for (PhoneNumber n : numbers) {
            offers.computeIfAbsent(isoCountry, k -> new ArrayList<>()).add(new Offered(n, isoCountry, area));
        }
    }

    /** Puts a number in the account as if bought elsewhere (optionally already configured). */
    public synchronized Owned own(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks) {
        Owned o = new Owned(nextSid(), number, webhooks);
        owned.computeIfAbsent(account.accountSid(), k -> new LinkedHashMap<>()).put(number, o);
        return o;
    }

    /** Changes a number's webhooks behind the application's back (console edit). */
    public synchronized void tamper(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks) {
        Owned o = owned.get(account.accountSid()).get(number);
        owned.get(account.accountSid()).put(number, new Owned(o.sid(), number, webhooks));
    }

    /** Releases a number behind the application's back. */
    public synchronized void releaseOutside(TelephonyCredentials account, PhoneNumber number) {
        owned.get(account.accountSid()).remove(number);
    }

    /** The next {@code n} configure calls fail with a transient error. */
    public synchronized void failNextConfigures(int n) {
        failConfigures = n;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized List<Offered> search(TelephonyCredentials account, String isoCountry, String area, int limit) {
        requests.add(new Request("search", account.accountSid(), null, null));
        return offers.getOrDefault(isoCountry, List.of()).stream()
                .filter(o -> area == null || area.isBlank() || area.equals(o.area()))
                .limit(limit).toList();
    }

    @Override
    public synchronized Owned buy(TelephonyCredentials account, PhoneNumber number, Webhooks webhooks) {
        java.util.Objects.requireNonNull(webhooks, "'webhooks' must not be null");
        requests.add(new Request("buy", account.accountSid(), number, webhooks));
        boolean offered = offers.values().stream().anyMatch(l -> l.removeIf(o -> o.number().equals(number)));
        if (!offered) {
            throw new CallControlException("number " + number.masked() + " is not available", true, "21422", null);
        }
        return own(account, number, webhooks);
    }

    @Override
    public synchronized Owned configure(TelephonyCredentials account, String numberSid, Webhooks webhooks) {
        requests.add(new Request("configure", account.accountSid(), bySid(account, numberSid).number(), webhooks));
        if (failConfigures > 0) {
            failConfigures--;
            throw new CallControlException("simulated outage", false, null, null);
        }
        return replace(account, numberSid, webhooks);
    }

    @Override
    public synchronized Owned reset(TelephonyCredentials account, String numberSid) {
        requests.add(new Request("reset", account.accountSid(), bySid(account, numberSid).number(), null));
        return replace(account, numberSid, null);
    }

    @Override
    public synchronized List<Owned> owned(TelephonyCredentials account) {
        return List.copyOf(owned.getOrDefault(account.accountSid(), Map.of()).values());
    }

    private Owned replace(TelephonyCredentials account, String sid, Webhooks webhooks) {
        Owned o = bySid(account, sid);
        Owned updated = new Owned(sid, o.number(), webhooks);
        owned.get(account.accountSid()).put(o.number(), updated);
        return updated;
    }

    private Owned bySid(TelephonyCredentials account, String sid) {
        return owned.getOrDefault(account.accountSid(), Map.of()).values().stream().filter(o -> o.sid().equals(sid)).findFirst()
                .orElseThrow(() -> new CallControlException("number " + sid + " not found", true, "20404", null));
    }

    private String nextSid() {
        return String.format("PN%032x", sids.incrementAndGet());
    }
}
