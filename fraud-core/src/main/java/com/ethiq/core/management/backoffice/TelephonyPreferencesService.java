package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.port.AccountTelephony;
import java.util.Map;

/**
 * Use cases: an account's telephony choices — who hears spoken warnings (the protected person only, or everyone) and
 * the sender of its alert SMS (its own registered alphanumeric sender ID and/or messaging service; none = the
 * platform's). Reading needs the settings read permission, changing them the settings write permission; every change
 * is audited. Thread-safe.
 */
public final class TelephonyPreferencesService {
    private final AccountTelephony accounts;
    private final AccessPolicy access;
    private final AuditRecorder audit;

    public TelephonyPreferencesService(AccountTelephony accounts, AccessPolicy access, AuditRecorder audit) {
        this.accounts = accounts;
        this.access = access;
        this.audit = audit;
    }

    public TelephonyPreferences get(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.SETTINGS_READ);
        return accounts.of(tenant);
    }

    /**
     * Changes what is given: a null argument keeps the current value; a blank sender or service clears it (back to
     * the platform's sender). Invalid values raise {@link IllegalArgumentException} naming the field.
     */
    public TelephonyPreferences update(Actor actor, TenantId tenant, AnnouncementAudience audience, String smsSenderId,
                                       String messagingService) {
        return update(actor, tenant, audience, smsSenderId, messagingService, null, null);
    }

    /**
     * Same, with the account's own regulatory bundle and address (Twilio SIDs, used when a number is bought for it;
     * null keeps, blank clears back to the platform's default).
     */
    public TelephonyPreferences update(Actor actor, TenantId tenant, AnnouncementAudience audience, String smsSenderId,
                                       String messagingService, String regulatoryBundleSid, String addressSid) {
        access.require(actor, tenant, Permission.SETTINGS_WRITE);
        TelephonyPreferences current = accounts.of(tenant);
        TelephonyPreferences changed = new TelephonyPreferences(audience != null ? audience : current.audience(),
                smsSenderId != null ? smsSenderId : current.smsSenderId(),
                messagingService != null ? messagingService : current.messagingService(),
                regulatoryBundleSid != null ? regulatoryBundleSid : current.regulatoryBundleSid(),
                addressSid != null ? addressSid : current.addressSid());
        accounts.save(tenant, changed);
        audit.record(actor, tenant, "settings.telephony_changed", tenant.toString(), Map.of(
                "audience", changed.audience().wire(),
                "smsSender", changed.senderId().orElse("platform"),
                "messagingService", changed.service().isPresent() ? "own" : "platform",
                "regulatoryBundle", changed.bundle().orElse("platform"),
                "address", changed.address().orElse("platform")));
        return changed;
    }
}
