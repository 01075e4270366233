package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.CallLogs;
import com.ethiq.core.port.TranscriptPurge;
import com.ethiq.core.port.TranscriptPurge.Purged;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Transcripts are kept as long as each tenant chose, and not a day more (moved from the app's RetentionJobTest). */
class TranscriptRetentionTest {
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final List<Tenant> tenants = new ArrayList<>();
    private final InMemoryCallLogs callLogs = new InMemoryCallLogs();

    private Tenant tenant(String number, Duration retention) {
        TenantId id = TenantId.random();
        Tenant t = new Tenant(id, "T " + number, AccountStatus.ACTIVE, PhoneNumber.of(number),
                SipAddress.of("sip:" + id.value().toString().substring(0, 8) + "@x.sip.twilio.com"),
                TenantSettings.defaults().withRetention(retention), clock.instant());
        tenants.add(t);
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
        TranscriptRetention retention = new TranscriptRetention(TranscriptPurge.perTenant(() -> tenants, callLogs), clock);

        TranscriptRetention.Report report = retention.purgeExpired();

        assertThat(report.ranAt()).isEqualTo(clock.instant());
        assertThat(report.byTenant()).containsExactly(Map.entry(shortKeep.id(), new Purged(1, 0)));
        assertThat(report.segments()).isEqualTo(1);
        assertThat(report.calls()).isZero();
        assertThat(callLogs.transcript(shortKeep.id(), oldShort)).isEmpty();
        assertThat(callLogs.transcript(shortKeep.id(), recentShort)).hasSize(1);
        assertThat(callLogs.transcript(longKeep.id(), oldLong)).hasSize(1);
        assertThat(retention.purgeExpired().segments()).as("idempotent").isZero();
    }

    @Test
    void clearCallsGoAfterTheShortClearCallRetentionOthersAfterTheAccounts() {
        Tenant family = tenant("+33970000103", Duration.ofDays(90));
        CallSid clear = call(family, "CAclear");
        CallSid scam = call(family, "CAscam");
        callLogs.recordVerdict(family.id(), scam, new com.ethiq.core.detection.Verdict.Scam(0.9,
                com.ethiq.core.detection.ScamCategory.FAKE_POLICE, List.of(), "x"));
        TranscriptRetention retention = new TranscriptRetention(TranscriptPurge.perTenant(() -> tenants, callLogs), clock);

        clock.advance(Duration.ofDays(6));
        assertThat(retention.purgeExpired().segments()).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(retention.purgeExpired().byTenant()).containsExactly(Map.entry(family.id(), new Purged(1, 0)));
        assertThat(callLogs.transcript(family.id(), clear)).isEmpty();
        assertThat(callLogs.transcript(family.id(), scam)).hasSize(1);
        assertThat(TenantSettings.defaults().withRetention(Duration.ofDays(3)).effectiveClearCallRetention()).isEqualTo(Duration.ofDays(3));
        assertThatThrownBy(() -> TenantSettings.defaults().withClearCallRetention(Duration.ZERO))
                .hasMessageStartingWith("'clearCallRetention' must be 1 to 3650 days");
    }

    @Test
    void aTenantWhosePurgeFailsDoesNotStopTheOthers() {
        Tenant broken = tenant("+33970000103", Duration.ofDays(1));
        Tenant fine = tenant("+33970000104", Duration.ofDays(1));
        call(broken, "CAold3");
        CallSid old = call(fine, "CAold4");
        clock.advance(Duration.ofDays(2));
        // the in-memory store, except that purging the broken tenant fails
        CallLogs failingForOne = (CallLogs) Proxy.newProxyInstance(CallLogs.class.getClassLoader(), new Class<?>[] {CallLogs.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("purgeTranscripts") && broken.id().equals(args[0])) {
                        throw new IllegalStateException("database down for this tenant");
                    }
                    try {
                        return method.invoke(callLogs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        TranscriptRetention.Report report = new TranscriptRetention(TranscriptPurge.perTenant(() -> tenants, failingForOne), clock)
                .purgeExpired();

        assertThat(report.byTenant()).containsOnlyKeys(fine.id());
        assertThat(callLogs.transcript(fine.id(), old)).isEmpty();
    }

    @Test
    void thePurgeIsAskedAtTheCoresClockAndItsReportKeptInOrder() {
        TenantId a = TenantId.random();
        TenantId b = TenantId.random();
        List<Instant> asked = new ArrayList<>();
        TranscriptPurge store = now -> {
            asked.add(now);
            Map<TenantId, Purged> out = new LinkedHashMap<>();
            out.put(b, new Purged(3, 1));
            out.put(a, new Purged(2, 2));
            return out;
        };

        TranscriptRetention.Report report = new TranscriptRetention(store, clock).purgeExpired();

        assertThat(asked).containsExactly(clock.instant());
        assertThat(report.byTenant().keySet()).containsExactly(b, a);
        assertThat(report.segments()).isEqualTo(5);
        assertThat(report.calls()).isEqualTo(3);
        assertThatThrownBy(() -> report.byTenant().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new TranscriptRetention(TranscriptPurge.NONE, clock).purgeExpired().byTenant()).isEmpty();
    }

    @Test
    void countsCannotBeNegativeAndPartsAreRequired() {
        assertThatThrownBy(() -> new Purged(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Purged(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscriptRetention(null, clock)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TranscriptPurge.perTenant(null, callLogs)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TranscriptPurge.perTenant(() -> tenants, null)).isInstanceOf(NullPointerException.class);
    }
}
