package com.ethiq.adapter.supabase;

import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.core.usecase.TranscriptRetention;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each tenant's retention, applied by the core's retention use case through this store's one-statement purge, audited per tenant. */
class JdbiTranscriptPurgeTest {
    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

    private final TestDatabase.Database db = TestDatabase.shared().freshDatabase();
    private final MutableClock clock = new MutableClock(START);
    private final SupabaseStore store = db.storeBuilder().clock(clock).build();
    private final TranscriptRetention retention = new TranscriptRetention(store.transcriptPurge(), clock);

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private CallSid call(TenantId tenant, Instant startedAt, int segments) {
        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        store.callLogs().open(CallLog.started(tenant, sid, "+33612345678", startedAt, CallProtection.PROTECTED));
        for (int i = 0; i < segments; i++) {
            store.callLogs().appendSegment(tenant, sid, TranscriptSegment.finalText(Speaker.CALLER, i, "phrase " + i));
        }
        store.callLogs().recordAiAnalysis(tenant, sid, new AiAnalysis(true, 0.8, ScamCategory.FAKE_POLICE, List.of("quote"),
                List.of(0), "Attention", "m", new TokenUsage(10, 2)));
        store.callLogs().updateState(tenant, sid, CallState.ENDED, startedAt.plusSeconds(60));
        return sid;
    }

    private String transcriptColumn(TenantId tenant, CallSid sid) throws Exception {
        try (Connection c = db.superuserDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select transcript from ethiq.call_logs where account_id = ? and call_sid = ?")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, sid.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void transcriptsOlderThanEachTenantsRetentionArePurgedAndAudited() throws Exception {
        TenantId weekly = db.newTenant();
        TenantId quarterly = db.newTenant();
        // clear calls kept as long as the others here: this test is about each tenant's own retention
        store.tenants().updateSettings(weekly, TenantSettings.defaults().withRetention(Duration.ofDays(7))
                .withClearCallRetention(Duration.ofDays(7)));
        store.tenants().updateSettings(quarterly, TenantSettings.defaults().withRetention(Duration.ofDays(90))
                .withClearCallRetention(Duration.ofDays(90)));
        CallSid weeklyOld = call(weekly, START, 3);
        CallSid weeklyNew = call(weekly, START.plus(Duration.ofDays(6)), 2);
        CallSid quarterlyOld = call(quarterly, START, 4);
        assertThat(transcriptColumn(weekly, weeklyOld)).isEqualTo("caller: phrase 0\ncaller: phrase 1\ncaller: phrase 2");

        clock.set(START.plus(Duration.ofDays(8)));
        TranscriptRetention.Report first = retention.purgeExpired();

        assertThat(first.byTenant()).containsOnlyKeys(weekly);
        assertThat(first.byTenant().get(weekly)).isEqualTo(new TranscriptPurge.Purged(3, 1));
        assertThat(store.callLogs().transcript(weekly, weeklyOld)).isEmpty();
        assertThat(store.callLogs().find(weekly, weeklyOld).orElseThrow().ai()).isEmpty();
        assertThat(transcriptColumn(weekly, weeklyOld)).isNull();
        assertThat(store.callLogs().find(weekly, weeklyOld).orElseThrow().verdict()).isEqualTo("clear");
        assertThat(store.callLogs().transcript(weekly, weeklyNew)).hasSize(2);
        assertThat(store.callLogs().transcript(quarterly, quarterlyOld)).hasSize(4);
        assertThat(store.auditTrail().recent(weekly, 1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("retention.purged");
            assertThat(e.details()).containsEntry("segments", "3").containsEntry("calls", "1");
        });

        assertThat(retention.purgeExpired().byTenant()).isEmpty();

        clock.set(START.plus(Duration.ofDays(91)));
        TranscriptRetention.Report later = retention.purgeExpired();
        assertThat(later.byTenant()).containsOnlyKeys(weekly, quarterly);
        assertThat(later.segments()).isEqualTo(2 + 4);
        assertThat(store.callLogs().transcript(quarterly, quarterlyOld)).isEmpty();
        assertThat(store.callLogs().find(quarterly, quarterlyOld)).isPresent();
    }

    @Test
    void clearCallsAreKeptAWeekAndScamOrSuspectCallsTheAccountsRetention() {
        TenantId family = db.newTenant();
        assertThat(store.tenants().findById(family).orElseThrow().settings().clearCallRetention()).isEqualTo(Duration.ofDays(7));
        CallSid clear = call(family, START, 2);
        CallSid scam = call(family, START, 3);
        store.callLogs().recordVerdict(family, scam, new Verdict.Scam(0.9, ScamCategory.FAKE_POLICE, List.of(), "x"));
        CallSid suspect = call(family, START, 1);
        store.callLogs().recordVerdict(family, suspect, new Verdict.Suspicious(0.5, ScamCategory.FAKE_POLICE, List.of(), "x"));

        clock.set(START.plus(Duration.ofDays(6)));
        assertThat(retention.purgeExpired().byTenant()).isEmpty();
        clock.set(START.plus(Duration.ofDays(8)));
        assertThat(retention.purgeExpired().byTenant().get(family)).isEqualTo(new TranscriptPurge.Purged(2, 1));
        assertThat(store.callLogs().transcript(family, clear)).isEmpty();
        assertThat(store.callLogs().transcript(family, scam)).hasSize(3);
        assertThat(store.callLogs().transcript(family, suspect)).hasSize(1);

        // a longer clear-call retention is stored and read back; it never outlives the account's retention
        store.tenants().updateSettings(family, TenantSettings.defaults().withClearCallRetention(Duration.ofDays(30)));
        assertThat(store.tenants().findById(family).orElseThrow().settings().clearCallRetention()).isEqualTo(Duration.ofDays(30));
        clock.set(START.plus(Duration.ofDays(91)));
        assertThat(retention.purgeExpired().segments()).isEqualTo(3 + 1);
    }

    @Test
    void aRetentionOfOneDayKeepsTheLastDay() {
        TenantId daily = db.newTenant();
        store.tenants().updateSettings(daily, TenantSettings.defaults().withRetention(Duration.ofDays(1)));
        CallSid sid = call(daily, START, 1);

        clock.set(START.plus(Duration.ofHours(23)));
        assertThat(retention.purgeExpired().byTenant()).isEmpty();
        clock.set(START.plus(Duration.ofHours(25)));
        assertThat(retention.purgeExpired().segments()).isEqualTo(1);
        assertThat(store.callLogs().transcript(daily, sid)).isEmpty();
    }
}
