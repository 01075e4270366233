package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.ConferenceName;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.AlertOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurement harness (tag "perf", excluded from the normal build; command in docs/performance.md): the store's share
 * of the scam verdict → first send path, on embedded PostgreSQL with fsync, old path and new path alternated in the
 * same sitting so the noisy shared machine drifts equally on both.
 * <ul>
 *   <li>old (until issue 20's fix): each alert recorded in its own transaction, then a worker's claim (a transaction
 *       that also writes an audit entry), then the tenant read, then the send;</li>
 *   <li>new: the alerts recorded in one transaction already leased to the node ({@code enqueueClaimed}), then the
 *       send. Marking sent comes after the send on both paths and is not timed.</li>
 * </ul>
 */
@Tag("perf")
class AlertPathPerfTest {
    private static final int PAIRS = 400;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final StringBuilder report = new StringBuilder();

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        report.append(s).append('\n');
    }

    private static double percentileMs(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static List<Alert> alertsOf(TenantId tenant, int attempts) {
        CallSid call = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        Instant now = Instant.now();
        List<Alert> all = new ArrayList<>();
        all.add(Alert.pending(UUID.randomUUID(), tenant, call, new AlertRecipient.Conference(ConferenceName.forCall(tenant, call)),
                "Attention, cet appel ressemble à une arnaque.", Language.FRENCH, now));
        for (String n : List.of("+33611111111", "+33622222222")) {
            all.add(Alert.pending(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of(n)),
                    "Alerte Ethiq : appel suspect en cours.", Language.FRENCH, now));
        }
        return all.stream().map(a -> new Alert(a.id(), a.tenant(), a.callSid(), a.recipient(), a.message(), a.language(),
                a.status(), attempts, a.createdAt(), a.nextAttemptAt(), null, null, null)).toList();
    }

    @Test
    void measure() throws Exception {
        try (TestDatabase server = TestDatabase.startDurableForPerf()) {
            SupabaseStore store = server.database().store();
            AlertOutbox outbox = store.alertOutbox();
            Tenant tenant = new Tenant(TenantId.random(), "Perf alerts", AccountStatus.ACTIVE, server.uniqueNumber(),
                    SipAddress.of("sip:perf-alerts@perf.sip.example.com"), TenantSettings.defaults(), Instant.now());
            store.tenants().create(tenant);
            line("PostgreSQL 17 embedded (fsync on, synchronous_commit on), %d cores, load average %s, %d pairs (3 alerts each)",
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0], PAIRS);
            long[] old = new long[PAIRS];
            long[] now = new long[PAIRS];
            for (int i = -50; i < PAIRS; i++) {
                List<Alert> a = alertsOf(tenant.id(), 0);
                long t0 = System.nanoTime();
                for (Alert alert : a) {
                    outbox.enqueue(alert);
                }
                List<Alert> claimed = outbox.claimDue(Instant.now(), 50, LEASE);
                store.tenants().findById(tenant.id());
                long oldNanos = System.nanoTime() - t0;
                assertThat(claimed).hasSizeGreaterThanOrEqualTo(3);
                claimed.forEach(c -> outbox.markSent(c.tenant(), c.id(), Instant.now(), "SM" + c.id()));

                List<Alert> b = alertsOf(tenant.id(), 1);
                long t1 = System.nanoTime();
                List<Alert> recorded = outbox.enqueueClaimed(b, Instant.now().plus(LEASE));
                long newNanos = System.nanoTime() - t1;
                assertThat(recorded).hasSize(3);
                recorded.forEach(c -> outbox.markSent(c.tenant(), c.id(), Instant.now(), "SM" + c.id()));
                if (i >= 0) {
                    old[i] = oldNanos;
                    now[i] = newNanos;
                }
            }
            double[] ratios = new double[PAIRS];
            for (int i = 0; i < PAIRS; i++) {
                ratios[i] = (double) now[i] / old[i];
            }
            Arrays.sort(old);
            Arrays.sort(now);
            Arrays.sort(ratios);
            line("old: 3 × enqueue + claimDue + findById   p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms",
                    percentileMs(old, 50), percentileMs(old, 90), percentileMs(old, 99), old[PAIRS - 1] / 1e6);
            line("new: enqueueClaimed (one transaction)    p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms",
                    percentileMs(now, 50), percentileMs(now, 90), percentileMs(now, 99), now[PAIRS - 1] / 1e6);
            line("new/old, pair by pair: median %.2f (p10 %.2f, p90 %.2f)", ratios[PAIRS / 2], ratios[PAIRS / 10], ratios[PAIRS * 9 / 10]);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "perf-alert-path.txt"), report.toString());
        }
    }
}
