package com.ethiq.core.caller;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryCallerReports;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.CallerReports;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallerReputationTest {
    private static final PhoneNumber SCAMMER = PhoneNumber.of("+33756781234");
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryCallerReports store = new InMemoryCallerReports();
    private final CallerFingerprints fingerprints = new CallerFingerprints(key((byte) 7));
    private final CallerReputation reputation = new CallerReputation(store, fingerprints,
            new CallerReputation.Settings(3, Duration.ofDays(30), Duration.ZERO), clock);
    private int calls;

    private static byte[] key(byte b) {
        byte[] k = new byte[32];
        Arrays.fill(k, b);
        return k;
    }

    private TenantId optedIn() {
        TenantId t = TenantId.random();
        store.setOptIn(t, true, clock.instant());
        return t;
    }

    private CallSid scamFrom(TenantId tenant, PhoneNumber number) {
        CallSid sid = CallSid.of("CA" + (++calls));
        reputation.reportScam(tenant, sid, Optional.of(number), ScamCategory.FAKE_BANK_ADVISER);
        return sid;
    }

    @Test
    void aNumberReportedByOneOrTwoAccountsChangesNothingByThreeItIsReported() {
        TenantId a = optedIn();
        scamFrom(a, SCAMMER);
        scamFrom(a, SCAMMER);
        scamFrom(a, SCAMMER);
        assertThat(reputation.lookup(SCAMMER)).as("one account, however many calls").isEqualTo(Reputation.NONE);
        scamFrom(optedIn(), SCAMMER);
        assertThat(reputation.lookup(SCAMMER)).as("two accounts").isEqualTo(Reputation.NONE);

        scamFrom(optedIn(), SCAMMER);

        assertThat(reputation.lookup(SCAMMER)).isEqualTo(new Reputation(3, Set.of(ScamCategory.FAKE_BANK_ADVISER)));
        assertThat(reputation.lookup(PhoneNumber.of("+33756780000"))).isEqualTo(Reputation.NONE);
    }

    @Test
    void aFalseAlarmWithdrawsTheReport() {
        TenantId a = optedIn();
        CallSid first = scamFrom(a, SCAMMER);
        scamFrom(optedIn(), SCAMMER);
        scamFrom(optedIn(), SCAMMER);
        assertThat(reputation.lookup(SCAMMER).accounts()).isEqualTo(3);

        assertThat(reputation.withdraw(a, first)).isTrue();

        assertThat(reputation.lookup(SCAMMER)).isEqualTo(Reputation.NONE);
    }

    @Test
    void accountsThatDidNotOptInReportNothingAndHiddenNumbersAreNeverReported() {
        TenantId notIn = TenantId.random();
        assertThat(reputation.reportScam(notIn, CallSid.of("CA1"), Optional.of(SCAMMER), ScamCategory.FAKE_POLICE)).isFalse();
        assertThat(reputation.reportScam(optedIn(), CallSid.of("CA2"), Optional.empty(), ScamCategory.FAKE_POLICE)).isFalse();
        assertThat(store.lookup(fingerprints.of(SCAMMER), LocalDate.of(2000, 1, 1), 1)).isEqualTo(CallerReports.Counts.NONE);
    }

    @Test
    void reportsDecayOutOfTheWindow() {
        scamFrom(optedIn(), SCAMMER);
        scamFrom(optedIn(), SCAMMER);
        scamFrom(optedIn(), SCAMMER);
        clock.advance(Duration.ofDays(29));
        assertThat(reputation.lookup(SCAMMER).accounts()).isEqualTo(3);

        clock.advance(Duration.ofDays(1));

        assertThat(reputation.lookup(SCAMMER)).isEqualTo(Reputation.NONE);
    }

    @Test
    void theFingerprintIsAStandardHmacSha256() {
        // RFC 4231 test cases 6 and 7 (a 131-byte key, longer than the hash block, so it is hashed first)
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        CallerFingerprints fingerprints = new CallerFingerprints(key);
        assertThat(java.util.HexFormat.of().formatHex(fingerprints.mac(ascii(
                "Test Using Larger Than Block-Size Key - Hash Key First"))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertThat(java.util.HexFormat.of().formatHex(fingerprints.mac(ascii("This is a test using a larger than block-size"
                + " key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm."))))
                .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void fingerprintsAreStableAcrossThreads() throws Exception {
        CallerFingerprints fingerprints = new CallerFingerprints(key((byte) 9));
        String expected = fingerprints.of(SCAMMER);
        java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(() -> fingerprints.of(SCAMMER)));
            }
            for (java.util.concurrent.Future<String> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void theStoreOnlyEverSeesAKeyedFingerprintNeverTheNumber() {
        CallerFingerprints otherKey = new CallerFingerprints(key((byte) 8));

        String f = fingerprints.of(SCAMMER);

        assertThat(f).hasSize(43).doesNotContain("756781234").isEqualTo(fingerprints.of(PhoneNumber.of("+33756781234")));
        assertThat(otherKey.of(SCAMMER)).as("another platform key, another fingerprint").isNotEqualTo(f);
        assertThat(fingerprints.toString()).doesNotContain("7");
    }

    @Test
    void lookupsAreCachedAndAFailingStoreNeverFailsTheCall() {
        AtomicInteger lookups = new AtomicInteger();
        CallerReports counting = new CallerReports() {
            @Override public boolean report(Report r) { return store.report(r); }
            @Override public boolean withdraw(TenantId t, CallSid s) { return store.withdraw(t, s); }
            @Override public Counts lookup(String f, LocalDate since, int min) {
                if (lookups.incrementAndGet() > 2) {
                    throw new IllegalStateException("database down");
                }
                return store.lookup(f, since, min);
            }
            @Override public boolean optedIn(TenantId t) { return store.optedIn(t); }
            @Override public void setOptIn(TenantId t, boolean v, Instant at) { store.setOptIn(t, v, at); }
            @Override public int erase(TenantId t) { return store.erase(t); }
        };
        CallerReputation cached = new CallerReputation(counting, fingerprints,
                new CallerReputation.Settings(3, Duration.ofDays(30), Duration.ofSeconds(60)), clock);

        cached.lookup(SCAMMER);
        cached.lookup(SCAMMER);
        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofSeconds(61));
        cached.lookup(SCAMMER);
        assertThat(lookups).hasValue(2);
        clock.advance(Duration.ofSeconds(61));

        assertThat(cached.lookup(SCAMMER)).isEqualTo(Reputation.NONE);
    }
}
