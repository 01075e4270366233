package com.ethiq.core.management.identity;

import com.ethiq.core.management.TestWorld;
import static com.ethiq.core.management.TestWorld.ORIGIN;
import static com.ethiq.core.management.TestWorld.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AuditEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthServiceTest {
    private final TestWorld w = new TestWorld();

    private SessionTokens login(String email, String password) {
        return ((LoginResult.SignedIn) w.core.auth().login(new Credentials.Login(email, password), ORIGIN)).tokens();
    }

    @Test
    void signUpOfATakenAddressLooksExactlyLikeASuccess() {
        String email = w.newEmail();
        w.core.auth().signUp(new Credentials.SignUp(email, PASSWORD, "First"), ORIGIN);
        String firstHash = w.users.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash();
        w.core.auth().signUp(new Credentials.SignUp(email.toUpperCase(), "another long password", "Second"), ORIGIN);
        assertThat(w.users.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash()).isEqualTo(firstHash);
        assertThat(w.audit.events(null)).extracting(AuditEvent::action).containsExactly("user.signed_up", "user.sign_up_duplicate");
    }

    @Test
    void signUpRejectsWeakPasswordsWithAClearMessage() {
        assertThatThrownBy(() -> w.core.auth().signUp(new Credentials.SignUp(w.newEmail(), "short", null), ORIGIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8");
        assertThatThrownBy(() -> w.core.auth().signUp(new Credentials.SignUp(w.newEmail(), "azertyuiop", null), ORIGIN))
                .hasMessageContaining("too common");
        assertThatThrownBy(() -> w.core.auth().signUp(new Credentials.SignUp("not-an-email", PASSWORD, null), ORIGIN))
                .hasMessageContaining("'email'");
    }

    @Test
    void unknownUserWrongPasswordAndDisabledUserFailIdenticallyAndAllHash() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        String disabled = w.newEmail();
        Actor d = w.signUpAndLogIn(disabled);
        w.users.updateDisabled(d.user(), true);
        int before = w.hasher.verifications();
        List<Credentials.Login> attempts = List.of(new Credentials.Login("nobody@example.org", PASSWORD),
                new Credentials.Login(email, "wrong password!"), new Credentials.Login(disabled, PASSWORD),
                new Credentials.Login("garbage", PASSWORD));
        for (Credentials.Login a : attempts) {
            assertThatThrownBy(() -> w.core.auth().login(a, ORIGIN)).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessage(AuthenticationFailedException.MESSAGE);
        }
        assertThat(w.hasher.verifications() - before).isEqualTo(attempts.size());
        assertThat(w.audit.events(null).stream().filter(e -> e.action().equals("auth.login_failed"))
                .map(e -> e.details().get("reason"))).containsExactly("unknown_user", "bad_password", "disabled", "unknown_user");
    }

    @Test
    void accountThrottlingHoldsBackAfterFiveFailuresAndDoublesThenExpires() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> login(email, "wrong password!")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> login(email, "wrong password!")).isInstanceOf(AuthenticationFailedException.class);
        // Sixth failure: held back 30 s, even with the right password, and for unknown e-mails alike.
        assertThatThrownBy(() -> login(email, PASSWORD)).isInstanceOf(TooManyAttemptsException.class)
                .extracting(e -> ((TooManyAttemptsException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
        w.clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> login(email, "wrong password!")).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> login(email, PASSWORD)).isInstanceOf(TooManyAttemptsException.class)
                .extracting(e -> ((TooManyAttemptsException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        w.clock.advance(Duration.ofSeconds(61));
        assertThat(login(email, PASSWORD).refreshToken()).isNotBlank();
    }

    @Test
    void unknownAddressesAreThrottledTheSameWay() {
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> login("ghost@example.org", "whatever pass")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> login("ghost@example.org", "whatever pass")).isInstanceOf(TooManyAttemptsException.class);
    }

    @Test
    void perIpThrottlingCoversSprayingAcrossAccounts() {
        for (int i = 0; i < 51; i++) {
            String e = "spray" + i + "@example.org";
            assertThatThrownBy(() -> login(e, "whatever pass")).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThatThrownBy(() -> login("fresh@example.org", "whatever pass")).isInstanceOf(TooManyAttemptsException.class);
        RequestOrigin elsewhere = new RequestOrigin("192.0.2.50", "x");
        assertThatThrownBy(() -> w.core.auth().login(new Credentials.Login("fresh@example.org", "whatever pass"), elsewhere))
                .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void refreshRotatesAndAReplayRevokesTheWholeFamily() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        SessionTokens r1 = login(email, PASSWORD);
        SessionTokens r2 = w.core.auth().refresh(r1.refreshToken(), ORIGIN);
        SessionTokens r3 = w.core.auth().refresh(r2.refreshToken(), ORIGIN);
        assertThat(r3.sessionId()).isEqualTo(r1.sessionId());
        assertThat(List.of(r1.refreshToken(), r2.refreshToken(), r3.refreshToken())).doesNotHaveDuplicates();
        Actor beforeReplay = w.actorOf(r3);
        assertThat(beforeReplay.sessionId()).isEqualTo(r1.sessionId());

        assertThatThrownBy(() -> w.core.auth().refresh(r1.refreshToken(), ORIGIN)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> w.core.auth().refresh(r3.refreshToken(), ORIGIN)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> w.actorOf(r3)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(w.audit.events(null)).extracting(AuditEvent::action).contains("auth.refresh_reuse_detected");
    }

    @Test
    void refreshKeepsTheOriginalAuthTimeAndSessionsEndAtTheirAbsoluteLimit() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        SessionTokens t = login(email, PASSWORD);
        var loginTime = w.clock.instant();
        for (int day = 0; day < 29; day++) {
            w.clock.advance(Duration.ofDays(1));
            t = w.core.auth().refresh(t.refreshToken(), ORIGIN);
        }
        assertThat(w.actorOf(t).authTime()).isEqualTo(loginTime);
        w.clock.advance(Duration.ofDays(1).plusSeconds(1));
        String last = t.refreshToken();
        assertThatThrownBy(() -> w.core.auth().refresh(last, ORIGIN)).isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void logoutEndsTheSessionAndItsAccessTokensButNotOtherSessions() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        SessionTokens phone = login(email, PASSWORD);
        SessionTokens laptop = login(email, PASSWORD);
        w.core.auth().logout(w.actorOf(phone));
        assertThatThrownBy(() -> w.actorOf(phone)).isInstanceOf(AuthenticationFailedException.class);
        assertThatThrownBy(() -> w.core.auth().refresh(phone.refreshToken(), ORIGIN)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(w.actorOf(laptop).user()).isNotNull();
    }

    @Test
    void passwordChangeEndsEverySessionAndReturnsAFreshOne() {
        String email = w.newEmail();
        Actor a = w.signUpAndLogIn(email);
        SessionTokens other = login(email, PASSWORD);
        SessionTokens fresh = w.core.profile().changePassword(a, new Credentials.PasswordChange(PASSWORD, "a brand new passphrase"));
        assertThatThrownBy(() -> w.actorOf(other)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(w.actorOf(fresh).user()).isEqualTo(a.user());
        assertThatThrownBy(() -> login(email, PASSWORD)).isInstanceOf(AuthenticationFailedException.class);
        assertThat(login(email, "a brand new passphrase")).isNotNull();
    }

    @Test
    void passwordChangeNeedsARecentLogin() {
        Actor a = w.signUpAndLogIn(w.newEmail());
        w.clock.advance(Duration.ofMinutes(6));
        assertThatThrownBy(() -> w.core.profile().changePassword(a, new Credentials.PasswordChange(PASSWORD, "another passphrase")))
                .isInstanceOf(StepUpRequiredException.class);
        TokenIssuer.IssuedToken stepped = w.core.auth().stepUp(a, new Credentials.StepUp(PASSWORD, null, null));
        Actor fresh = w.actorOf(stepped);
        assertThat(fresh.sessionId()).isEqualTo(a.sessionId());
        assertThat(w.core.profile().changePassword(fresh, new Credentials.PasswordChange(PASSWORD, "another passphrase"))).isNotNull();
    }

    @Test
    void weakerHashesAreUpgradedAtLogin() {
        String email = w.newEmail();
        w.signUpAndLogIn(email);
        String old = w.users.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash();
        w.hasher.bumpParameters();
        login(email, PASSWORD);
        String upgraded = w.users.findByEmail(EmailAddress.of(email)).orElseThrow().passwordHash();
        assertThat(upgraded).isNotEqualTo(old);
        assertThat(w.hasher.needsRehash(upgraded)).isFalse();
    }

    @Test
    void sessionsAreListedAndOnlyTheOwnerCanRevokeThem() {
        String email = w.newEmail();
        Actor a = w.signUpAndLogIn(email);
        login(email, PASSWORD);
        List<Session> sessions = w.core.profile().sessions(a);
        assertThat(sessions).hasSize(2).filteredOn(Session::current).hasSize(1);
        Actor stranger = w.signUpAndLogIn(w.newEmail());
        Session other = sessions.stream().filter(s -> !s.current()).findFirst().orElseThrow();
        assertThatThrownBy(() -> w.core.profile().revokeSession(stranger, other.id())).isInstanceOf(NotFoundException.class);
        w.core.profile().revokeSession(a, other.id());
        assertThat(w.core.profile().sessions(a)).hasSize(1);
    }

    @Test
    void aTokenWhoseWholeSecondIatFallsInTheSecondOfSignUpIsAccepted() {
        w.clock.set(java.time.Instant.parse("2025-03-01T10:00:07.900Z"));
        Actor a = w.signUpAndLogIn(w.newEmail());
        // what a JWT carries: iat truncated to the second, before the sign-up's millisecond instant
        AccessClaims fromJwt = new AccessClaims(a.user(), a.sessionId(), a.authTime(), a.methods(),
                java.time.Instant.parse("2025-03-01T10:00:07Z"), "x");
        assertThat(w.core.auth().authenticate(fromJwt, ORIGIN).user()).isEqualTo(a.user());
        AccessClaims older = new AccessClaims(a.user(), a.sessionId(), a.authTime(), a.methods(),
                java.time.Instant.parse("2025-03-01T10:00:06Z"), "x");
        assertThatThrownBy(() -> w.core.auth().authenticate(older, ORIGIN)).isInstanceOf(AuthenticationFailedException.class);
    }
}
