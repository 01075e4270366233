package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.SingleUseTokens;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link SingleUseTokens} on PostgreSQL ({@code ethiq.media_token_uses}, V88): the token's first insert wins on every
 * node; the same transaction deletes the account's expired uses, so the table holds only live tokens. Thread-safe.
 */
public final class JdbiSingleUseTokens implements SingleUseTokens {
    private final TenantTransactions tx;

    JdbiSingleUseTokens(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean use(TenantId tenant, String tokenId, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "'tokenId' must not be null");
        Objects.requireNonNull(expiresAt, "'expiresAt' must not be null");
        return tx.inTenant(tenant, h -> {
            h.createUpdate("delete from ethiq.media_token_uses where account_id = :t and expires_at < now()")
                    .bind("t", tenant.value()).execute();
            return h.createUpdate("""
                            insert into ethiq.media_token_uses (account_id, token_id, expires_at)
                            values (:t, :id, :exp)
                            on conflict (account_id, token_id) do nothing""")
                    .bind("t", tenant.value())
                    .bind("id", tokenId)
                    .bind("exp", Sql.ts(expiresAt))
                    .execute() == 1;
        });
    }
}
