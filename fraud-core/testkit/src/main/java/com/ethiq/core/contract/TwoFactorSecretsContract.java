package com.ethiq.core.contract;

import static com.ethiq.core.contract.IdentityFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Secret;
import com.ethiq.core.management.identity.TotpState;
import com.ethiq.core.management.identity.TwoFactorSecrets;
import com.ethiq.core.management.identity.UserId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contract of {@link TwoFactorSecrets}: enrolment states, step replay protection, single-use recovery codes. */
public abstract class TwoFactorSecretsContract {
    protected abstract TwoFactorSecrets create();

    protected UserId newUser() {
        return IdentityFixtures.userId();
    }

    private TwoFactorSecrets s;

    @BeforeEach
    void setUp() {
        s = create();
    }

    @Test
    void pendingThenConfirmed() {
        UserId u = newUser();
        assertThat(s.find(u)).isEmpty();
        assertThat(s.savePending(u, Secret.of("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), T0)).isTrue();
        TotpState pending = s.find(u).orElseThrow();
        assertThat(pending.confirmed()).isFalse();
        assertThat(pending.seed().reveal()).isEqualTo("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        assertThat(s.savePending(u, Secret.of("KRUGKIDROVUWG2ZAMJZG653OEBTG66BA"), T0)).isTrue();
        assertThat(s.find(u).orElseThrow().seed().reveal()).isEqualTo("KRUGKIDROVUWG2ZAMJZG653OEBTG66BA");
        assertThat(s.confirm(u, 1000, T0.plusSeconds(1))).isTrue();
        TotpState on = s.find(u).orElseThrow();
        assertThat(on.confirmed()).isTrue();
        assertThat(on.lastAcceptedStep()).isEqualTo(1000);
        assertThat(s.savePending(u, Secret.of("MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"), T0)).isFalse();
        assertThat(s.confirm(u, 1001, T0)).isFalse();
    }

    @Test
    void aStepIsAcceptedOnceAndNeverAnEarlierOne() {
        UserId u = newUser();
        s.savePending(u, Secret.of("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), T0);
        s.confirm(u, 1000, T0);
        assertThat(s.acceptStep(u, 1000)).isFalse();
        assertThat(s.acceptStep(u, 1001)).isTrue();
        assertThat(s.acceptStep(u, 1001)).isFalse();
        assertThat(s.acceptStep(u, 999)).isFalse();
        assertThat(s.acceptStep(newUser(), 5000)).isFalse();
    }

    @Test
    void recoveryCodesAreSingleUseAndReplaced() {
        UserId u = newUser();
        s.savePending(u, Secret.of("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), T0);
        s.confirm(u, 1, T0);
        String a = IdentityFixtures.hex64("a");
        String b = IdentityFixtures.hex64("b");
        s.replaceRecoveryCodes(u, List.of(a, b), T0);
        assertThat(s.remainingRecoveryCodes(u)).isEqualTo(2);
        assertThat(s.consumeRecoveryCode(u, a, T0)).isTrue();
        assertThat(s.consumeRecoveryCode(u, a, T0)).isFalse();
        assertThat(s.remainingRecoveryCodes(u)).isEqualTo(1);
        String c = IdentityFixtures.hex64("c");
        s.replaceRecoveryCodes(u, List.of(c), T0);
        assertThat(s.consumeRecoveryCode(u, b, T0)).isFalse();
        assertThat(s.consumeRecoveryCode(newUser(), c, T0)).isFalse();
        assertThat(s.consumeRecoveryCode(u, c, T0)).isTrue();
    }

    @Test
    void disableRemovesSeedAndCodes() {
        UserId u = newUser();
        s.savePending(u, Secret.of("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"), T0);
        s.confirm(u, 1, T0);
        s.replaceRecoveryCodes(u, List.of(IdentityFixtures.hex64("z")), T0);
        s.disable(u);
        assertThat(s.find(u)).isEmpty();
        assertThat(s.remainingRecoveryCodes(u)).isZero();
    }
}
