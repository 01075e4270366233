package com.ethiq.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AccountTelephony;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AccountTelephony} must do. */
public abstract class AccountTelephonyContract {

    protected abstract AccountTelephony create();

    /** A tenant that exists in the store. */
    protected abstract TenantId newTenant();

    protected AccountTelephony accounts;

    @BeforeEach
    void setUpAccountTelephony() {
        accounts = create();
    }

    @Test
    void anAccountWithoutPreferencesGetsTheDefaults() {
        TenantId t = newTenant();
        assertThat(accounts.find(t)).isEmpty();
        assertThat(accounts.of(t)).isEqualTo(TelephonyPreferences.DEFAULT);
        assertThat(accounts.of(t).audience()).isEqualTo(AnnouncementAudience.PROTECTED_PERSON);
    }

    @Test
    void savedPreferencesAreReadBackAndReplacedPerAccount() {
        TenantId t = newTenant();
        TenantId other = newTenant();
        TelephonyPreferences mine = new TelephonyPreferences(AnnouncementAudience.EVERYONE, "MAMIE SAFE", "MG0123456789abcdef0123456789abcdef");
        accounts.save(t, mine);
        assertThat(accounts.find(t)).contains(mine);
        assertThat(accounts.find(other)).isEmpty();

        TelephonyPreferences changed = mine.withSmsSender(null, null).withAudience(AnnouncementAudience.PROTECTED_PERSON);
        accounts.save(t, changed);
        assertThat(accounts.find(t)).contains(changed);
        assertThat(accounts.of(t).senderId()).isEmpty();
    }

    @Test
    void theAccountsOwnRegulatoryBundleAndAddressAreKeptAndCleared() {
        TenantId t = newTenant();
        String bundle = "BU0123456789abcdef0123456789abcdef";
        String address = "AD0123456789abcdef0123456789abcdef";
        TelephonyPreferences mine = TelephonyPreferences.DEFAULT.withCompliance(bundle, address);
        accounts.save(t, mine);
        assertThat(accounts.of(t).bundle()).contains(bundle);
        assertThat(accounts.of(t).address()).contains(address);

        // changing the SMS sender keeps the bundle and address
        accounts.save(t, accounts.of(t).withSmsSender("MAMIE SAFE", null));
        assertThat(accounts.of(t).bundle()).contains(bundle);

        accounts.save(t, accounts.of(t).withCompliance(null, null));
        assertThat(accounts.of(t).bundle()).isEmpty();
        assertThat(accounts.of(t).address()).isEmpty();
        assertThat(accounts.of(t).senderId()).contains("MAMIE SAFE");
    }
}
