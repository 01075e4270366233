package com.ethiq.core.fake;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link CallerReports}. Thread-safe. */
public final class InMemoryCallerReports implements CallerReports {
    private record Key(TenantId tenant, CallSid callSid) {
    }

    private final Map<Key, Report> reports = new ConcurrentHashMap<>();
    private final Set<TenantId> optedIn = ConcurrentHashMap.newKeySet();

    @Override
    public boolean report(Report report) {
        return reports.putIfAbsent(new Key(report.tenant(), report.callSid()), report) == null;
    }

    @Override
    public boolean withdraw(TenantId tenant, CallSid callSid) {
        return reports.remove(new Key(tenant, callSid)) != null;
    }

    @Override
    public Counts lookup(String fingerprint, LocalDate since, int minAccounts) {
        List<Report> matching = reports.values().stream()
                .filter(r -> r.fingerprint().equals(fingerprint) && !r.day().isBefore(since)).toList();
        Set<TenantId> accounts = new HashSet<>();
        Map<LocalDate, Integer> perDay = new HashMap<>();
        Map<ScamCategory, Integer> categories = new HashMap<>();
        for (Report r : matching) {
            accounts.add(r.tenant());
            perDay.merge(r.day(), 1, Integer::sum);
            categories.merge(r.category(), 1, Integer::sum);
        }
        if (accounts.size() < Math.max(1, minAccounts)) {
            return Counts.NONE;
        }
        return new Counts(accounts.size(), perDay, categories);
    }

    @Override
    public int erase(TenantId tenant) {
        optedIn.remove(tenant);
        int before = reports.size();
        reports.keySet().removeIf(k -> k.tenant().equals(tenant));
        return before - reports.size();
    }

    @Override
    public boolean optedIn(TenantId tenant) {
        return optedIn.contains(tenant);
    }

    @Override
    public void setOptIn(TenantId tenant, boolean value, Instant at) {
        if (value) {
            optedIn.add(tenant);
        } else {
            optedIn.remove(tenant);
        }
    }
}
