package com.ethiq.adapter.supabase;

import com.ethiq.core.port.InstitutionDirectories;
import java.util.Optional;

/**
 * {@link InstitutionDirectories} on PostgreSQL, as the platform role (platform data, no tenant): the newest row is the
 * current version; the unique version makes a second publication of the same version a no-op. Thread-safe.
 */
final class JdbiInstitutionDirectories implements InstitutionDirectories {
    private final TenantTransactions tx;

    JdbiInstitutionDirectories(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Published> current() {
        // the newest publication wins; two at the same instant (never in practice) are ordered by version
        return tx.platformRead(h -> h.createQuery("""
                        select version, body, published_at, published_by from ethiq.institution_directories
                         order by published_at desc, version desc limit 1""")
                .map((rs, ctx) -> new Published(rs.getString("version"), rs.getString("body"),
                        Sql.instant(rs, "published_at"), rs.getString("published_by")))
                .findOne());
    }

    @Override
    public boolean publish(Published version) {
        return tx.onPlatform(h -> h.createUpdate("""
                        insert into ethiq.institution_directories (version, body, published_at, published_by)
                        values (:version, :body, :at, :by)
                        on conflict (version) do nothing""")
                .bind("version", version.version())
                .bind("body", version.text())
                .bind("at", Sql.ts(version.at()))
                .bind("by", version.actor())
                .execute() == 1);
    }
}
