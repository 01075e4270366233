package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GDPR erasure: personal data gone, billing and the audit chain kept anonymous, the number quarantined. */
class AccountEraserTest {
    private static final Instant NOW = Instant.parse("2026-05-01T09:00:00Z");

    private final TestDatabase.Database db = TestDatabase.shared().freshDatabase();
    private final MutableClock clock = new MutableClock(NOW);
    // every country re-assigns here: this suite checks the quarantine (the French rule has its own test below)
    private final SupabaseStore store = db.storeBuilder().clock(clock).numberQuarantine(Duration.ofDays(90))
            .poolReassignment(com.ethiq.core.management.onboarding.PoolReassignment.ALWAYS).build();

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private Object one(String sql, Object... params) throws Exception {
        try (Connection c = db.superuserDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        }
    }

    private void exec(String sql, Object... params) throws Exception {
        try (Connection c = db.superuserDataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    /** A tenant with a number from the pool, an owning user and data in every table. */
    private TenantId populated(String region) throws Exception {
        TenantId t = TenantId.random();
        store.tenants().create(new Tenant(t, "Marie Martin", com.ethiq.core.domain.AccountStatus.ACTIVE, null,
                com.ethiq.core.domain.SipAddress.of("sip:marie" + t.value().toString().substring(0, 8) + "@home.sip.example.com"),
                com.ethiq.core.domain.TenantSettings.defaults(), NOW));
        store.numberPool().add(TestDatabase.shared().uniqueNumber(), region);
        store.numberPool().assign(t, region, NOW).orElseThrow();
        UUID user = UUID.randomUUID();
        exec("insert into ethiq.users (id, email, password_hash) values (?, ?, 'argon2id$...')", user, "marie" + user + "@example.com");
        exec("update ethiq.accounts set user_id = ? where id = ?", user, t.value());
        PhoneNumber contactPhone = TestDatabase.shared().uniqueNumber();
        store.emergencyContacts().add(new EmergencyContact(UUID.randomUUID(), t, "Sophie", contactPhone, "fille", NOW));
        CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
        store.callLogs().open(CallLog.started(t, sid, "+33611223344", NOW, CallProtection.PROTECTED));
        store.callLogs().appendSegment(t, sid, TranscriptSegment.finalText(Speaker.CALLER, 0, "donnez-moi votre code"));
        store.speechScripts().append(t, sid, Speaker.CALLER, List.of("donnez-moi votre code"));
        store.callLogs().recordAiAnalysis(t, sid, new AiAnalysis(true, 0.9, ScamCategory.FAKE_BANK_ADVISER, List.of("code"),
                List.of(0), "Attention", "m", new TokenUsage(5, 5)));
        store.alertOutbox().enqueue(Alert.pending(UUID.randomUUID(), t, sid, new AlertRecipient.Phone(contactPhone), "Alerte",
                Language.FRENCH, NOW));
        store.usageLedger().record(new UsageEvent(UUID.randomUUID(), t, sid, UsageKind.CALLS, 1, NOW, ""));
        store.usageLedger().record(new UsageEvent(UUID.randomUUID(), t, sid, UsageKind.SMS_SENT, 1, NOW, ""));
        store.auditTrail().append(new AuditEvent(UUID.randomUUID(), t, "user:" + user, "login", "", "198.51.100.23",
                "Mozilla/5.0 (Marie's tablet)", NOW, Map.of()));
        store.tenantSecrets().storeTelephony(t, new TelephonyCredentials("AC" + "0123456789abcdef".repeat(2), Secret.of("token-of-marie")));
        return t;
    }

    @Test
    void theErasureRetiresAFrenchNumberUnderTheDefaultRule() throws Exception {
        String region = "ERASE-" + UUID.randomUUID().toString().substring(0, 8);
        TenantId marie = populated(region);
        PhoneNumber number = store.tenants().findById(marie).orElseThrow().twilioNumber();
        assertThat(number.e164()).startsWith("+33");
        SupabaseStore defaults = db.storeBuilder().clock(clock).numberQuarantine(Duration.ofDays(90)).build();

        AccountEraser.Report report = defaults.accountEraser().erase(marie, "operator:42");

        assertThat(report.numberAvailableAt()).isEqualTo(com.ethiq.core.port.NumberPool.RETIRED);
        assertThat(defaults.numberPool().entries()).filteredOn(e -> e.number().equals(number)).singleElement()
                .satisfies(e -> assertThat(e.retired()).isTrue());
    }

    @Test
    void erasureRemovesPersonalDataKeepsBillingAndTheAnonymousAuditChain() throws Exception {
        String region = "ERASE-" + UUID.randomUUID().toString().substring(0, 8);
        TenantId marie = populated(region);
        TenantId other = populated(region + "b");
        Tenant before = store.tenants().findById(marie).orElseThrow();
        PhoneNumber number = before.twilioNumber();
        UUID user = (UUID) one("select user_id from ethiq.accounts where id = ?", marie.value());
        long auditEntriesBefore = (Long) one("select count(*) from ethiq.audit_log where account_id = ?", marie.value());

        AccountEraser.Report report = store.accountEraser().erase(marie, "operator:42");

        assertThat(report.erased()).isTrue();
        assertThat(report.deleted()).containsEntry("emergency_contacts", 1).containsEntry("transcript_segments", 1)
                .containsEntry("tenant_credentials", 1).containsEntry("alerts", 1).containsEntry("tenant_settings", 1)
                .containsEntry("audit_log_context", 1).containsEntry("call_logs_anonymised", 1).containsEntry("users", 1)
                .containsEntry("sim_speech_lines", 1);
        assertThat(report.quarantinedNumber()).contains(number);
        assertThat(report.numberAvailableAt()).isEqualTo(NOW.plus(Duration.ofDays(90)));

        // gone from the product
        assertThat(store.tenants().findById(marie)).isEmpty();
        assertThat(store.tenants().findByCalledNumber(number)).isEmpty();
        assertThat(store.emergencyContacts().list(marie)).isEmpty();
        assertThat(store.tenantSecrets().telephony(marie)).isEmpty();
        assertThat(store.alertOutbox().recent(marie, 10)).isEmpty();
        // personal columns cleared, facts kept
        CallLog log = store.callLogs().recent(marie, null, 10).get(0);
        assertThat(log.caller()).isEmpty();
        assertThat(log.ai()).isEmpty();
        assertThat(store.callLogs().transcript(marie, log.callSid())).isEmpty();
        assertThat(one("select count(*) from ethiq.sim_speech_lines where account_id = ?", marie.value())).isEqualTo(0L);
        assertThat(one("select count(*) from ethiq.call_logs where account_id = ? and (transcript is not null or caller_number is not null)",
                marie.value())).isEqualTo(0L);
        assertThat(one("select display_name is null and sip_address is null and twilio_phone_number is null and user_id is null "
                + "and status = 'cancelled' and erased_at is not null from ethiq.accounts where id = ?", marie.value())).isEqualTo(true);
        assertThat(one("select count(*) from ethiq.users where id = ?", user)).isEqualTo(0L);
        // billing kept
        assertThat(store.usageLedger().monthly(marie, YearMonth.of(2026, 5)).total(UsageKind.CALLS)).isEqualTo(1);
        // audit chain kept, without IP or user agent, plus the erasure itself
        assertThat(one("select count(*) from ethiq.audit_log where account_id = ?", marie.value())).isEqualTo(auditEntriesBefore + 1);
        assertThat(store.auditTrail().recent(marie, 100)).allSatisfy(e -> {
            assertThat(e.ip()).isEmpty();
            assertThat(e.userAgent()).isEmpty();
        });
        assertThat(store.auditTrail().recent(marie, 1)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("account.erased");
            assertThat(e.actor()).isEqualTo("operator:42");
            assertThat(e.details()).containsEntry("emergency_contacts", "1").doesNotContainValue(number.e164());
        });
        // the number rests in quarantine before anyone else gets it
        TenantId newcomer = db.newTenant();
        store.tenants().findById(newcomer).orElseThrow();
        assertThat(store.numberPool().entries()).filteredOn(e -> e.number().equals(number)).singleElement()
                .satisfies(e -> assertThat(e.assignedTo()).isNull());
        TenantId waiting = TenantId.random();
        store.tenants().create(new Tenant(waiting, "Paul", com.ethiq.core.domain.AccountStatus.PROVISIONING, null,
                com.ethiq.core.domain.SipAddress.of("sip:paul@home.sip.example.com"), com.ethiq.core.domain.TenantSettings.defaults(), NOW));
        assertThat(store.numberPool().assign(waiting, region, NOW.plus(Duration.ofDays(89)))).isEmpty();
        assertThat(store.numberPool().assign(waiting, region, NOW.plus(Duration.ofDays(90)))).contains(number);

        // the other tenant is untouched, a second erasure does nothing
        assertThat(store.tenants().findById(other)).isPresent();
        assertThat(store.emergencyContacts().list(other)).hasSize(1);
        assertThat(store.tenantSecrets().telephony(other)).isPresent();
        assertThat(store.accountEraser().erase(marie, "operator:42").erased()).isFalse();
        assertThat(store.accountEraser().erase(TenantId.random(), "operator:42").erased()).isFalse();
    }

    @Test
    void aUserWhoStillHoldsAnotherAccountIsKept() throws Exception {
        TenantId first = populated("KEEP-" + UUID.randomUUID().toString().substring(0, 8));
        TenantId second = db.newTenant();
        UUID user = (UUID) one("select user_id from ethiq.accounts where id = ?", first.value());
        exec("update ethiq.accounts set user_id = ? where id = ?", user, second.value());

        assertThat(store.accountEraser().erase(first, "user:" + user).deleted()).containsEntry("users", 0);
        assertThat(one("select count(*) from ethiq.users where id = ?", user)).isEqualTo(1L);
    }
}
