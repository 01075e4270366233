package com.ethiq.app.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.RosterTenants;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Transcripts are kept as long as each tenant chose, and not a day more. */
class RetentionJobTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final RosterTenants tenants = new RosterTenants(new InMemoryTenants());
    private final InMemoryCallLogs callLogs = new InMemoryCallLogs();

    private Tenant tenant(String number, Duration retention) {
        TenantId id = TenantId.random();
        Tenant t = new Tenant(id, "T " + number, AccountStatus.ACTIVE, PhoneNumber.of(number),
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@x.sip.twilio.com"),
                TenantSettings.defaults().withRetention(retention), clock.instant());
        tenants.create(t);
        return t;
    }

    private CallSid call(Tenant t, String sid) {
        CallSid c = CallSid.of(sid);
        callLogs.open(CallLog.started(t.id(), c, "+33612345678", clock.instant(), CallProtection.PROTECTED));
        callLogs.appendSegment(t.id(), c, TranscriptSegment.finalText(Speaker.CALLER, 0, "bonjour"));
        return c;
    }

    @Test
    void purgesOnlyTranscriptsOlderThanEachTenantsRetention() {
        Tenant shortKeep = tenant("+33970000101", Duration.ofDays(1));
        Tenant longKeep = tenant("+33970000102", Duration.ofDays(30));
        CallSid oldShort = call(shortKeep, "CAold1");
        CallSid oldLong = call(longKeep, "CAold2");
        clock.advance(Duration.ofDays(2));
        CallSid recentShort = call(shortKeep, "CAnew1");
        RetentionJob job = new RetentionJob(tenants, callLogs, clock);

        assertThat(job.purge()).isEqualTo(1);
        assertThat(callLogs.transcript(shortKeep.id(), oldShort)).isEmpty();
        assertThat(callLogs.transcript(shortKeep.id(), recentShort)).hasSize(1);
        assertThat(callLogs.transcript(longKeep.id(), oldLong)).hasSize(1);
        assertThat(job.purge()).as("idempotent").isZero();
    }
}
