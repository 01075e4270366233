package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@link NumberPool} on PostgreSQL, platform path only (the app role has no privilege on the pool). Assignment
 * locks the account, then takes one free number with {@code FOR UPDATE SKIP LOCKED}, so concurrent sign-ups
 * never share a number and never wait on each other; it also sets the account's number, in the same transaction.
 * Assigning to an account that already holds a pool number returns that number. Assignments and releases are
 * audited in the tenant's chain. Thread-safe.
 */
public final class JdbiNumberPool implements NumberPool {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final TenantTransactions tx;
    private final IdGenerator ids;
    private final Clock clock;

    JdbiNumberPool(TenantTransactions tx, IdGenerator ids, Clock clock) {
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    private static String region(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("'region' must be 1-40 letters, digits, '_' or '-', got '" + region + "'");
        }
        return region;
    }

    @Override
    public void add(PhoneNumber number, String region) {
        Objects.requireNonNull(number, "'number' must not be null");
        String r = region(region);
        tx.onPlatform(h -> h.createUpdate("""
                        insert into ethiq.number_pool (phone_number, region) values (:number, :region)
                        on conflict (phone_number) do nothing""")
                .bind("number", number.e164())
                .bind("region", r)
                .execute());
    }

    @Override
    public Optional<PhoneNumber> assign(TenantId tenant, String region, Instant now) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(now, "'now' must not be null");
        String r = region(region);
        return tx.onPlatform(h -> {
            // Locking the account serialises two assignments for the same account (a retried sign-up).
            boolean live = h.createQuery("select 1 from ethiq.accounts where id = :t and erased_at is null for update")
                    .bind("t", tenant.value()).mapTo(Integer.class).findOne().isPresent();
            if (!live) {
                return Optional.<PhoneNumber>empty();
            }
            Optional<String> held = h.createQuery("select phone_number from ethiq.number_pool where assigned_to = :t")
                    .bind("t", tenant.value()).mapTo(String.class).findOne();
            if (held.isPresent()) {
                return held.map(PhoneNumber::of);
            }
            Optional<String> taken = h.createQuery("""
                            with free as (
                                select phone_number from ethiq.number_pool
                                 where region = :region and assigned_to is null and available_at <= :now
                                 order by available_at, phone_number
                                 limit 1
                                   for update skip locked)
                            update ethiq.number_pool p set assigned_to = :t, assigned_at = :now
                              from free where p.phone_number = free.phone_number
                            returning p.phone_number""")
                    .bind("region", r)
                    .bind("now", Sql.ts(now))
                    .bind("t", tenant.value())
                    .mapTo(String.class)
                    .findOne();
            if (taken.isEmpty()) {
                return Optional.<PhoneNumber>empty();
            }
            h.createUpdate("update ethiq.accounts set twilio_phone_number = :number, updated_at = now() where id = :t")
                    .bind("number", taken.get())
                    .bind("t", tenant.value())
                    .execute();
            PhoneNumber number = PhoneNumber.of(taken.get());
            AuditRows.platformAction(h, ids.newId(), tenant, "platform", "number.assigned", number.masked(), clock.instant(),
                    Map.of("region", r));
            return Optional.of(number);
        });
    }

    @Override
    public boolean release(TenantId tenant, PhoneNumber number, Instant availableAt) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        Objects.requireNonNull(availableAt, "'availableAt' must not be null");
        return tx.onPlatform(h -> {
            int released = h.createUpdate("""
                            update ethiq.number_pool set assigned_to = null, assigned_at = null, available_at = :available
                             where phone_number = :number and assigned_to = :t""")
                    .bind("available", Sql.ts(availableAt))
                    .bind("number", number.e164())
                    .bind("t", tenant.value())
                    .execute();
            if (released == 0) {
                return false;
            }
            // the number must stop routing to this account now, or a future tenant could not take it
            h.createUpdate("""
                            update ethiq.accounts set twilio_phone_number = null, updated_at = now()
                             where id = :t and twilio_phone_number = :number""")
                    .bind("t", tenant.value())
                    .bind("number", number.e164())
                    .execute();
            AuditRows.platformAction(h, ids.newId(), tenant, "platform", "number.released", number.masked(), clock.instant(),
                    Map.of("available_at", availableAt.toString()));
            return true;
        });
    }

    @Override
    public List<PoolEntry> entries() {
        return tx.platformRead(h -> h.createQuery("""
                        select phone_number, region, assigned_to, available_at from ethiq.number_pool order by region, phone_number""")
                .map((rs, ctx) -> {
                    UUID assigned = Sql.uuid(rs, "assigned_to");
                    return new PoolEntry(PhoneNumber.of(rs.getString("phone_number")), rs.getString("region"),
                            assigned == null ? null : new TenantId(assigned), Sql.instant(rs, "available_at"));
                })
                .list());
    }
}
