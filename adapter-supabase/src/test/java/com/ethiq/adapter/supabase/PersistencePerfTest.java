package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurement harness, not a timed test (tag "perf", excluded from the normal build; see docs/performance.md for
 * the command). Starts its own embedded PostgreSQL with durable defaults (fsync on), as the app and platform
 * roles through HikariCP, and measures: tenant resolution by called number without any cache (p50/p99), and
 * call-log + transcript-segment write throughput. Prints a report and writes target/perf-persistence.txt.
 */
@Tag("perf")
class PersistencePerfTest {
    private static final int TENANTS = 2_000;
    private final PerfReport report = new PerfReport();

    private void line(String format, Object... args) {
        report.line(format, args);
    }

    private void latencies(String what, long[] nanos) {
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1_000.0;
        line("%-58s n=%6d  p50=%7.0f µs  p99=%7.0f µs  max=%7.0f µs  mean=%7.0f µs", what, nanos.length,
                PerfReport.percentile(nanos, 50) / 1_000.0, PerfReport.percentile(nanos, 99) / 1_000.0,
                nanos[nanos.length - 1] / 1_000.0, mean);
    }

    @Test
    void measure() throws Exception {
        try (TestDatabase server = TestDatabase.startDurableForPerf()) {
            TestDatabase.Database db = server.database();
            report.header("");
            SupabaseStore store = db.store();
            List<PhoneNumber> numbers = new ArrayList<>();
            TenantSettings settings = TenantSettings.defaults().withCustomPhrases(List.of(
                    new CustomPhrase("conseiller Dupont", "impersonation", "fake_bank_adviser", 0.6),
                    new CustomPhrase("code de votre carte", "credential_request", "fake_bank_adviser", 0.9)));
            for (int i = 0; i < TENANTS; i++) {
                PhoneNumber n = server.uniqueNumber();
                store.tenants().create(new Tenant(TenantId.random(), "Perf " + i, AccountStatus.ACTIVE, n,
                        SipAddress.of("sip:perf" + i + "@perf.sip.example.com"), settings, Instant.now()));
                numbers.add(n);
            }
            line("%d tenants with settings and 2 custom phrases each", TENANTS);

            lookups("findByCalledNumber, 1 thread, session pool", store.tenants(), numbers, 1, 20_000);
            lookups("findByCalledNumber, 4 threads, session pool", store.tenants(), numbers, 4, 20_000);
            try (PooledDataSource txPlatform = db.newPlatformPool(4, true)) {
                Tenants viaPooler = db.storeBuilder().platformDataSource(txPlatform).build().tenants();
                lookups("findByCalledNumber, 1 thread, prepareThreshold=0", viaPooler, numbers, 1, 20_000);
            }
            TenantId tenant = store.tenants().findByCalledNumber(numbers.get(0)).orElseThrow().id();
            long[] findById = new long[5_000];
            for (int i = -1_000; i < findById.length; i++) {
                long t0 = System.nanoTime();
                store.tenants().findById(tenant);
                if (i >= 0) {
                    findById[i] = System.nanoTime() - t0;
                }
            }
            latencies("findById (tenant transaction: set_config + select + commit)", findById);

            writes("call log + 30 segments + end, 1 thread", store.callLogs(), tenant, 1, 200);
            writes("call log + 30 segments + end, 4 threads", store.callLogs(), tenant, 4, 400);
            report.save("perf-persistence.txt");
        }
    }

    private void lookups(String what, Tenants tenants, List<PhoneNumber> numbers, int threads, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int warm = 0; warm < 3_000; warm++) {
                tenants.findByCalledNumber(numbers.get(ThreadLocalRandom.current().nextInt(numbers.size())));
            }
            int perThread = total / threads;
            List<Future<long[]>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] nanos = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        PhoneNumber n = numbers.get(ThreadLocalRandom.current().nextInt(numbers.size()));
                        long t0 = System.nanoTime();
                        assertThat(tenants.findByCalledNumber(n)).isPresent();
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return nanos;
                }));
            }
            long[] all = new long[perThread * threads];
            int k = 0;
            for (Future<long[]> f : futures) {
                for (long v : f.get(10, TimeUnit.MINUTES)) {
                    all[k++] = v;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            latencies(what, all);
            line("%-58s %,.0f lookups/s", "", all.length / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private void writes(String what, CallLogs logs, TenantId tenant, int threads, int calls) throws Exception {
        int segmentsPerCall = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            long start = System.nanoTime();
            int perThread = calls / threads;
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] appendNanos = new long[perThread * segmentsPerCall];
                    int k = 0;
                    for (int c = 0; c < perThread; c++) {
                        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
                        Instant at = Instant.now();
                        logs.open(CallLog.started(tenant, sid, "+33612345678", at, CallProtection.PROTECTED));
                        logs.updateState(tenant, sid, CallState.IN_PROGRESS, at);
                        for (int s = 0; s < segmentsPerCall; s++) {
                            TranscriptSegment seg = new TranscriptSegment(s % 2 == 0 ? Speaker.CALLER : Speaker.CALLEE, s / 2,
                                    "Bonjour madame, je suis votre conseiller, il me faut le code reçu par SMS " + s, true,
                                    Duration.ofMillis(s * 2_000L), Duration.ofMillis(s * 2_000L + 1_500), 0.9);
                            long t0 = System.nanoTime();
                            logs.appendSegment(tenant, sid, seg);
                            appendNanos[k++] = System.nanoTime() - t0;
                        }
                        logs.updateState(tenant, sid, CallState.ENDED, Instant.now());
                    }
                    return appendNanos;
                }));
            }
            List<long[]> parts = new ArrayList<>();
            for (Future<long[]> f : futures) {
                parts.add(f.get(10, TimeUnit.MINUTES));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
            latencies("appendSegment (" + what + ")", all);
            line("%-58s %,.0f segments/s, %,.1f calls/s (%d calls, %.1f s)", what, all.length / seconds,
                    (perThread * threads) / seconds, perThread * threads, seconds);
        } finally {
            pool.shutdownNow();
        }
    }
}
