package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertKind;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AlertOutbox} on PostgreSQL. Recording is {@code INSERT … ON CONFLICT DO NOTHING} on the idempotency
 * key, so concurrent recorders on any number of nodes leave exactly one row. Delivery workers claim due alerts of
 * every tenant as the platform role with {@code FOR UPDATE SKIP LOCKED} plus a lease ({@code locked_until}):
 * concurrent claimers never get the same alert, and a crashed worker's alert comes back when its lease ends.
 * Each claim leaves an audit entry in the tenant's chain. Outcomes are marked in the tenant's own transaction.
 * Thread-safe.
 */
public final class JdbiAlertOutbox implements AlertOutbox {
    private static final String COLUMNS = """
            account_id, id, call_sid, alert_type, recipient, message, language, status, attempts, created_at,
            next_attempt_at, sent_at, provider_reference, last_error""";

    private final TenantTransactions tx;

    JdbiAlertOutbox(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean enqueue(Alert alert) {
        return tx.inTenant(alert.tenant(), h -> insert(h, alert, null));
    }

    @Override
    public List<Alert> enqueueClaimed(List<Alert> alerts, Instant leasedUntil) {
        Objects.requireNonNull(leasedUntil, "'leasedUntil' must not be null");
        if (alerts.isEmpty()) {
            return List.of();
        }
        TenantId tenant = alerts.get(0).tenant();
        if (alerts.stream().anyMatch(a -> !a.tenant().equals(tenant))) {
            throw new IllegalArgumentException("alerts recorded together must belong to one tenant");
        }
        // One transaction: one commit (one fsync) between the verdict and the first send.
        return tx.inTenant(tenant, h -> alerts.stream().filter(a -> insert(h, a, leasedUntil)).toList());
    }

    /** The idempotent insert inside a transaction already scoped to the alert's tenant (also {@link JdbiAlertOutcomes}'s). */
    static boolean insert(Handle h, Alert alert, Instant leasedUntil) {
        return h.createUpdate("""
                        insert into ethiq.alerts (account_id, id, call_log_id, call_sid, alert_type, recipient, idempotency_key,
                            message, language, status, attempts, created_at, next_attempt_at, sent_at, provider_reference, last_error,
                            locked_until)
                        values (:t, :id,
                            (select c.id from ethiq.call_logs c where c.account_id = :t and c.call_sid = :sid),
                            :sid, :type, :recipient, :key, :message, :language, :status, :attempts, :created, :next, :sent,
                            :ref, :error, :until)
                        on conflict do nothing""")
                .bind("t", alert.tenant().value())
                .bind("id", alert.id())
                .bind("sid", alert.callSid().value())
                .bind("type", alert.kind().wire())
                .bind("recipient", alert.recipient().value())
                .bind("key", alert.idempotencyKey())
                .bind("message", alert.message())
                .bind("language", alert.language().code())
                .bind("status", alert.status().wire())
                .bind("attempts", alert.attempts())
                .bind("created", Sql.ts(alert.createdAt()))
                .bind("next", Sql.ts(alert.nextAttemptAt()))
                .bind("sent", Sql.ts(alert.sentAt()))
                .bind("ref", clip(alert.providerReference(), 200))
                .bind("error", clip(alert.lastError(), 1000))
                .bind("until", Sql.ts(leasedUntil))
                .execute() == 1;
    }

    @Override
    public List<Alert> claimDue(Instant now, int max, Duration lease) {
        Objects.requireNonNull(now, "'now' must not be null");
        Objects.requireNonNull(lease, "'lease' must not be null");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("'lease' must be positive, got " + lease);
        }
        if (max <= 0) {
            return List.of();
        }
        return tx.onPlatform(h -> h.createQuery("""
                        with due as (
                            select account_id, id from ethiq.alerts
                             where status = 'pending' and next_attempt_at <= :now
                               and (locked_until is null or locked_until <= :now)
                             order by next_attempt_at, account_id, id
                             limit :max
                               for update skip locked),
                        claimed as (
                            update ethiq.alerts a set attempts = a.attempts + 1, locked_until = :until, updated_at = now()
                              from due where a.account_id = due.account_id and a.id = due.id
                            returning a.*),
                        audited as (
                            insert into ethiq.audit_log (account_id, id, actor, action, target, occurred_at, details)
                            select account_id, gen_random_uuid(), 'platform:alert-worker', 'alert.claimed', id::text, :now,
                                   pg_catalog.jsonb_build_object('attempt', attempts::text, 'kind', alert_type)
                              from claimed)
                        select {columns} from claimed order by next_attempt_at, account_id, id""".replace("{columns}", COLUMNS))
                .bind("now", Sql.ts(now))
                .bind("until", Sql.ts(now.plus(lease)))
                .bind("max", max)
                .map(JdbiAlertOutbox::alert)
                .list());
    }

