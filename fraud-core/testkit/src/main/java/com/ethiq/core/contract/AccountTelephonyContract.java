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
}
