package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.InMemoryStores;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** `./ethiq serve --in-memory`: a number taken from the pool must reach the tenant the call path looks up. */
class InMemoryIdentityStoresTest {
    @Test
    void poolAssignmentsLandOnTheTenantsTheAppServes() {
        InMemoryStores stores = InMemoryStores.create(Clock.systemUTC());
        TenantId id = TenantId.random();
        stores.tenants().create(new Tenant(id, "Mme Durand", AccountStatus.ACTIVE, null,
                SipAddress.of("sip:durand@home.sip.twilio.com"), TenantSettings.defaults(), Instant.EPOCH));

        stores.numberPool().add(PhoneNumber.of("+33199000001"), "FR");
        assertThat(stores.identity().numberPool().assign(id, "FR", Instant.EPOCH)).contains(PhoneNumber.of("+33199000001"));

        assertThat(stores.tenants().findById(id).flatMap(Tenant::number)).contains(PhoneNumber.of("+33199000001"));
        assertThat(stores.tenants().findByCalledNumber(PhoneNumber.of("+33199000001"))).map(Tenant::id).contains(id);
    }
}
