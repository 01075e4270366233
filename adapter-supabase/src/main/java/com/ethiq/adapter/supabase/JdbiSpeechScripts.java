package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SpeechScripts;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link SpeechScripts} on PostgreSQL ({@code ethiq.sim_speech_lines}, V98), in the account's context: an append
 * numbers its lines after the track's last under a transaction-scoped advisory lock on the track (two nodes appending
 * at once queue, every line keeps one index); a heard line is stamped {@code heard_at}. Used by simulated speech only.
 * Thread-safe.
 */
public final class JdbiSpeechScripts implements SpeechScripts {
    private final TenantTransactions tx;

    JdbiSpeechScripts(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(TenantId tenant, CallSid callSid, Speaker speaker, List<String> lines) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(speaker, "'speaker' must not be null");
        List<String> checked = SpeechScripts.checked(lines);
        if (checked.isEmpty()) {
            return;
        }
        tx.inTenant(tenant, h -> {
            // an advisory lock, not FOR UPDATE: the first append of a track has no row to lock
            h.createQuery("select pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended("
                            + "'ethiq.sim_speech_lines:' || :t || ':' || :sid || ':' || :sp, 0))")
                    .bind("t", tenant.value().toString()).bind("sid", callSid.value()).bind("sp", speaker.wire())
                    .mapTo(String.class).list();
            int next = h.createQuery("""
                            select coalesce(max(line_index) + 1, 0) from ethiq.sim_speech_lines
                             where account_id = :t and call_sid = :sid and speaker = :sp""")
                    .bind("t", tenant.value()).bind("sid", callSid.value()).bind("sp", speaker.wire())
                    .mapTo(Integer.class).one();
            PreparedBatch batch = h.prepareBatch("""
                    insert into ethiq.sim_speech_lines (account_id, call_sid, speaker, line_index, text)
                    values (:t, :sid, :sp, :i, :text)""");
            for (String line : checked) {
                batch.bind("t", tenant.value()).bind("sid", callSid.value()).bind("sp", speaker.wire())
                        .bind("i", next++).bind("text", line).add();
            }
            batch.execute();
            return null;
        });
    }

    @Override
    public List<Line> unheard(TenantId tenant, CallSid callSid, Speaker speaker, int fromIndex) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(speaker, "'speaker' must not be null");
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select line_index, text from ethiq.sim_speech_lines
                         where account_id = :t and call_sid = :sid and speaker = :sp and line_index >= :from
                           and heard_at is null
                         order by line_index""")
                .bind("t", tenant.value()).bind("sid", callSid.value()).bind("sp", speaker.wire())
                .bind("from", Math.max(0, fromIndex))
                .map((rs, ctx) -> new Line(rs.getInt("line_index"), rs.getString("text")))
                .list());
    }

    @Override
    public void heard(TenantId tenant, CallSid callSid, Speaker speaker, int index) {
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(speaker, "'speaker' must not be null");
        tx.inTenant(tenant, h -> h.createUpdate("""
                        update ethiq.sim_speech_lines set heard_at = now()
                         where account_id = :t and call_sid = :sid and speaker = :sp and line_index = :i
                           and heard_at is null""")
                .bind("t", tenant.value()).bind("sid", callSid.value()).bind("sp", speaker.wire()).bind("i", index)
                .execute());
    }
}
