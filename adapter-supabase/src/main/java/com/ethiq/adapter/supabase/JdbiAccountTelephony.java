package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;
import java.util.Optional;

/** {@link AccountTelephony} on PostgreSQL (V85, V95), in the tenant's own transaction (forced RLS). Thread-safe. */
public final class JdbiAccountTelephony implements AccountTelephony {
    private final TenantTransactions tx;

    JdbiAccountTelephony(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<TelephonyPreferences> find(TenantId tenant) {
        return tx.inTenant(tenant, h -> h.createQuery("""
                        select audience, sms_sender_id, messaging_service, regulatory_bundle_sid, address_sid from ethiq.account_telephony where account_id = :t""")
                .bind("t", tenant.value())
                .map((rs, ctx) -> new TelephonyPreferences(AnnouncementAudience.parse(rs.getString("audience")),
                        rs.getString("sms_sender_id"), rs.getString("messaging_service"),
                        rs.getString("regulatory_bundle_sid"), rs.getString("address_sid")))
                .findOne());
    }

    @Override
    public void save(TenantId tenant, TelephonyPreferences p) {
        tx.inTenant(tenant, h -> h.createUpdate("""
                        insert into ethiq.account_telephony (account_id, audience, sms_sender_id, messaging_service,
                                                            regulatory_bundle_sid, address_sid)
                        values (:t, :audience, :sender, :service, :bundle, :address)
                        on conflict (account_id) do update
                           set audience = excluded.audience, sms_sender_id = excluded.sms_sender_id,
                               messaging_service = excluded.messaging_service,
                               regulatory_bundle_sid = excluded.regulatory_bundle_sid, address_sid = excluded.address_sid,
                               updated_at = now()""")
                .bind("t", tenant.value())
                .bind("audience", p.audience().wire())
                .bind("sender", p.smsSenderId())
                .bind("service", p.messagingService())
                .bind("bundle", p.regulatoryBundleSid())
                .bind("address", p.addressSid())
                .execute());
    }
}
