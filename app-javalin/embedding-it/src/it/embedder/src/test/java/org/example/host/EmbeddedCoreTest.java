package org.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.FraudCore;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.fake.InMemoryAlertOutbox;
import com.ethiq.core.fake.InMemoryAuditTrail;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryUsageLedger;
import com.ethiq.core.fake.RecordingCallControl;
import com.ethiq.core.fake.ScriptedSpeechTranscriber;
import com.ethiq.core.usecase.IncomingCall;
import com.ethiq.core.usecase.IncomingCallDecision;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The core embedded without any HTTP server, on the fakes. */
class EmbeddedCoreTest {
    @Test
    void aCallToAnActiveTenantsNumberIsProtected() {
        Clock clock = Clock.systemUTC();
        InMemoryTenants tenants = new InMemoryTenants();
        FraudCore core = FraudCore.builder()
                .tenants(tenants)
                .emergencyContacts(new InMemoryEmergencyContacts())
                .callLogs(new InMemoryCallLogs())
                .alertOutbox(new InMemoryAlertOutbox())
                .usageLedger(new InMemoryUsageLedger())
                .auditTrail(new InMemoryAuditTrail())
                .callControl(new RecordingCallControl(clock))
                .speechTranscriber(new ScriptedSpeechTranscriber())
                .clock(clock)
                .build();
        PhoneNumber number = PhoneNumber.of("+33970000001");
        Tenant tenant = new Tenant(TenantId.random(), "Marie", AccountStatus.ACTIVE, number,
                SipAddress.of("sip:marie@home.sip.example.com"), TenantSettings.defaults(), Instant.now(clock));
        tenants.create(tenant);

        IncomingCall call = new IncomingCall(CallSid.of("CA0123456789abcdef0123456789abcdef"), "+33611111111", number);
        IncomingCallDecision decision = core.incomingCalls().decide(call, core.incomingCalls().resolve(number));

        assertThat(decision).isInstanceOf(IncomingCallDecision.Protect.class);
    }
}
