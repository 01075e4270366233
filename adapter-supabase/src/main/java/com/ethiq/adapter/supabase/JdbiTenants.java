package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AlertPreferences;
import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.RingSettings;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.Tenants;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link Tenants} on PostgreSQL. The lookup by called number and account creation run as the platform role (no
 * tenant is known yet, and the global number/SIP keys stay out of the app role's reach); everything else runs in
 * the tenant's own transaction. Thread-safe.
 */
public final class JdbiTenants implements Tenants {
    static final String SELECT_TENANT = """
            select a.id, a.display_name, a.status, a.twilio_phone_number, a.sip_address, a.created_at,
                   s.language, s.threshold_suspicious, s.threshold_scam, s.alert_sms, s.alert_announce,
                   s.transcript_retention_seconds, s.ai_enabled, s.ai_daily_budget, s.ring_timeout_seconds, s.voicemail,
                   s.clear_call_retention_seconds, s.protected_phone, s.blocked_callers, s.speech_gate,
                   array(select p.phrase from ethiq.custom_phrases p where p.account_id = a.id order by p.ordinal) as phrases,
                   array(select p.cue_kind from ethiq.custom_phrases p where p.account_id = a.id order by p.ordinal) as cue_kinds,
                   array(select p.category from ethiq.custom_phrases p where p.account_id = a.id order by p.ordinal) as categories,
                   array(select p.weight from ethiq.custom_phrases p where p.account_id = a.id order by p.ordinal) as weights
              from ethiq.accounts a
              join ethiq.tenant_settings s on s.account_id = a.id
            """;

    private final TenantTransactions tx;
    private final IdGenerator ids;
    private final Clock clock;

    JdbiTenants(TenantTransactions tx, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Optional<Tenant> findByCalledNumber(PhoneNumber calledNumber) {
        return tx.platformRead(h -> h.createQuery(SELECT_TENANT + " where a.twilio_phone_number = :number and a.erased_at is null")
                .bind("number", calledNumber.e164())
                .map(JdbiTenants::tenant)
                .findOne());
    }

    @Override
    public Optional<Tenant> findById(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery(SELECT_TENANT + " where a.id = :id and a.erased_at is null")
                .bind("id", tenant.value())
                .map(JdbiTenants::tenant)
                .findOne());
    }

    @Override
    public void create(Tenant tenant) {
        try {
            tx.onPlatform(h -> {
                h.createUpdate("""
                                insert into ethiq.accounts (id, display_name, status, twilio_phone_number, sip_address, created_at, updated_at)
                                values (:id, :name, :status, :number, :sip, :created, :created)""")
                        .bind("id", tenant.id().value())
                        .bind("name", tenant.displayName())
                        .bind("status", tenant.status().wire())
                        .bind("number", tenant.number().map(PhoneNumber::e164).orElse(null))
                        .bind("sip", tenant.sipAddress().uri())
                        .bind("created", Sql.ts(tenant.createdAt()))
                        .execute();
                h.createUpdate("""
                                insert into ethiq.tenant_settings (account_id, language, threshold_suspicious, threshold_scam, alert_sms,
                                    alert_announce, transcript_retention_seconds, ai_enabled, ai_daily_budget, ring_timeout_seconds,
                                    voicemail, clear_call_retention_seconds, protected_phone, blocked_callers, speech_gate)
                                values (:id, :language, :suspicious, :scam, :sms, :announce, :retention, :ai, :budget, :ring_timeout,
                                    :voicemail, :clear_retention, :protected_phone, :blocked_callers, :speech_gate)""")
                        .bind("id", tenant.id().value())
                        .bindMap(settingsParams(tenant.settings()))
                        .execute();
                insertPhrases(h, tenant.id(), tenant.settings().customPhrases());
                AuditRows.platformAction(h, ids.newId(), tenant.id(), "platform", "account.created", tenant.id().toString(),
                        clock.instant(), Map.of("status", tenant.status().wire()));
                return null;
            });
        } catch (SqlErrors.Conflict e) {
            String constraint = e.constraint().orElse("");
            throw switch (constraint) {
                case "accounts_pkey" -> new ConflictException("tenant already exists", e);
                case "accounts_twilio_phone_number_key" -> new ConflictException("'twilioNumber' is already assigned", e);
                case "accounts_sip_address_key" -> new ConflictException("'sipAddress' is already used", e);
                default -> e;
            };
        }
    }

    @Override
    public boolean updateStatus(TenantId tenant, AccountStatus status) {
        return tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.accounts set status = :status, updated_at = now() where id = :id and erased_at is null""")
                .bind("status", status.wire())
                .bind("id", tenant.value())
                .execute() == 1);
    }

    @Override
    public boolean updateSettings(TenantId tenant, TenantSettings settings) {
        return tx.inTenant(tenant, h -> {
            int updated = h.createUpdate("""
                            update ethiq.tenant_settings
                               set language = :language, threshold_suspicious = :suspicious, threshold_scam = :scam,
                                   alert_sms = :sms, alert_announce = :announce, transcript_retention_seconds = :retention,
                                   ai_enabled = :ai, ai_daily_budget = :budget, ring_timeout_seconds = :ring_timeout,
                                   voicemail = :voicemail, clear_call_retention_seconds = :clear_retention, protected_phone = :protected_phone,
                                   blocked_callers = :blocked_callers, speech_gate = :speech_gate, updated_at = now()
                             where account_id = :id""")
                    .bindMap(settingsParams(settings))
                    .bind("id", tenant.value())
                    .execute();
            if (updated == 0) {
                return false;
            }
            h.createUpdate("delete from ethiq.custom_phrases where account_id = :id").bind("id", tenant.value()).execute();
            insertPhrases(h, tenant, settings.customPhrases());
            return true;
        });
    }

    private static Map<String, Object> settingsParams(TenantSettings s) {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("language", s.language().code());
        p.put("suspicious", s.thresholds().suspicious());
        p.put("scam", s.thresholds().scam());
        p.put("sms", s.alerts().smsToContacts());
        p.put("announce", s.alerts().announceInCall());
        p.put("retention", s.transcriptRetention().toSeconds());
        p.put("ai", s.aiAnalysisEnabled());
        p.put("budget", s.aiDailyRequestBudget());
        p.put("ring_timeout", (int) s.ring().timeout().toSeconds());
        p.put("voicemail", s.ring().voicemail()); // may be null: no voicemail
        p.put("clear_retention", s.clearCallRetention().toSeconds());
        p.put("protected_phone", s.protectedNumber().map(PhoneNumber::e164).orElse(null));
        p.put("blocked_callers", s.blockedCallers().wire());
        p.put("speech_gate", s.speechGate());
        return p;
    }

    private static void insertPhrases(Handle h, TenantId tenant, List<CustomPhrase> phrases) {
        if (phrases.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                insert into ethiq.custom_phrases (account_id, ordinal, phrase, cue_kind, category, weight)
                values (:id, :ordinal, :phrase, :cue, :category, :weight)""");
        for (int i = 0; i < phrases.size(); i++) {
            CustomPhrase p = phrases.get(i);
            batch.bind("id", tenant.value()).bind("ordinal", i).bind("phrase", p.phrase()).bind("cue", p.cueKind())
                    .bind("category", p.category()).bind("weight", p.weight()).add();
        }
        batch.execute();
    }

    static Tenant tenant(ResultSet rs, StatementContext ctx) throws SQLException {
        String[] phrases = Sql.strings(rs, "phrases");
        String[] cues = Sql.strings(rs, "cue_kinds");
        String[] categories = Sql.strings(rs, "categories");
        Double[] weights = (Double[]) rs.getArray("weights").getArray();
        List<CustomPhrase> custom = new ArrayList<>(phrases.length);
        for (int i = 0; i < phrases.length; i++) {
            custom.add(new CustomPhrase(phrases[i], cues[i], categories[i], weights[i]));
        }
        TenantSettings settings = new TenantSettings(
                Language.parse(rs.getString("language")),
                new DetectionThresholds(rs.getDouble("threshold_suspicious"), rs.getDouble("threshold_scam")),
                new AlertPreferences(rs.getBoolean("alert_sms"), rs.getBoolean("alert_announce")),
                Duration.ofSeconds(rs.getLong("transcript_retention_seconds")),
                custom,
                rs.getBoolean("ai_enabled"),
                rs.getInt("ai_daily_budget"),
                new RingSettings(Duration.ofSeconds(rs.getInt("ring_timeout_seconds")), rs.getString("voicemail")),
                Duration.ofSeconds(rs.getLong("clear_call_retention_seconds")),
                rs.getString("protected_phone") == null ? null : PhoneNumber.of(rs.getString("protected_phone")),
                com.ethiq.core.domain.CallerListing.fromWire(rs.getString("blocked_callers")),
                rs.getBoolean("speech_gate"));
        String number = rs.getString("twilio_phone_number");
        return new Tenant(new TenantId(Sql.uuid(rs, "id")), rs.getString("display_name"),
                AccountStatus.fromWire(rs.getString("status")), number == null ? null : PhoneNumber.of(number),
                SipAddress.of(rs.getString("sip_address")), settings, Sql.instant(rs, "created_at"));
    }
}
