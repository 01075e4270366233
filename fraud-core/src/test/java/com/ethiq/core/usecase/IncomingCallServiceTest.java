package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.Tenant;
import org.junit.jupiter.api.Test;

class IncomingCallServiceTest {
    private final CoreHarness h = new CoreHarness();
    private final IncomingCallService service = h.core.incomingCalls();

    private IncomingCallDecision call(String sid, String to) {
        IncomingCall call = new IncomingCall(CallSid.of(sid), "+33700000001", PhoneNumber.of(to));
        return service.decide(call, service.resolve(call.to()));
    }

    @Test
    void activeAccountsAreProtectedInATenantScopedConference() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        IncomingCallDecision d = call("CA1", "+33100000001");
        assertThat(d).isInstanceOf(IncomingCallDecision.Protect.class);
        var protect = (IncomingCallDecision.Protect) d;
        assertThat(protect.tenant().id()).isEqualTo(t.id());
        assertThat(protect.conference().value()).contains(t.id().value().toString()).doesNotContain("+337");
        assertThat(h.callLogs.find(t.id(), CallSid.of("CA1")).orElseThrow().protection()).isEqualTo(CallProtection.PROTECTED);
    }

    @Test
    void suspendedAccountsStillReceiveCallsUnprotected() {
        Tenant t = h.tenant("Papi Louis", "+33100000002", AccountStatus.SUSPENDED);
        assertThat(call("CA2", "+33100000002")).isInstanceOf(IncomingCallDecision.ConnectUnprotected.class);
        assertThat(h.callLogs.find(t.id(), CallSid.of("CA2")).orElseThrow().protection())
                .isEqualTo(CallProtection.UNPROTECTED_ACCOUNT_SUSPENDED);
    }

    @Test
    void cancelledAndUnknownNumbersAreRejected() {
        h.tenant("Ancien client", "+33100000003", AccountStatus.CANCELLED);
        assertThat(call("CA3", "+33100000003")).isEqualTo(new IncomingCallDecision.Reject("account_cancelled", true));
        assertThat(call("CA4", "+33199999999")).isEqualTo(new IncomingCallDecision.Reject("unknown_number", false));
        assertThat(h.audit.all()).anyMatch(e -> e.action().equals("call.rejected_unknown_number") && e.tenant() == null);
    }

    @Test
    void aRetriedWebhookLogsTheCallOnce() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        call("CA5", "+33100000001");
        call("CA5", "+33100000001");
        assertThat(h.callLogs.recent(t.id(), null, 10)).hasSize(1);
        assertThat(h.audit.recent(t.id(), 10)).filteredOn(e -> e.action().equals("call.protected")).hasSize(1);
    }

    @Test
    void protectingACallRingsTheProtectedPersonIntoItsConference() {
        Tenant t = h.tenant("Mamie Jeanne", "+33100000001", AccountStatus.ACTIVE);
        var protect = (IncomingCallDecision.Protect) call("CA6", "+33100000001");
        assertThat(h.callControl.participants).as("rung off the webhook's thread, not during the decision").isEmpty();

        h.rings.runAll();

        assertThat(h.callControl.participants).singleElement().satisfies(p -> {
            assertThat(p.tenant()).isEqualTo(t.id());
            assertThat(p.conference()).isEqualTo(protect.conference());
            assertThat(p.sipAddress()).isEqualTo(t.sipAddress());
        });
    }

    @Test
    void onlyProtectedCallsRingAnyone() {
        h.tenant("Papi Louis", "+33100000002", AccountStatus.SUSPENDED);
        h.tenant("Ancien client", "+33100000003", AccountStatus.CANCELLED);
        h.tenant("Pas encore", "+33100000004", AccountStatus.PROVISIONING);
        call("CA7", "+33100000002");
        call("CA8", "+33100000003");
        assertThat(call("CA9", "+33100000004")).isEqualTo(new IncomingCallDecision.Reject("account_not_live", true));
        call("CA10", "+33199999999");

        assertThat(h.rings.pending).isEmpty();
        h.rings.runAll();
        assertThat(h.callControl.participants).isEmpty();
    }
}
