package com.ethiq.core.management.identity;

import com.ethiq.core.management.TestWorld;
import static com.ethiq.core.management.TestWorld.ORIGIN;
import static com.ethiq.core.management.TestWorld.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.Secret;
import com.ethiq.core.fake.ScriptedTotpCodes;
import com.ethiq.core.port.ConflictException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwoFactorServiceTest {
    private final TestWorld w = new TestWorld();

    /** Enrols the user and returns the recovery codes; the actor is replaced by the fresh session's. */
    private record Enrolled(Actor actor, Secret seed, java.util.List<String> codes) {
    }

    private Enrolled enrol(Actor a) {
        TwoFactorService.Enrolment e = w.core.twoFactor().begin(a);
        Secret seed = Secret.of(e.secret());
        TwoFactorService.Confirmation c = w.core.twoFactor().confirm(a, ScriptedTotpCodes.codeAt(seed, w.clock.instant()));
        return new Enrolled(w.actorOf(c.tokens()), seed, c.recoveryCodes());
    }

    private LoginResult login(String email) {
        return w.core.auth().login(new Credentials.Login(email, PASSWORD), ORIGIN);
    }

    @Test
    void enrolmentGivesAnOtpauthUriAndTakesEffectOnlyAfterAValidCode() {
        String email = w.newEmail();
        Actor a = w.signUpAndLogIn(email);
        TwoFactorService.Enrolment e = w.core.twoFactor().begin(a);
        assertThat(e.otpauthUri()).startsWith("otpauth://totp/").contains("secret=" + e.secret()).contains("issuer=Ethiq");
        assertThat(login(email)).isInstanceOf(LoginResult.SignedIn.class);
        assertThatThrownBy(() -> w.core.twoFactor().confirm(a, "000000")).isInstanceOf(IllegalArgumentException.class);
        assertThat(w.twoFactor.find(a.user()).orElseThrow().confirmed()).isFalse();
    }

    @Test
    void confirmationIssuesTenHashedRecoveryCodesAndEndsOtherSessions() {
        String email = w.newEmail();
        Actor a = w.signUpAndLogIn(email);
        Actor other = w.actorOf(((LoginResult.SignedIn) login(email)).tokens());
        Enrolled en = enrol(a);
        assertThat(en.codes()).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("([a-z2-7]{4}-){5}[a-z2-7]{4}"));
        assertThat(w.twoFactor.remainingRecoveryCodes(a.user())).isEqualTo(10);
        assertThat(en.actor().methods()).contains(AuthMethod.OTP);
        assertThatThrownBy(() -> w.core.auth().authenticate(
                new AccessClaims(other.user(), other.sessionId(), other.authTime(), other.methods(), w.clock.instant(), "x"), ORIGIN))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> w.core.twoFactor().begin(en.actor())).isInstanceOf(ConflictException.class);
    }

    @Test
    void loginThenNeedsTheCodeAndTheSameCodeCannotBeReplayed() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        w.clock.advance(Duration.ofSeconds(30));
        LoginResult r = login(email);
        assertThat(r).isInstanceOf(LoginResult.SecondFactorRequired.class);
        String challenge = ((LoginResult.SecondFactorRequired) r).challenge().value();
        String code = ScriptedTotpCodes.codeAt(en.seed(), w.clock.instant());
        SessionTokens t = w.core.auth().completeSecondFactor(new Credentials.SecondFactor(challenge, code, null), ORIGIN);
        assertThat(w.actorOf(t).methods()).containsExactlyInAnyOrder(AuthMethod.PWD, AuthMethod.OTP);
        String challenge2 = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        assertThatThrownBy(() -> w.core.auth().completeSecondFactor(new Credentials.SecondFactor(challenge2, code, null), ORIGIN))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void recoveryCodesWorkOnceInAnySpellingAndAreAudited() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        String code = en.codes().get(3);
        String challenge = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        SessionTokens t = w.core.auth().completeSecondFactor(
                new Credentials.SecondFactor(challenge, null, " " + code.toUpperCase().replace("-", " ") + " "), ORIGIN);
        assertThat(w.actorOf(t).methods()).contains(AuthMethod.RECOVERY);
        assertThat(w.twoFactor.remainingRecoveryCodes(en.actor().user())).isEqualTo(9);
        String again = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        assertThatThrownBy(() -> w.core.auth().completeSecondFactor(new Credentials.SecondFactor(again, null, code), ORIGIN))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(w.audit.events(null)).extracting(AuditEvent::action).contains("auth.recovery_code_used", "auth.second_factor_failed");
    }

    @Test
    void wrongCodesAreThrottledPerUserEvenAcrossNewChallenges() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        for (int i = 0; i < 6; i++) {
            String ch = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
            assertThatThrownBy(() -> w.core.auth().completeSecondFactor(new Credentials.SecondFactor(ch, "123456", null), ORIGIN))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
        String ch = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        String good = ScriptedTotpCodes.codeAt(en.seed(), w.clock.instant().plusSeconds(30));
        assertThatThrownBy(() -> w.core.auth().completeSecondFactor(new Credentials.SecondFactor(ch, good, null), ORIGIN))
                .isInstanceOf(TooManyAttemptsException.class);
        w.clock.advance(Duration.ofSeconds(31));
        String ch2 = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        String now = ScriptedTotpCodes.codeAt(en.seed(), w.clock.instant());
        assertThat(w.core.auth().completeSecondFactor(new Credentials.SecondFactor(ch2, now, null), ORIGIN)).isNotNull();
    }

    @Test
    void anExpiredChallengeIsRefused() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        String ch = ((LoginResult.SecondFactorRequired) login(email)).challenge().value();
        w.clock.advance(Duration.ofMinutes(6));
        String code = ScriptedTotpCodes.codeAt(en.seed(), w.clock.instant());
        assertThatThrownBy(() -> w.core.auth().completeSecondFactor(new Credentials.SecondFactor(ch, code, null), ORIGIN))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void stepUpForAUserWith2faNeedsTheSecondFactorToo() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        w.clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> w.core.twoFactor().regenerateRecoveryCodes(en.actor())).isInstanceOf(StepUpRequiredException.class)
                .extracting(e -> ((StepUpRequiredException) e).secondFactor()).isEqualTo(true);
        assertThatThrownBy(() -> w.core.auth().stepUp(en.actor(), new Credentials.StepUp(PASSWORD, null, null)))
                .isInstanceOf(IllegalArgumentException.class);
        String code = ScriptedTotpCodes.codeAt(en.seed(), w.clock.instant());
        Actor stepped = w.actorOf(w.core.auth().stepUp(en.actor(), new Credentials.StepUp(PASSWORD, code, null)));
        assertThat(w.core.twoFactor().regenerateRecoveryCodes(stepped)).hasSize(10);
        assertThat(w.core.twoFactor().regenerateRecoveryCodes(stepped)).doesNotContainAnyElementsOf(en.codes());
    }

    @Test
    void disablingEndsSessionsAndLoginNoLongerAsksForACode() {
        String email = w.newEmail();
        Enrolled en = enrol(w.signUpAndLogIn(email));
        SessionTokens fresh = w.core.twoFactor().disable(en.actor());
        assertThatThrownBy(() -> w.core.auth().authenticate(new AccessClaims(en.actor().user(), en.actor().sessionId(),
                en.actor().authTime(), en.actor().methods(), w.clock.instant(), "x"), ORIGIN))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(w.actorOf(fresh)).isNotNull();
        assertThat(login(email)).isInstanceOf(LoginResult.SignedIn.class);
    }
}
