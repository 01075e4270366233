package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.Announcement;
import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AnnouncementStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link AnnouncementStore} on PostgreSQL (V84). Writes run in the tenant's transaction (forced RLS); the lookup by
 * reference alone is one platform-role read (the provider sends back nothing else), after which the claim runs in
 * the tenant the row names, as one conditional update (atomic across nodes). Thread-safe.
 */
public final class JdbiAnnouncementStore implements AnnouncementStore {
    private static final String COLUMNS = "account_id, reference, call_sid, text, language, audience, idempotency_key, plays, served, created_at";

    private final TenantTransactions tx;

    JdbiAnnouncementStore(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Announcement saveIfAbsent(Announcement a) {
        return tx.inTenant(a.tenant(), h -> {
            h.createUpdate("""
                            insert into ethiq.announcements (account_id, reference, call_sid, text, language, audience,
                                                             idempotency_key, plays, served, created_at)
                            values (:t, :ref, :call, :text, :lang, :audience, :key, :plays, :served, :created)
                            on conflict (account_id, idempotency_key) do nothing""")
                    .bind("t", a.tenant().value())
                    .bind("ref", a.reference())
                    .bind("call", a.call().value())
                    .bind("text", a.text())
                    .bind("lang", a.language().code())
                    .bind("audience", a.audience().wire())
                    .bind("key", a.idempotencyKey())
                    .bind("plays", a.plays())
                    .bind("served", a.served())
                    .bind("created", Sql.ts(a.createdAt()))
                    .execute();
            return h.createQuery("select " + COLUMNS + " from ethiq.announcements where account_id = :t and idempotency_key = :key")
                    .bind("t", a.tenant().value())
                    .bind("key", a.idempotencyKey())
                    .map(JdbiAnnouncementStore::announcement)
                    .one();
        });
    }

    @Override
    public Optional<Announcement> find(String reference) {
        return tx.platformRead(h -> h.createQuery("select " + COLUMNS + " from ethiq.announcements where reference = :ref")
                .bind("ref", reference)
                .map(JdbiAnnouncementStore::announcement)
                .findFirst());
    }

    @Override
    public Optional<Announcement> claim(String reference) {
        Optional<Announcement> found = find(reference);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return tx.inTenant(found.get().tenant(), h -> h.createQuery("update ethiq.announcements set served = true"
                        + " where account_id = :t and reference = :ref and not served returning " + COLUMNS)
                .bind("t", found.get().tenant().value())
                .bind("ref", reference)
                .map(JdbiAnnouncementStore::announcement)
                .findOne());
    }

    @Override
    public Optional<Announcement> replay(TenantId tenant, CallSid call, int maxPlays) {
        return tx.inTenant(tenant, h -> {
            Optional<String> latest = h.createQuery("select reference from ethiq.announcements where account_id = :t and call_sid = :call"
                            + " order by created_at desc, reference desc limit 1 for update")
                    .bind("t", tenant.value())
                    .bind("call", call.value())
                    .mapTo(String.class)
                    .findOne();
            if (latest.isEmpty()) {
                return Optional.<Announcement>empty();
            }
            return h.createQuery("update ethiq.announcements set plays = plays + 1, served = false"
                            + " where account_id = :t and reference = :ref and plays < :max returning " + COLUMNS)
                    .bind("t", tenant.value())
                    .bind("ref", latest.get())
                    .bind("max", maxPlays)
                    .map(JdbiAnnouncementStore::announcement)
                    .findOne();
        });
    }

    static Announcement announcement(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Announcement(rs.getString("reference"), new TenantId(Sql.uuid(rs, "account_id")), CallSid.of(rs.getString("call_sid")),
                rs.getString("text"), Language.parse(rs.getString("language")), AnnouncementAudience.parse(rs.getString("audience")),
                rs.getString("idempotency_key"), rs.getInt("plays"), rs.getBoolean("served"), Sql.instant(rs, "created_at"));
    }
}
