package com.ethiq.adapter.supabase.identity;

import static com.ethiq.adapter.supabase.identity.IdentityTransactions.instant;
import static com.ethiq.adapter.supabase.identity.IdentityTransactions.ts;

import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.identity.AttemptState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link AttemptCounters} on PostgreSQL, shared by every node (platform role: throttling happens before anyone is
 * authenticated). Each change is one upsert, atomic under concurrency. {@link #purgeOlderThan} is the clean-up job.
 * Thread-safe.
 */
public final class JdbiAttemptCounters implements AttemptCounters {
    private final IdentityTransactions tx;

    JdbiAttemptCounters(IdentityTransactions tx) {
        this.tx = tx;
    }

    @Override
    public AttemptState get(String key) {
        return tx.platformRead(h -> h.createQuery("select failures, window_start, blocked_until from ethiq.login_attempts where key = :k")
                .bind("k", key).map((rs, ctx) -> state(rs)).findOne().orElse(AttemptState.NONE));
    }

    @Override
    public AttemptState recordFailure(String key, Instant now, Duration window) {
        return tx.onPlatform(h -> h.createQuery("""
                        insert into ethiq.login_attempts as a (key, failures, window_start, blocked_until)
                        values (:k, 1, :now, 'epoch')
                        on conflict (key) do update
                           set failures = case when a.failures = 0 or a.window_start + make_interval(secs => :w) < :now
                                               then 1 else a.failures + 1 end,
                               window_start = case when a.failures = 0 or a.window_start + make_interval(secs => :w) < :now
                                                   then :now else a.window_start end
                        returning failures, window_start, blocked_until""")
                .bind("k", key).bind("now", ts(now)).bind("w", (double) window.toSeconds())
                .map((rs, ctx) -> state(rs)).one());
    }

    @Override
    public void block(String key, Instant until) {
        tx.onPlatform(h -> h.createUpdate("""
                        insert into ethiq.login_attempts as a (key, failures, window_start, blocked_until)
                        values (:k, 0, 'epoch', :until)
                        on conflict (key) do update set blocked_until = greatest(a.blocked_until, excluded.blocked_until)""")
                .bind("k", key).bind("until", ts(until)).execute());
    }

    @Override
    public void reset(String key) {
        tx.onPlatform(h -> h.createUpdate("delete from ethiq.login_attempts where key = :k").bind("k", key).execute());
    }

    /** Deletes counters whose window started and hold ended before {@code cutoff}; returns how many. */
    public int purgeOlderThan(Instant cutoff) {
        return tx.onPlatform(h -> h.createUpdate("delete from ethiq.login_attempts where window_start < :c and blocked_until < :c")
                .bind("c", ts(cutoff)).execute());
    }

    private static AttemptState state(ResultSet rs) throws SQLException {
        return new AttemptState(rs.getInt("failures"), instant(rs, "window_start"), instant(rs, "blocked_until"));
    }
}
