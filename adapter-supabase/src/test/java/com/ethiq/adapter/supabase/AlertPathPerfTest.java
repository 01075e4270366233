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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final PerfReport report = new PerfReport();

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
            report.header("%d pairs (3 alerts each)", PAIRS);
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
            report.line("old: 3 × enqueue + claimDue + findById   %s", PerfReport.millis(old));
            report.line("new: enqueueClaimed (one transaction)    %s", PerfReport.millis(now));
            report.line("new/old, pair by pair: %s", PerfReport.ratios(old, now));
            report.save("perf-alert-path.txt");
        }
    }
}
