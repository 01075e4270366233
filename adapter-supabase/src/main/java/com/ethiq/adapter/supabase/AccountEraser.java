package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform job: erases one account (GDPR Art. 17) in a single transaction. Deleted: emergency contacts,
 * transcript segments, credentials, alerts (they name contacts' numbers), settings and custom phrases, the IP and
 * user-agent context of audit entries, and the owning user when no other account is theirs. Cleared: caller
 * numbers, transcripts, AI analyses and explanations of call logs; the account's name, number and SIP address.
 * Kept: call logs' anonymous facts, billing usage, the audit chain (ids and actions only). The number goes back
 * to the pool in quarantine. The erasure itself is audited. Thread-safe.
 */
public final class AccountEraser {
    private static final Logger LOG = LoggerFactory.getLogger(AccountEraser.class);

    private final TenantTransactions tx;
    private final Clock clock;
    private final IdGenerator ids;
    private final Duration quarantine;
    private final com.ethiq.core.management.onboarding.PoolReassignment reassignment;

    AccountEraser(TenantTransactions tx, Clock clock, IdGenerator ids, Duration quarantine,
                  com.ethiq.core.management.onboarding.PoolReassignment reassignment) {
        this.tx = tx;
        this.clock = clock;
        this.ids = ids;
        this.quarantine = quarantine;
        this.reassignment = java.util.Objects.requireNonNull(reassignment, "'reassignment' must not be null");
    }

    /** What was removed; {@code erased} is false when the account does not exist or was already erased. */
    public record Report(TenantId tenant, boolean erased, Map<String, Integer> deleted, Optional<PhoneNumber> quarantinedNumber,
                         Instant numberAvailableAt) {
    }

    public Report erase(TenantId tenant, String actor) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(actor, "'actor' must not be null");
        if (actor.isBlank() || actor.length() > 200) {
            throw new IllegalArgumentException("'actor' must be 1-200 characters");
        }
        Instant now = clock.instant();
        Instant availableAt = now.plus(quarantine);
        Report report = tx.onPlatform(h -> {
            Optional<UUID> owner = h.createQuery("""
                            select user_id from ethiq.accounts where id = :t and erased_at is null for update""")
                    .bind("t", tenant.value())
                    .map((rs, ctx) -> Optional.ofNullable(Sql.uuid(rs, "user_id")))
                    .findOne()
                    .orElse(null);
            if (owner == null) {
                return new Report(tenant, false, Map.of(), Optional.empty(), null);
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("emergency_contacts", delete(h, "emergency_contacts", tenant));
            counts.put("known_callers", delete(h, "known_callers", tenant));
            counts.put("announcements", delete(h, "announcements", tenant));
            counts.put("account_telephony", delete(h, "account_telephony", tenant));
            counts.put("family_links", delete(h, "family_links", tenant));
            counts.put("family_actions", delete(h, "family_actions", tenant));
            counts.put("caller_reports", delete(h, "caller_reports", tenant));
            counts.put("caller_reputation_optins", delete(h, "caller_reputation_optins", tenant));
            counts.put("ai_budget_days", delete(h, "ai_budget_days", tenant));
            counts.put("sim_speech_lines", delete(h, "sim_speech_lines", tenant));
            counts.put("transcript_segments", delete(h, "transcript_segments", tenant));
            counts.put("tenant_credentials", delete(h, "tenant_credentials", tenant));
            counts.put("alerts", delete(h, "alerts", tenant));
            counts.put("custom_phrases", delete(h, "custom_phrases", tenant));
            counts.put("tenant_settings", delete(h, "tenant_settings", tenant));
            counts.put("audit_log_context", delete(h, "audit_log_context", tenant));
            counts.put("call_logs_anonymised", h.createUpdate("""
                            update ethiq.call_logs
                               set caller_number = null, transcript = null, ai_analysis = null, explanation = '',
                                   content_purged_at = :now, updated_at = now()
                             where account_id = :t""")
                    .bind("t", tenant.value()).bind("now", Sql.ts(now)).execute());
            Optional<PhoneNumber> number = h.createQuery("""
                            update ethiq.number_pool set assigned_to = null, assigned_at = null, available_at = :available
                             where assigned_to = :t
                            returning phone_number""")
                    .bind("t", tenant.value()).bind("available", Sql.ts(availableAt))
                    .mapTo(String.class).findOne().map(PhoneNumber::of);
            // a country that never re-assigns (PoolReassignment, French numbers by default): the number is retired
            number.filter(n -> !reassignment.reassigns(n)).ifPresent(n -> h.createUpdate(
                            "update ethiq.number_pool set available_at = :retired where phone_number = :n and assigned_to is null")
                    .bind("retired", Sql.ts(com.ethiq.core.port.NumberPool.RETIRED)).bind("n", n.e164()).execute());
            h.createUpdate("""
                            update ethiq.accounts
                               set display_name = null, twilio_phone_number = null, sip_address = null, user_id = null,
                                   status = 'cancelled', erased_at = :now, updated_at = now()
                             where id = :t""")
                    .bind("t", tenant.value()).bind("now", Sql.ts(now)).execute();
            int users = owner.map(user -> h.createUpdate("""
                            delete from ethiq.users u where u.id = :user
                               and not exists (select 1 from ethiq.accounts a where a.user_id = u.id)""")
                    .bind("user", user).execute()).orElse(0);
            counts.put("users", users);
            Map<String, String> details = new LinkedHashMap<>();
            counts.forEach((k, v) -> details.put(k, String.valueOf(v)));
            details.put("number_quarantined", String.valueOf(number.isPresent()));
            AuditRows.platformAction(h, ids.newId(), tenant, actor, "account.erased", tenant.toString(), now, details);
            return new Report(tenant, true, Map.copyOf(counts), number, number.map(n -> reassignment.reassigns(n)
                    ? availableAt : com.ethiq.core.port.NumberPool.RETIRED).orElse(null));
        });
        if (report.erased()) {
            LOG.info("account {} erased by {}: {}", tenant, actor, report.deleted());
        }
        return report;
    }

    private static int delete(Handle h, String table, TenantId tenant) {
        // table names come from the fixed list above, never from input
        return h.createUpdate("delete from ethiq." + table + " where account_id = :t").bind("t", tenant.value()).execute();
    }
}
