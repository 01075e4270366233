package com.ethiq.adapter.supabase;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.CallLogsContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallLogs;

class JdbiCallLogsContractTest extends CallLogsContract {
    private final TestDatabase.Database db = TestDatabase.shared().database();

    @Override
    protected CallLogs create() {
        return db.store().callLogs();
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }

    /** Beyond the contract (a port default keeps other stores' behaviour): clear calls' segments only, this tenant's only. */
    @org.junit.jupiter.api.Test
    void purgingClearTranscriptsLeavesScamAndSuspectCallsAndOtherTenants() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T08:00:00Z");
        com.ethiq.core.domain.CallSid clear = call(a, t0);
        com.ethiq.core.domain.CallSid scam = call(a, t0);
        logs.recordVerdict(a, scam, new com.ethiq.core.detection.Verdict.Scam(0.9,
                com.ethiq.core.detection.ScamCategory.OTHER, java.util.List.of(), "x"));
        com.ethiq.core.domain.CallSid suspect = call(a, t0);
        logs.recordVerdict(a, suspect, new com.ethiq.core.detection.Verdict.Suspicious(0.5,
                com.ethiq.core.detection.ScamCategory.OTHER, java.util.List.of(), "x"));
        com.ethiq.core.domain.CallSid recent = call(a, t0.plusSeconds(3 * 86400));
        com.ethiq.core.domain.CallSid theirs = call(b, t0);

        org.assertj.core.api.Assertions.assertThat(logs.purgeClearTranscripts(a, t0.plusSeconds(86400))).isEqualTo(2);

        org.assertj.core.api.Assertions.assertThat(logs.transcript(a, clear)).isEmpty();
        org.assertj.core.api.Assertions.assertThat(logs.transcript(a, scam)).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(logs.transcript(a, suspect)).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(logs.transcript(a, recent)).hasSize(2);
        org.assertj.core.api.Assertions.assertThat(logs.transcript(b, theirs)).hasSize(2);
    }

    private com.ethiq.core.domain.CallSid call(TenantId t, java.time.Instant at) {
        com.ethiq.core.domain.CallSid sid = com.ethiq.core.domain.CallSid.of("CA" + java.util.UUID.randomUUID().toString().replace("-", ""));
        logs.open(com.ethiq.core.domain.CallLog.started(t, sid, "+33612345678", at, com.ethiq.core.domain.CallProtection.PROTECTED));
        for (int i = 0; i < 2; i++) {
            logs.appendSegment(t, sid, com.ethiq.core.domain.TranscriptSegment.finalText(com.ethiq.core.domain.Speaker.CALLER, i, "phrase " + i));
        }
        return sid;
    }
}
