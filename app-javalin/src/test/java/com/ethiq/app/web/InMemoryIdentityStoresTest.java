package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.Adapters;
import com.ethiq.app.RosterTenants;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryNumberPool;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.fake.InMemoryTenants;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** `./ethiq serve --in-memory`: a number taken from the pool must reach the tenant the call path looks up. */
class InMemoryIdentityStoresTest {
    @Test
    void poolAssignmentsLandOnTheTenantsTheAppServes() {
        RosterTenants tenants = new RosterTenants(new InMemoryTenants());
        InMemoryTenantSecrets secrets = new InMemoryTenantSecrets(Clock.systemUTC());
        Adapters adapters = Adapters.builder().tenants(tenants).roster(tenants).emergencyContacts(new InMemoryEmergencyContacts())
                .callLogs(new InMemoryCallLogs()).alertOutbox(new InMemoryAlertOutbox()).usageLedger(new InMemoryUsageLedger())
                .auditTrail(new InMemoryAuditTrail()).tenantSecrets(secrets).callControl(new RecordingCallControl(secrets, Clock.systemUTC()))
                .speechTranscriber(new ScriptedSpeechTranscriber()).build();
        TenantId id = TenantId.random();
        tenants.create(new Tenant(id, "Mme Durand", AccountStatus.ACTIVE, null, SipAddress.of("sip:durand@home.sip.twilio.com"),
                TenantSettings.defaults(), Instant.EPOCH));

        InMemoryNumberPool pool = (InMemoryNumberPool) ManagementModule.IdentityStores.inMemory(adapters).numberPool();
        pool.add(PhoneNumber.of("+33199000001"), "FR");
        assertThat(pool.assign(id, "FR", Instant.EPOCH)).contains(PhoneNumber.of("+33199000001"));

        assertThat(tenants.findById(id).flatMap(Tenant::number)).contains(PhoneNumber.of("+33199000001"));
        assertThat(tenants.findByCalledNumber(PhoneNumber.of("+33199000001"))).map(Tenant::id).contains(id);
    }

}
