package com.ethiq.core.port;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * Outgoing port: the shared caller reputation. Accounts that opted in report the numbers of their scam alerts as
 * keyed fingerprints (never numbers), one report per call; a false alarm withdraws it. Reports are the reporting
 * account's rows; only {@link #lookup} reads across accounts, and it returns counts, never rows. Thread-safe.
 */
public interface CallerReports {

    /** One account's report of one call's caller. */
    record Report(TenantId tenant, CallSid callSid, String fingerprint, ScamCategory category, LocalDate day, Instant at) {
        public Report {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(fingerprint, "'fingerprint' must not be null");
            if (!fingerprint.matches("[A-Za-z0-9_-]{43}")) {
                throw new IllegalArgumentException("'fingerprint' must be a base64url HMAC-SHA256 (43 characters)");
            }
            Objects.requireNonNull(category, "'category' must not be null");
            Objects.requireNonNull(day, "'day' must not be null");
            Objects.requireNonNull(at, "'at' must not be null");
        }
    }

    /**
     * What all accounts together reported about a fingerprint since a day: distinct accounts, reports per day and per
     * category. Empty (0 accounts, no days, no categories) below {@code minAccounts} distinct accounts, so that one or
     * two accounts learn nothing about each other's calls.
     */
    record Counts(int accounts, Map<LocalDate, Integer> perDay, Map<ScamCategory, Integer> categories) {
        public static final Counts NONE = new Counts(0, Map.of(), Map.of());

        public Counts {
            perDay = Map.copyOf(perDay);
            categories = Map.copyOf(categories);
        }
    }

    /** Records the report; false if this account already reported this call (retries, second node). */
    boolean report(Report report);

    /** Withdraws the account's report of this call (a false alarm); false if there was none. */
    boolean withdraw(TenantId tenant, CallSid callSid);

    /** Across all accounts; {@code minAccounts} is at least 1. */
    Counts lookup(String fingerprint, LocalDate since, int minAccounts);

    /** Whether the account shares its scam callers (off until the account opts in). */
    boolean optedIn(TenantId tenant);

    void setOptIn(TenantId tenant, boolean optedIn, Instant at);

    /**
     * Account erasure: deletes every report the account made and its opt-in (the account is opted out afterwards);
     * other accounts' reports stay. Returns how many reports went.
     */
    int erase(TenantId tenant);
}
