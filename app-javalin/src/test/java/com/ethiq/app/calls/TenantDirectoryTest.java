package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.port.Tenants;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The call path's tenant cache: one store read per number, dropped on a change notice. */
class TenantDirectoryTest {
    private final InMemoryTenants store = new InMemoryTenants();
    private final AtomicInteger reads = new AtomicInteger();
    private final Tenants counting = new Tenants() {
        @Override
        public Optional<Tenant> findByCalledNumber(PhoneNumber n) {
            reads.incrementAndGet();
            return store.findByCalledNumber(n);
        }

        @Override
        public Optional<Tenant> findById(TenantId t) {
            reads.incrementAndGet();
            return store.findById(t);
        }

        @Override
        public void create(Tenant t) {
            store.create(t);
        }

        @Override
        public boolean updateStatus(TenantId t, AccountStatus s) {
            return store.updateStatus(t, s);
        }

        @Override
        public boolean updateSettings(TenantId t, TenantSettings s) {
            return store.updateSettings(t, s);
        }
    };
    private final InMemoryTenantSecrets secrets = new InMemoryTenantSecrets();
    private final TenantDirectory directory = new TenantDirectory(counting, secrets, Duration.ofMinutes(5));
    private final PhoneNumber number = PhoneNumber.of("+33970000201");
    private final Tenant tenant = new Tenant(TenantId.random(), "Mme Cache", AccountStatus.ACTIVE, number,
            SipAddress.of("sip:cache@x.sip.twilio.com"), TenantSettings.defaults(), Instant.now());

    @Test
    void cachesAndForgetsOnChange() {
        store.create(tenant);
        secrets.storeTelephony(tenant.id(), new TelephonyCredentials("AC" + "0".repeat(32), Secret.of("tok")));
        for (int i = 0; i < 5; i++) {
            assertThat(directory.byCalledNumber(number)).map(Tenant::status).contains(AccountStatus.ACTIVE);
        }
        assertThat(reads.get()).isEqualTo(1);
        assertThat(directory.byId(tenant.id())).isPresent();
        assertThat(reads.get()).as("filled by the number lookup").isEqualTo(1);
        assertThat(directory.credentials(tenant.id())).isPresent();
        assertThat(directory.byAccountSid("AC" + "0".repeat(32))).contains(tenant.id());

        store.updateStatus(tenant.id(), AccountStatus.SUSPENDED);
        assertThat(directory.byCalledNumber(number)).map(Tenant::status).contains(AccountStatus.ACTIVE); // stale until told
        directory.invalidate(tenant.id());
        assertThat(directory.byCalledNumber(number)).map(Tenant::status).contains(AccountStatus.SUSPENDED);
        assertThat(directory.byId(tenant.id())).map(Tenant::status).contains(AccountStatus.SUSPENDED);
    }

    @Test
    void unknownNumbersAreCachedBriefly() {
        PhoneNumber unknown = PhoneNumber.of("+33970000299");
        for (int i = 0; i < 3; i++) {
            assertThat(directory.byCalledNumber(unknown)).isEmpty();
        }
        assertThat(reads.get()).isEqualTo(1);
        directory.invalidateAll();
        assertThat(directory.byCalledNumber(unknown)).isEmpty();
        assertThat(reads.get()).isEqualTo(2);
    }
}
