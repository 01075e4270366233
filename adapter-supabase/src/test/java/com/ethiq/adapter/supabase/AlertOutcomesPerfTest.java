package com.ethiq.adapter.supabase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AlertOutbox;
import com.ethiq.core.port.AlertOutcomes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measurement harness (tag "perf", excluded from the normal build; command in docs/performance.md): the store work of
 * a clump of scams' send outcomes (each scam: an announcement and two SMS sent), on embedded PostgreSQL with fsync,
 * old and new alternated clump by clump so the shared machine's drift hits both alike.
 * <ul>
 *   <li>old (until this change): per alert, mark sent, usage, audit: three transactions, three commits;</li>
 *   <li>new: {@link AlertOutcomes#recordAll} of the whole clump: one transaction, one commit.</li>
 * </ul>
 */
@Tag("perf")
class AlertOutcomesPerfTest {
    private static final int CLUMPS = 200;
    private static final int SCAMS_PER_CLUMP = 4;
    private final PerfReport report = new PerfReport();

    /** A clump's alerts, recorded leased as a raised scam's are (three per scam; SMS rows, the kind does not matter here). */
    private static List<Alert> clump(List<TenantId> tenants, AlertOutbox outbox) {
        List<Alert> all = new ArrayList<>();
        for (int s = 0; s < SCAMS_PER_CLUMP; s++) {
            TenantId tenant = tenants.get(s % tenants.size());
            CallSid call = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
            List<Alert> scam = new ArrayList<>();
            for (String n : List.of("+33611111111", "+33622222222", "+33633333333")) {
                scam.add(new Alert(UUID.randomUUID(), tenant, call, new AlertRecipient.Phone(PhoneNumber.of(n)), "Alerte Ethiq",
                        Language.FRENCH, com.ethiq.core.domain.AlertStatus.PENDING, 1, Instant.now(), Instant.now(), null, null, null));
            }
            assertThat(outbox.enqueueClaimed(scam, Instant.now().plusSeconds(30))).hasSize(3);
            all.addAll(scam);
        }
        return all;
    }

    private static AlertOutcomes.Sent sent(Alert a) {
        Instant at = Instant.now();
        return new AlertOutcomes.Sent(a, at, "SM" + a.id(),
                new UsageEvent(UUID.randomUUID(), a.tenant(), a.callSid(), UsageKind.SMS_SENT, 1, at, "sms"),
                AuditEvent.system(UUID.randomUUID(), a.tenant(), "alert.sent", a.id().toString(), at, Map.of("kind", "sms")));
    }

    @Test
    void measure() throws Exception {
        try (TestDatabase server = TestDatabase.startDurableForPerf()) {
            TestDatabase.Database db = server.database();
            SupabaseStore store = db.store();
            List<TenantId> tenants = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Tenant t = new Tenant(TenantId.random(), "Perf outcomes " + i, AccountStatus.ACTIVE, server.uniqueNumber(),
                        SipAddress.of("sip:perf-outcomes" + i + "@perf.sip.example.com"), TenantSettings.defaults(), Instant.now());
                store.tenants().create(t);
                tenants.add(t.id());
            }
            report.header("%d clumps of %d scams (3 sent alerts each, %d tenants)", CLUMPS, SCAMS_PER_CLUMP, tenants.size());
            long[] old = new long[CLUMPS];
            long[] now = new long[CLUMPS];
            for (int i = -20; i < CLUMPS; i++) {
                List<Alert> a = clump(tenants, store.alertOutbox());
                long t0 = System.nanoTime();
                for (Alert alert : a) {
                    AlertOutcomes.Sent s = sent(alert);
                    store.alertOutbox().markSent(alert.tenant(), alert.id(), s.at(), s.providerReference());
                    store.usageLedger().record(s.usage());
                    store.auditTrail().append(s.audit());
                }
                long oldNanos = System.nanoTime() - t0;

                List<Alert> b = clump(tenants, store.alertOutbox());
                long t1 = System.nanoTime();
                List<AlertOutcomes.Outcome> recorded = store.alertOutcomes().recordAll(b.stream().map(AlertOutcomesPerfTest::sent).toList());
                long newNanos = System.nanoTime() - t1;
                assertThat(recorded).hasSize(b.size());
                if (i >= 0) {
                    old[i] = oldNanos;
                    now[i] = newNanos;
                }
            }
            int outcomes = SCAMS_PER_CLUMP * 3;
            report.line("old: %d × (markSent + usage + audit), %d commits   %s", outcomes, outcomes * 3, PerfReport.millis(old));
            report.line("new: recordAll of %d outcomes, 1 commit             %s", outcomes, PerfReport.millis(now));
            report.line("new/old, clump by clump: %s", PerfReport.ratios(old, now));
            report.save("perf-alert-outcomes.txt");
        }
    }
}
