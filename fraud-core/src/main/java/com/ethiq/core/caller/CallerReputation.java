package com.ethiq.core.caller;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core step: the reputation of a caller shared across accounts without sharing numbers. Opted-in accounts report the
 * fingerprint of a scam alert's caller; a number counts as reported only once {@code minAccounts} (at least 3)
 * distinct accounts reported it within the decay window, so no single account can poison it; a false alarm withdraws
 * the report. Lookups are cached per node (the incoming-call webhook must stay fast). A failing store never fails a
 * call: the caller is then simply not reported. Thread-safe.
 */
public final class CallerReputation {
    private static final Logger log = LoggerFactory.getLogger(CallerReputation.class);
    public static final int MIN_ACCOUNTS_FLOOR = 3;
    private static final int CACHE_SIZE = 10_000;

    /** {@code minAccounts} ≥ 3; reports older than {@code window} no longer count; lookups are kept {@code cacheFor}. */
    public record Settings(int minAccounts, Duration window, Duration cacheFor) {
        public static final Settings DEFAULT = new Settings(3, Duration.ofDays(30), Duration.ofSeconds(60));

        public Settings {
            if (minAccounts < MIN_ACCOUNTS_FLOOR) {
                throw new IllegalArgumentException("'minAccounts' must be >= " + MIN_ACCOUNTS_FLOOR + ", got " + minAccounts);
            }
            if (window.toDays() < 1 || cacheFor.isNegative()) {
                throw new IllegalArgumentException("'window' must be at least a day and 'cacheFor' >= 0");
            }
        }
    }

    private record Cached(Reputation reputation, Instant until) {
    }

    private final CallerReports reports;
    private final CallerFingerprints fingerprints;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public CallerReputation(CallerReports reports, CallerFingerprints fingerprints, Settings settings, Clock clock) {
        this.reports = Objects.requireNonNull(reports, "'reports' must not be null");
        this.fingerprints = Objects.requireNonNull(fingerprints, "'fingerprints' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** What the platform knows of this number: {@link Reputation#NONE} below the account threshold. */
    public Reputation lookup(PhoneNumber number) {
        String fingerprint = fingerprints.of(number);
        Instant now = clock.instant();
        synchronized (cache) {
            Cached hit = cache.get(fingerprint);
            if (hit != null && now.isBefore(hit.until())) {
                return hit.reputation();
            }
        }
        Reputation reputation;
        try {
            CallerReports.Counts counts = reports.lookup(fingerprint, today().minusDays(settings.window().toDays() - 1),
                    settings.minAccounts());
            reputation = counts.accounts() < settings.minAccounts() ? Reputation.NONE
                    : new Reputation(counts.accounts(), counts.categories().keySet());
        } catch (RuntimeException e) {
            log.warn("caller reputation lookup failed; the call starts without it: {}", e.toString());
            return Reputation.NONE;
        }
        synchronized (cache) {
            cache.put(fingerprint, new Cached(reputation, now.plus(settings.cacheFor())));
        }
        return reputation;
    }

    /** A scam alert was raised on this call: report its caller if the account opted in. True if a report was recorded. */
    public boolean reportScam(TenantId tenant, CallSid callSid, Optional<PhoneNumber> caller, ScamCategory category) {
        if (caller.isEmpty()) {
            return false;
        }
        try {
            if (!reports.optedIn(tenant)) {
                return false;
            }
            return reports.report(new CallerReports.Report(tenant, callSid, fingerprints.of(caller.get()), category, today(),
                    clock.instant()));
        } catch (RuntimeException e) {
            log.warn("reporting the caller of call {} failed: {}", callSid, e.toString());
            return false;
        }
    }

    /** The account marked the call a false alarm: its report (if any) no longer counts. */
    public boolean withdraw(TenantId tenant, CallSid callSid) {
        return reports.withdraw(tenant, callSid);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