    @Override
    public boolean markSent(TenantId tenant, UUID alertId, Instant at, String providerReference) {
        return tx.inTenant(tenant, h -> markSent(h, tenant, alertId, at, providerReference));
    }

    @Override
    public boolean markRetry(TenantId tenant, UUID alertId, Instant nextAttemptAt, String error) {
        return tx.inTenant(tenant, h -> markRetry(h, tenant, alertId, nextAttemptAt, error));
    }

    @Override
    public boolean markFailed(TenantId tenant, UUID alertId, Instant at, String error) {
        return tx.inTenant(tenant, h -> markFailed(h, tenant, alertId, at, error));
    }

    /** The marks inside a transaction already scoped to {@code tenant} (also {@link JdbiAlertOutcomes}'s). */
    static boolean markSent(Handle h, TenantId tenant, UUID alertId, Instant at, String providerReference) {
        return h.createUpdate("""
                        update ethiq.alerts
                           set status = 'sent', sent_at = :at, provider_reference = :ref, locked_until = null, updated_at = now()
                         where account_id = :t and id = :id and status = 'pending'""")
                .bind("t", tenant.value())
                .bind("id", alertId)
                .bind("at", Sql.ts(Objects.requireNonNull(at, "'at' must not be null")))
                .bind("ref", clip(providerReference, 200))
                .execute() == 1;
    }

    static boolean markRetry(Handle h, TenantId tenant, UUID alertId, Instant nextAttemptAt, String error) {
        return h.createUpdate("""
                        update ethiq.alerts
                           set next_attempt_at = :next, last_error = :error, locked_until = null, sent_at = null,
                               provider_reference = null, updated_at = now()
                         where account_id = :t and id = :id and status = 'pending'""")
                .bind("t", tenant.value())
                .bind("id", alertId)
                .bind("next", Sql.ts(Objects.requireNonNull(nextAttemptAt, "'nextAttemptAt' must not be null")))
                .bind("error", clip(error, 1000))
                .execute() == 1;
    }

    static boolean markFailed(Handle h, TenantId tenant, UUID alertId, Instant at, String error) {
        return h.createUpdate("""
                        update ethiq.alerts
                           set status = 'failed', last_error = :error, locked_until = null, sent_at = null,
                               provider_reference = null, updated_at = :at
                         where account_id = :t and id = :id and status = 'pending'""")
                .bind("t", tenant.value())
                .bind("id", alertId)
                .bind("at", Sql.ts(Objects.requireNonNull(at, "'at' must not be null")))
                .bind("error", clip(error, 1000))
                .execute() == 1;
    }

    @Override
    public Optional<Alert> markUndelivered(TenantId tenant, String providerReference, Instant at, String error) {
        Objects.requireNonNull(providerReference, "'providerReference' must not be null");
        Objects.requireNonNull(at, "'at' must not be null");
        // sent -> failed, keeping sent_at and the reference (what Twilio accepted, then could not deliver). Scoped by
        // account_id (alerts_recent_idx): one account's sent alerts are few. The row lock makes a repeated report a no-op.
        return tx.inTenant(tenant, h -> {
            Optional<Alert> sent = h.createQuery("select " + COLUMNS + " from ethiq.alerts"
                            + " where account_id = :t and provider_reference = :ref and status = 'sent'"
                            + " order by created_at desc limit 1 for update")
                    .bind("t", tenant.value())
                    .bind("ref", providerReference)
                    .map(JdbiAlertOutbox::alert)
                    .findOne();
            sent.ifPresent(a -> h.createUpdate("update ethiq.alerts set status = 'failed', last_error = :error, updated_at = :at"
                            + " where account_id = :t and id = :id and status = 'sent'")
                    .bind("t", tenant.value())
                    .bind("id", a.id())
                    .bind("at", Sql.ts(at))
                    .bind("error", clip(error, 1000))
                    .execute());
            return sent;
        });
    }

    @Override
    public List<Alert> forCall(TenantId tenant, CallSid callSid) {
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.alerts where account_id = :t and call_sid = :sid order by created_at, id")
                .bind("t", tenant.value())
                .bind("sid", callSid.value())
                .map(JdbiAlertOutbox::alert)
                .list());
    }

    @Override
    public List<Alert> recent(TenantId tenant, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return tx.inTenant(tenant, h -> h.createQuery("select " + COLUMNS
                        + " from ethiq.alerts where account_id = :t order by created_at desc, id desc limit :limit")
                .bind("t", tenant.value())
                .bind("limit", limit)
                .map(JdbiAlertOutbox::alert)
                .list());
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static Alert alert(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Alert(Sql.uuid(rs, "id"), new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                AlertRecipient.parse(AlertKind.fromWire(rs.getString("alert_type")), rs.getString("recipient")), rs.getString("message"),
                Language.parse(rs.getString("language")), AlertStatus.fromWire(rs.getString("status")), rs.getInt("attempts"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "sent_at"),
                rs.getString("provider_reference"), rs.getString("last_error"));
    }
}
