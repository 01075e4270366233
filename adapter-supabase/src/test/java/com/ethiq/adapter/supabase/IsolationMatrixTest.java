package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.PhoneNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.CallLog;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.CallState;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.port.CallerReports;
import com.ethiq.core.domain.EmergencyContact;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.domain.TranscriptSegment;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.ScamAnalyzer.AiAnalysis;
import com.ethiq.core.port.ScamAnalyzer.TokenUsage;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;

/**
 * Tenant A, connected as the app role, tries to read, change, delete, insert, move and probe tenant B's rows in
 * every tenant table (raw SQL: supabase-and-rls.md §5-§6 items 7, 8, 10) and through every repository method
 * that takes ids. Each attempt must touch nothing of B (0 rows, or refused), and B's rows are fingerprinted before
 * and after: any change fails the test. The number of attempts is counted and printed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixTest {
    private static final Set<String> REFUSED = Set.of("42501", "23503", "23514", "0A000", "22P02");
    private static final List<String> TENANT_TABLES = List.of("tenant_settings", "custom_phrases", "emergency_contacts",
            "call_logs", "transcript_segments", "alerts", "usage_events", "audit_log", "audit_log_context", "tenant_credentials", "known_callers", "caller_reports", "caller_reputation_optins",
            "family_links", "family_actions");

    private final TestDatabase.Database db = TestDatabase.shared().database();
    private final SupabaseStore store = db.store();
    private DataSource app;
    private TenantId a;
    private TenantId b;
    private UUID bContact;
    private UUID bKnownCaller;
    /** Both tenants reported the same caller: A must still see only its own report. */
    private static final String SHARED_FINGERPRINT = "A".repeat(43);
    private String bKnownCallerPhone;
    private String bContactPhone;
    private CallSid bCall;
    private com.ethiq.core.family.FamilyLink bLink;
    private UUID bCallLogId;
    private UUID bAlert;
    private UUID bUsage;
    private UUID bAudit;
    private Map<String, String> fingerprintBefore;
    private int attempts;
    private final Map<String, Integer> perTable = new LinkedHashMap<>();

    @BeforeAll
    void populateTwoTenants() throws SQLException {
        app = db.appDataSource();
        a = db.newTenant();
        b = db.newTenant();
        for (TenantId t : List.of(a, b)) {
            store.tenants().updateSettings(t, TenantSettings.defaults().withCustomPhrases(List.of(
                    new CustomPhrase("conseiller " + t.value().toString().substring(0, 6), "impersonation", "fake_bank_adviser", 0.5))));
            EmergencyContact c = new EmergencyContact(UUID.randomUUID(), t, "Sophie", TestDatabase.shared().uniqueNumber(), "fille",
                    Instant.parse("2026-03-01T10:00:00Z"));
            store.emergencyContacts().add(c);
            KnownCaller listed = new KnownCaller(UUID.randomUUID(), t, TestDatabase.shared().uniqueNumber(), "Démarcheur",
                    CallerListing.BLOCKED_REJECT, Instant.parse("2026-03-01T10:00:00Z"));
            store.knownCallers().add(listed);
            store.callerReports().setOptIn(t, true, Instant.parse("2026-03-01T10:00:00Z"));
            store.callerReports().report(new CallerReports.Report(t, CallSid.of("CArep" + t.value().toString().substring(0, 8)),
                    SHARED_FINGERPRINT, ScamCategory.FAKE_BANK_ADVISER, java.time.LocalDate.of(2026, 3, 1), Instant.parse("2026-03-01T10:00:00Z")));
            CallSid sid = CallSid.of("CA" + UUID.randomUUID().toString().replace("-", ""));
            store.callLogs().open(CallLog.started(t, sid, "+33612345678", Instant.parse("2026-03-01T10:00:00Z"), CallProtection.PROTECTED));
            store.callLogs().appendSegment(t, sid, TranscriptSegment.finalText(Speaker.CALLER, 0, "votre code s'il vous plaît"));
            store.callLogs().recordAiAnalysis(t, sid, new AiAnalysis(true, 0.9, ScamCategory.FAKE_BANK_ADVISER, List.of("code"),
                    List.of(0), "Attention", "m", new TokenUsage(1, 1)));
            Alert alert = Alert.pending(UUID.randomUUID(), t, sid, new AlertRecipient.Phone(c.phone()), "Alerte", Language.FRENCH,
                    Instant.parse("2026-03-01T10:00:01Z"));
            store.alertOutbox().enqueue(alert);
            UsageEvent usage = new UsageEvent(UUID.randomUUID(), t, sid, UsageKind.SMS_SENT, 1, Instant.parse("2026-03-01T10:00:02Z"), "");
            store.usageLedger().record(usage);
            AuditEvent audit = new AuditEvent(UUID.randomUUID(), t, "user:1", "contact.added", "contact", "198.51.100.1", "ua",
                    Instant.parse("2026-03-01T10:00:03Z"), Map.of());
            store.auditTrail().append(audit);
            store.tenantSecrets().storeTelephony(t, new TelephonyCredentials("AC" + "0123456789abcdef".repeat(2),
                    Secret.of("auth-token-of-" + t.value())));
            com.ethiq.core.family.FamilyLink link = com.ethiq.core.family.FamilyLink.issued(UUID.randomUUID(), t, sid, alert.id(),
                    c.id(), c.phone(), com.ethiq.core.family.FamilyTokens.hash(com.ethiq.core.family.FamilyTokens.newToken()),
                    Instant.parse("2026-03-01T10:00:01Z"));
            store.familyLinks().save(link);
            store.familyLinks().claimAction(new com.ethiq.core.family.FamilyActionTaken(t, sid, "handling", "contact:" + c.id(),
                    "Sophie", Instant.parse("2026-03-01T10:00:05Z")));
            if (t.equals(b)) {
                bLink = link;
                bContact = c.id();
                bContactPhone = c.phone().e164();
                bKnownCaller = listed.id();
                bKnownCallerPhone = listed.phone().e164();
                bCall = sid;
                bAlert = alert.id();
                bUsage = usage.id();
                bAudit = audit.id();
            }
        }
        try (Connection c = db.superuserDataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select id from ethiq.call_logs where account_id = ? and call_sid = ?")) {
            ps.setObject(1, b.value());
            ps.setString(2, bCall.value());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bCallLogId = rs.getObject(1, UUID.class);
            }
        }
        fingerprintBefore = fingerprint(b);
    }

    @AfterAll
    void bIsUntouchedAndTheCountIsReported() throws SQLException {
        assertThat(fingerprint(b)).isEqualTo(fingerprintBefore);
        System.out.println("isolation matrix: " + attempts + " attempts by tenant A on tenant B, 0 rows of B touched; per table: "
                + perTable);
        assertThat(attempts).isGreaterThanOrEqualTo(150);
    }

    /** A digest of every row of {@code tenant} in every tenant table, read as the superuser. */
    private Map<String, String> fingerprint(TenantId tenant) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.superuserDataSource().getConnection()) {
            List<String> tables = new ArrayList<>(TENANT_TABLES);
            tables.add("accounts");
            for (String table : tables) {
                String key = table.equals("accounts") ? "id" : "account_id";
                try (PreparedStatement ps = c.prepareStatement("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '')"
                        + " from ethiq." + table + " t where " + key + " = ?")) {
                    ps.setObject(1, tenant.value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        out.put(table, rs.getString(1));
                    }
                }
            }
        }
        assertThat(out.values()).noneMatch(v -> v.startsWith("0:"));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // raw SQL as the app role

    private void count(String table) {
        attempts++;
        perTable.merge(table, 1, Integer::sum);
    }

    /** Runs {@code sql} in a committed transaction as tenant {@code as}; returns rows returned or updated. */
    private int run(TenantId as, String sql, Object... params) throws SQLException {
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (as != null) {
                    try (PreparedStatement ps = c.prepareStatement("select set_config('app.current_account_id', ?, true)")) {
                        ps.setString(1, TestDatabase.CONTEXT_KEYS.tenantToken(as.value()));
                        ps.execute();
                    }
                }
                int n = execute(c, sql, params);
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            if (ps.execute()) {
                int rows = 0;
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
                return rows;
            }
            return ps.getUpdateCount();
        }
    }

    /** B's rows must not be reached: 0 rows, or refused by the database. */
    private void touchesNothing(String table, String sql, Object... params) throws SQLException {
        count(table);
        try {
            assertThat(run(a, sql, params)).as(sql).isZero();
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(sql + " → " + e.getMessage()).isIn(REFUSED);
        }
    }

    /** Must be refused outright (a write aimed at B, a forged key, a privilege the app role lacks). */
    private void refused(String table, TenantId as, String sql, Object... params) throws SQLException {
        count(table);
        try {
            int n = run(as, sql, params);
            fail("expected refusal, " + n + " row(s) for: " + sql);
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as(sql + " → " + e.getMessage()).isIn(REFUSED);
        }
    }

    /** Reads that must return no row of B. */
    private void readsNothing(String table, String where, Object... params) throws SQLException {
        touchesNothing(table, "select * from ethiq." + table + " where " + where, params);
    }

    @Test
    void readsOfBsRowsReturnNothing() throws SQLException {
        for (String table : TENANT_TABLES) {
            readsNothing(table, "account_id = ?", b.value());
            readsNothing(table, "account_id <> ?", a.value());
            readsNothing(table, "true and account_id is distinct from ?", a.value());
        }
        readsNothing("accounts", "id = ?", b.value());
        readsNothing("accounts", "id <> ?", a.value());
        // guessing B's ids and keys (ids are per tenant: A may hold a row with the same id, which is A's own)
        String notMine = " and account_id <> ?";
        readsNothing("emergency_contacts", "id = ?" + notMine, bContact, a.value());
        readsNothing("emergency_contacts", "phone_number = ?" + notMine, bContactPhone, a.value());
        readsNothing("known_callers", "id = ?" + notMine, bKnownCaller, a.value());
        readsNothing("caller_reports", "fingerprint = ?" + notMine, SHARED_FINGERPRINT, a.value());
        touchesNothing("caller_reports", "select count(distinct account_id) from ethiq.caller_reports where fingerprint = ? having count(distinct account_id) > 1",
                SHARED_FINGERPRINT);
        readsNothing("known_callers", "phone_number = ?" + notMine, bKnownCallerPhone, a.value());
        readsNothing("call_logs", "call_sid = ?" + notMine, bCall.value(), a.value());
        readsNothing("call_logs", "id = ?" + notMine, bCallLogId, a.value());
        readsNothing("transcript_segments", "call_log_id = ?" + notMine, bCallLogId, a.value());
        readsNothing("alerts", "id = ?" + notMine, bAlert, a.value());
        readsNothing("alerts", "idempotency_key like ?", b.value() + ":%");
        readsNothing("usage_events", "id = ?" + notMine, bUsage, a.value());
        readsNothing("family_links", "token_hash = ?", bLink.tokenHash());
        readsNothing("family_links", "call_sid = ?" + notMine, bCall.value(), a.value());
        readsNothing("family_actions", "call_sid = ?" + notMine, bCall.value(), a.value());
        readsNothing("audit_log", "id = ?" + notMine, bAudit, a.value());
        // joins and aggregates see the same filtered rows
        touchesNothing("call_logs", "select 1 from ethiq.call_logs c join ethiq.transcript_segments s "
                + "on s.account_id = c.account_id and s.call_log_id = c.id where c.account_id = ?", b.value());
        count("accounts");
        assertThat(run(a, "select 1 from ethiq.accounts")).isEqualTo(1);
    }

    @Test
    void updatesAndDeletesOfBsRowsTouchNothing() throws SQLException {
        touchesNothing("accounts", "update ethiq.accounts set display_name = 'hijacked' where id = ?", b.value());
        touchesNothing("accounts", "update ethiq.accounts set status = 'cancelled' where id <> ?", a.value());
        touchesNothing("accounts", "delete from ethiq.accounts where id = ?", b.value());
        touchesNothing("tenant_settings", "update ethiq.tenant_settings set ai_daily_budget = 0 where account_id = ?", b.value());
        touchesNothing("tenant_settings", "delete from ethiq.tenant_settings where account_id = ?", b.value());
        touchesNothing("custom_phrases", "update ethiq.custom_phrases set phrase = 'x' where account_id = ?", b.value());
        touchesNothing("custom_phrases", "delete from ethiq.custom_phrases where account_id = ?", b.value());
        touchesNothing("emergency_contacts", "update ethiq.emergency_contacts set name = 'x' where id = ?", bContact);
        touchesNothing("emergency_contacts", "update ethiq.emergency_contacts set phone_number = '+33600000001' where account_id = ?", b.value());
        touchesNothing("emergency_contacts", "delete from ethiq.emergency_contacts where id = ?", bContact);
        touchesNothing("emergency_contacts", "delete from ethiq.emergency_contacts where account_id <> ?", a.value());
        touchesNothing("known_callers", "update ethiq.known_callers set listing = 'trusted' where id = ?", bKnownCaller);
        touchesNothing("known_callers", "delete from ethiq.known_callers where account_id <> ?", a.value());
        touchesNothing("caller_reports", "delete from ethiq.caller_reports where fingerprint = ?", SHARED_FINGERPRINT + "x");
        touchesNothing("caller_reports", "delete from ethiq.caller_reports where account_id <> ?", a.value());
        touchesNothing("caller_reputation_optins", "delete from ethiq.caller_reputation_optins where account_id <> ?", a.value());
        touchesNothing("call_logs", "update ethiq.call_logs set explanation = 'x' where call_sid = ?", bCall.value());
        touchesNothing("family_links", "update ethiq.family_links set revoked_at = now() where token_hash = ?", bLink.tokenHash());
        touchesNothing("family_actions", "delete from ethiq.family_actions where account_id <> ?", a.value());
        refused("family_actions", a, "insert into ethiq.family_actions (account_id, call_sid, action, actor, at) "
                + "values (?, ?, 'join', 'contact:x', now())", b.value(), bCall.value());
        refused("family_links", a, "update ethiq.family_links set expires_at = now() + interval '1 year' where account_id = ?", a.value());
        touchesNothing("call_logs", "update ethiq.call_logs set ai_analysis = null, transcript = null where account_id = ?", b.value());
        touchesNothing("call_logs", "delete from ethiq.call_logs where account_id = ?", b.value());
        touchesNothing("transcript_segments", "update ethiq.transcript_segments set text = 'x' where account_id = ?", b.value());
        touchesNothing("transcript_segments", "delete from ethiq.transcript_segments where call_log_id = ?", bCallLogId);
        touchesNothing("alerts", "update ethiq.alerts set status = 'failed' where id = ?", bAlert);
        touchesNothing("alerts", "update ethiq.alerts set next_attempt_at = now() where account_id <> ?", a.value());
        touchesNothing("alerts", "delete from ethiq.alerts where id = ?", bAlert);
        touchesNothing("usage_events", "update ethiq.usage_events set quantity = 0 where account_id = ?", b.value());
        touchesNothing("usage_events", "delete from ethiq.usage_events where id = ?", bUsage);
        touchesNothing("audit_log", "update ethiq.audit_log set action = 'x' where account_id = ?", b.value());
        touchesNothing("audit_log", "delete from ethiq.audit_log where id = ?", bAudit);
        touchesNothing("audit_log_context", "update ethiq.audit_log_context set ip = '' where account_id = ?", b.value());
        touchesNothing("audit_log_context", "delete from ethiq.audit_log_context where account_id = ?", b.value());
        touchesNothing("tenant_credentials", "update ethiq.tenant_credentials set last_four = 'xxxx' where account_id = ?", b.value());
        touchesNothing("tenant_credentials", "delete from ethiq.tenant_credentials where account_id = ?", b.value());
        // RETURNING shows nothing of B (the one FOR ALL policy filters what it could return)
        touchesNothing("emergency_contacts", "update ethiq.emergency_contacts set name = name where account_id = ? returning *", b.value());
        touchesNothing("alerts", "update ethiq.alerts set last_error = last_error where id = ? returning idempotency_key", bAlert);
        touchesNothing("tenant_credentials", "delete from ethiq.tenant_credentials where account_id = ? returning ciphertext", b.value());
        touchesNothing("call_logs", "update ethiq.call_logs set explanation = explanation where account_id = ? returning caller_number",
                b.value());
        // a sub-select cannot reach B's rows either
        touchesNothing("emergency_contacts", "delete from ethiq.emergency_contacts where id in "
                + "(select id from ethiq.emergency_contacts where account_id = ?)", b.value());
    }

    @Test
    void insertsForBAndMovesToBAreRefused() throws SQLException {
        refused("accounts", a, "insert into ethiq.accounts (id, display_name, sip_address) values (?, 'x', 'sip:x@y.z')", UUID.randomUUID());
        refused("tenant_settings", a, "insert into ethiq.tenant_settings (account_id, language, threshold_suspicious, threshold_scam, "
                + "alert_sms, alert_announce, transcript_retention_seconds, ai_enabled, ai_daily_budget) "
                + "values (?, 'fr', 0.3, 0.7, true, true, 86400, true, 1)", b.value());
        refused("tenant_settings", a, "insert into ethiq.tenant_settings (account_id, language, threshold_suspicious, threshold_scam, "
                + "alert_sms, alert_announce, transcript_retention_seconds, ai_enabled, ai_daily_budget) "
                + "values (?, 'fr', 0.3, 0.7, true, true, 86400, true, 1) "
                + "on conflict (account_id) do update set ai_daily_budget = 0", b.value());
        refused("custom_phrases", a, "insert into ethiq.custom_phrases (account_id, ordinal, phrase, cue_kind, category, weight) "
                + "values (?, 99, 'x', 'k', 'c', 0.5)", b.value());
        refused("emergency_contacts", a, "insert into ethiq.emergency_contacts (account_id, id, name, phone_number, created_at) "
                + "values (?, gen_random_uuid(), 'x', '+33600000002', now())", b.value());
        refused("emergency_contacts", a, "insert into ethiq.emergency_contacts (account_id, id, name, phone_number, created_at) "
                + "values (?, ?, 'x', '+33600000003', now()) on conflict (account_id, id) do update set name = 'hijacked'", b.value(), bContact);
        refused("known_callers", a, "insert into ethiq.known_callers (account_id, id, phone_number, listing, created_at) "
                + "values (?, gen_random_uuid(), '+33600000006', 'trusted', now())", b.value());
        refused("caller_reports", a, "insert into ethiq.caller_reports (account_id, call_sid, fingerprint, category, day, created_at) "
                + "values (?, 'CAforged', ?, 'fake_police', current_date, now())", b.value(), SHARED_FINGERPRINT);
        refused("caller_reputation_optins", a, "insert into ethiq.caller_reputation_optins (account_id, opted_in_at) values (?, now())", b.value());
        refused("call_logs", a, "insert into ethiq.call_logs (account_id, call_sid, start_time, state, protection) "
                + "values (?, 'CAforged', now(), 'ringing', 'protected')", b.value());
        refused("transcript_segments", a, "insert into ethiq.transcript_segments (account_id, call_log_id, ordinal, speaker, utterance_index, "
                + "text, is_final, start_offset_ms, end_offset_ms, confidence) values (?, ?, 99, 'caller', 0, 'x', true, 0, 0, 1)", b.value(), bCallLogId);
        refused("alerts", a, "insert into ethiq.alerts (account_id, id, call_sid, alert_type, recipient, idempotency_key, message, language, "
                + "created_at, next_attempt_at) values (?, gen_random_uuid(), 'CAx1', 'sms', '+33600000004', ? || ':CAx1:sms:+33600000004', "
                + "'x', 'fr', now(), now())", b.value(), b.value().toString());
        refused("usage_events", a, "insert into ethiq.usage_events (account_id, id, kind, quantity, occurred_at) "
                + "values (?, gen_random_uuid(), 'sms_sent', 1000, now())", b.value());
        refused("audit_log", a, "insert into ethiq.audit_log (account_id, id, actor, action, occurred_at) "
                + "values (?, gen_random_uuid(), 'x', 'forged', now())", b.value());
        refused("audit_log_context", a, "insert into ethiq.audit_log_context (account_id, seq, ip) values (?, 1, '1.2.3.4')", b.value());
        refused("tenant_credentials", a, "insert into ethiq.tenant_credentials (account_id, kind, ciphertext, key_id, last_four, updated_at) "
                + "values (?, 'ai_api_key', 'v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'k1', 'abcd', now())", b.value());
        refused("tenant_credentials", a, "insert into ethiq.tenant_credentials (account_id, kind, account_sid, ciphertext, key_id, last_four, updated_at) "
                + "values (?, 'telephony_auth_token', 'AC0123456789abcdef0123456789abcdef', "
                + "'v1.k1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'k1', 'abcd', now()) "
                + "on conflict (account_id, kind) do update set last_four = 'pwnd'", b.value());
        // moving A's own rows to B
        for (String table : TENANT_TABLES) {
            refused(table, a, "update ethiq." + table + " set account_id = ? where account_id = ?", b.value(), a.value());
        }
        refused("accounts", a, "update ethiq.accounts set id = ? where id = ?", UUID.randomUUID(), a.value());
        refused("accounts", a, "update ethiq.accounts set twilio_phone_number = '+33600000005' where id = ?", a.value());
    }

    @Test
    void uniqueKeysAndForeignKeysGiveNoOracle() throws SQLException {
        // per-tenant keys: a third tenant using B's contact phone, contact id and call sid simply creates its own rows
        TenantId c = db.newTenant();
        count("emergency_contacts");
        assertThat(run(c, "insert into ethiq.emergency_contacts (account_id, id, name, phone_number, created_at) "
                + "values (?, ?, 'mine', ?, now()) on conflict do nothing", c.value(), bContact, bContactPhone)).isEqualTo(1);
        count("call_logs");
        assertThat(run(c, "insert into ethiq.call_logs (account_id, call_sid, start_time, state, protection) "
                + "values (?, ?, now(), 'ringing', 'protected') on conflict do nothing", c.value(), bCall.value())).isEqualTo(1);
        // composite foreign keys: pointing at B's call is refused exactly like pointing at no call at all
        String segment = "insert into ethiq.transcript_segments (account_id, call_log_id, ordinal, speaker, utterance_index, text, "
                + "is_final, start_offset_ms, end_offset_ms, confidence) values (?, ?, 1, 'caller', 0, 'x', true, 0, 0, 1)";
        sameRefusal("transcript_segments", segment, bCallLogId);
        String alert = "insert into ethiq.alerts (account_id, id, call_log_id, call_sid, alert_type, recipient, idempotency_key, message, "
                + "language, created_at, next_attempt_at) values (?, gen_random_uuid(), ?, 'CAx2', 'sms', '+33600000006', "
                + "?::text || ':CAx2:sms:+33600000006', 'x', 'fr', now(), now())";
        sameRefusalWithTenantKey("alerts", alert, bCallLogId);
        // a forged idempotency key (B's prefix) fails the derivation check, never the unique index
        String forged = "insert into ethiq.alerts (account_id, id, call_sid, alert_type, recipient, idempotency_key, message, language, "
                + "created_at, next_attempt_at) values (?, gen_random_uuid(), 'CAx3', 'sms', '+33600000007', ?, 'x', 'fr', now(), now())";
        String withBsKey = refusal("alerts", forged, a.value(), b.value() + ":CAx3:sms:+33600000007");
        String withNobodysKey = refusal("alerts", forged, a.value(), UUID.randomUUID() + ":CAx3:sms:+33600000007");
        assertThat(withBsKey).isEqualTo(withNobodysKey).startsWith("23514");
    }

    private void sameRefusal(String table, String sql, UUID bsId) throws SQLException {
        UUID nobodys = UUID.randomUUID();
        String toB = refusal(table, sql, a.value(), bsId).replace(bsId.toString(), "<id>");
        String toNobody = refusal(table, sql, a.value(), nobodys).replace(nobodys.toString(), "<id>");
        assertThat(toB).isEqualTo(toNobody).startsWith("23503");
    }

    private void sameRefusalWithTenantKey(String table, String sql, UUID bsId) throws SQLException {
        UUID nobodys = UUID.randomUUID();
        String toB = refusal(table, sql, a.value(), bsId, a.value().toString()).replace(bsId.toString(), "<id>");
        String toNobody = refusal(table, sql, a.value(), nobodys, a.value().toString()).replace(nobodys.toString(), "<id>");
        assertThat(toB).isEqualTo(toNobody).startsWith("23503");
    }

    /** SQLSTATE and message of the refusal, for comparing two refusals. */
    private String refusal(String table, String sql, Object... params) throws SQLException {
        count(table);
        try {
            run(a, sql, params);
            fail("expected refusal: " + sql);
            return "";
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        }
    }

    @Test
    void withoutATenantNothingIsVisibleAndNothingCanBeWritten() throws SQLException {
        for (String table : TENANT_TABLES) {
            count(table);
            assertThat(run(null, "select * from ethiq." + table)).isZero();
        }
        count("accounts");
        assertThat(run(null, "select * from ethiq.accounts")).isZero();
        refused("emergency_contacts", null, "insert into ethiq.emergency_contacts (account_id, id, name, phone_number, created_at) "
                + "values (?, gen_random_uuid(), 'x', '+33600000008', now())", b.value());
        refused("usage_events", null, "insert into ethiq.usage_events (account_id, id, kind, quantity, occurred_at) "
                + "values (?, gen_random_uuid(), 'sms_sent', 1, now())", a.value());
        // set_config(..., true) outside a transaction is gone before the next statement: fails closed
        for (String table : TENANT_TABLES) {
            count(table);
            try (Connection c = app.getConnection()) {
                c.setAutoCommit(true);
                execute(c, "select set_config('app.current_account_id', ?, true)", TestDatabase.CONTEXT_KEYS.tenantToken(b.value()));
                assertThat(execute(c, "select * from ethiq." + table)).isZero();
            }
        }
        // a malformed tenant fails closed too
        count("emergency_contacts");
        try (Connection c = app.getConnection()) {
            c.setAutoCommit(false);
            execute(c, "select set_config('app.current_account_id', 'not-a-uuid', true)");
            assertThat(execute(c, "select * from ethiq.emergency_contacts")).isZero();
            c.rollback();
        }
    }

    @Test
    void bulkChannelsAndPlatformTablesAreClosed() throws SQLException {
        for (String table : TENANT_TABLES) {
            refused(table, a, "truncate ethiq." + table);
            count(table);
            try (Connection c = app.getConnection()) {
                c.setAutoCommit(false);
                execute(c, "select set_config('app.current_account_id', ?, true)", TestDatabase.CONTEXT_KEYS.tenantToken(a.value()));
                StringWriter out = new StringWriter();
                c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy ethiq." + table + " to stdout", out);
                assertThat(out.toString()).doesNotContain(b.value().toString());
                try {
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy ethiq." + table + " from stdin", new StringReader(""));
                    fail("COPY FROM must be refused under RLS");
                } catch (SQLException e) {
                    assertThat(e.getSQLState()).isIn(REFUSED);
                }
                c.rollback();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        refused("accounts", a, "truncate ethiq.accounts");
        for (String platformTable : List.of("number_pool", "platform_audit_log", "users", "flyway_schema_history")) {
            refused(platformTable, a, "select * from ethiq." + platformTable);
            refused(platformTable, a, "delete from ethiq." + platformTable);
        }
        refused("functions", a, "create function ethiq.f_leak() returns int language sql as 'select 1'");
        refused("functions", a, "create table ethiq.mine (x int)");
    }

    @Test
    void thePlatformRoleCannotDoWhatItHasNoPolicyOrGrantFor() throws SQLException {
        DataSource platform = db.platformDataSource();
        String[] denied = {
            "update ethiq.alerts set status = 'sent' where account_id = '" + b.value() + "'",
            "update ethiq.emergency_contacts set name = 'x' where account_id = '" + b.value() + "'",
            "insert into ethiq.emergency_contacts (account_id, id, name, phone_number, created_at) values ('" + b.value()
                    + "', gen_random_uuid(), 'x', '+33600000009', now())",
            "update ethiq.audit_log set action = 'x' where account_id = '" + b.value() + "'",
            "delete from ethiq.audit_log where account_id = '" + b.value() + "'",
            "delete from ethiq.usage_events where account_id = '" + b.value() + "'",
            "update ethiq.usage_events set quantity = 0 where account_id = '" + b.value() + "'",
            "update ethiq.tenant_credentials set account_sid = null where account_id = '" + b.value() + "'",
            "delete from ethiq.call_logs where account_id = '" + b.value() + "'",
            "truncate ethiq.alerts",
            "truncate ethiq.audit_log",
            "delete from ethiq.accounts where id = '" + b.value() + "'",
        };
        for (String sql : denied) {
            count("platform");
            try (Connection c = platform.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
                fail("the platform role must not run: " + sql);
            } catch (SQLException e) {
                assertThat(e.getSQLState()).as(sql).isIn(REFUSED);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // the same through the repositories: A's scope with B's ids

    @Test
    void repositoriesScopedToAIgnoreBsIds() {
        var contacts = store.emergencyContacts();
        var calls = store.callLogs();
        var alerts = store.alertOutbox();
        Instant t = Instant.parse("2026-03-01T11:00:00Z");

        count("emergency_contacts");
        assertThat(contacts.find(a, bContact)).isEqualTo(contacts.find(a, UUID.randomUUID())).isEmpty();
        count("emergency_contacts");
        assertThat(contacts.update(new EmergencyContact(bContact, a, "x", TestDatabase.shared().uniqueNumber(), "", t))).isFalse();
        count("emergency_contacts");
        assertThat(contacts.remove(a, bContact)).isFalse();
        count("emergency_contacts");
        assertThat(contacts.list(a)).allMatch(c -> c.tenant().equals(a));

        var family = store.familyLinks();
        count("family_links");
        assertThat(family.forCall(a, bCall)).isEmpty();
        count("family_links");
        assertThat(family.revoke(a, bLink.id(), t)).isFalse();
        count("family_actions");
        assertThat(family.actions(a, bCall)).isEmpty();
        count("family_actions");
        assertThat(family.releaseAction(a, bCall, "handling")).isFalse();

        var known = store.knownCallers();
        count("known_callers");
        assertThat(known.find(a, bKnownCaller)).isEmpty();
        count("known_callers");
        assertThat(known.findByPhone(a, PhoneNumber.of(bKnownCallerPhone))).isEmpty();
        count("known_callers");
        assertThat(known.update(new KnownCaller(bKnownCaller, a, TestDatabase.shared().uniqueNumber(), "x", CallerListing.TRUSTED, t))).isFalse();
        count("known_callers");
        assertThat(known.remove(a, bKnownCaller)).isFalse();

        count("call_logs");
        assertThat(calls.find(a, bCall)).isEmpty();
        count("call_logs");
        assertThat(calls.updateState(a, bCall, CallState.ENDED, t)).isFalse();
        count("call_logs");
        assertThat(calls.updateProtection(a, bCall, CallProtection.REJECTED)).isFalse();
        count("call_logs");
        calls.recordVerdict(a, bCall, new Verdict.Clear(0, List.of(), ""));
        count("call_logs");
        calls.recordAiAnalysis(a, bCall, new AiAnalysis(false, 0, ScamCategory.NONE, List.of(), List.of(), "", "m", new TokenUsage(0, 0)));
        count("transcript_segments");
        calls.appendSegment(a, bCall, TranscriptSegment.finalText(Speaker.CALLER, 5, "injected"));
        count("transcript_segments");
        assertThat(calls.transcript(a, bCall)).isEmpty();
        count("transcript_segments");
        calls.purgeTranscripts(a, t.plusSeconds(86_400 * 365));
        count("call_logs");
        assertThat(calls.recent(a, null, 100)).allMatch(c -> c.tenant().equals(a));

        count("alerts");
        assertThat(alerts.markSent(a, bAlert, t, "x")).isFalse();
        count("alerts");
        assertThat(alerts.markRetry(a, bAlert, t, "x")).isFalse();
        count("alerts");
        assertThat(alerts.markFailed(a, bAlert, t, "x")).isFalse();
        count("alerts");
        assertThat(alerts.forCall(a, bCall)).isEmpty();
        count("alerts");
        assertThat(alerts.recent(a, 100)).allMatch(x -> x.tenant().equals(a));

        count("usage_events");
        assertThat(store.usageLedger().events(a, YearMonth.of(2026, 3))).allMatch(e -> e.tenant().equals(a));
        count("usage_events");
        store.usageLedger().record(new UsageEvent(bUsage, a, bCall, UsageKind.SMS_SENT, 1, t, ""));
        count("audit_log");
        assertThat(store.auditTrail().recent(a, 100)).allMatch(e -> e.tenant().equals(a) && !e.id().equals(bAudit));
        count("audit_log");
        store.auditTrail().append(new AuditEvent(bAudit, a, "user:x", "replay", "", "", "", t, Map.of()));

        count("tenant_credentials");
        store.tenantSecrets().remove(a, SecretKind.AI_API_KEY);
        count("tenant_credentials");
        assertThat(store.tenantSecrets().telephony(a).orElseThrow().authToken().reveal()).isEqualTo("auth-token-of-" + a.value());
        count("accounts");
        assertThat(store.tenants().findById(a).orElseThrow().id()).isEqualTo(a);
    }
}
