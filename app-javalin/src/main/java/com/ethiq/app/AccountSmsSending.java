package com.ethiq.app;

import com.ethiq.adapter.twilio.SmsSending;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS sender of each account: its own registered alphanumeric sender ID and/or Messaging Service when it stored
 * one ({@link AccountTelephony}, edited through the management API), else the platform's. The platform's validity
 * period applies to all. A store that cannot answer, or a stored service that is not a Twilio {@code MG…} SID, falls
 * back to the platform's sender: an alert must still leave. Thread-safe.
 */
public final class AccountSmsSending implements SmsSending.PerAccount {
    private static final Logger log = LoggerFactory.getLogger(AccountSmsSending.class);

    private final AccountTelephony accounts;
    private final SmsSending platform;

    public AccountSmsSending(AccountTelephony accounts, SmsSending platform) {
        this.accounts = Objects.requireNonNull(accounts, "'accounts' must not be null");
        this.platform = Objects.requireNonNull(platform, "'platform' must not be null");
    }

    @Override
    public SmsSending forTenant(TenantId tenant) {
        Optional<TelephonyPreferences> own;
        try {
            own = accounts.find(tenant);
        } catch (RuntimeException e) {
            log.warn("account telephony of tenant {} unavailable, the platform's SMS sender is used: {}", tenant, e.toString());
            return platform;
        }
        if (own.isEmpty() || (own.get().senderId().isEmpty() && own.get().service().isEmpty())) {
            return platform;
        }
        try {
            return new SmsSending(own.get().senderId(), own.get().service(), platform.validityPeriod());
        } catch (IllegalArgumentException e) {
            log.warn("tenant {} has an unusable SMS sender ({}), the platform's is used", tenant, e.getMessage());
            return platform;
        }
    }
}
