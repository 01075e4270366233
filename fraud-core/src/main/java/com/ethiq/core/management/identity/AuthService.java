package com.ethiq.core.management.identity;

import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases: sign up, log in (password, then the second factor when enabled), refresh with rotation and reuse
 * detection, log out, authenticate a request, step up. Every outcome of a login is audited; every failure looks
 * the same to the caller (same message, a password hash computed either way) so accounts cannot be enumerated.
 * Thread-safe.
 */
public final class AuthService {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final Users users;
    private final RefreshTokens refreshTokens;
    private final TwoFactorSecrets twoFactor;
    private final PasswordHasher hasher;
    private final TokenIssuer tokens;
    private final SecondFactorCheck secondFactor;
    private final SessionIssuer sessions;
    private final Throttle throttle;
    private final AuditRecorder audit;
    private final IdGenerator ids;
    private final Clock clock;

    public AuthService(Users users, RefreshTokens refreshTokens, TwoFactorSecrets twoFactor, PasswordHasher hasher,
                TokenIssuer tokens, SecondFactorCheck secondFactor, SessionIssuer sessions, Throttle throttle,
                AuditRecorder audit, IdGenerator ids, Clock clock) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.twoFactor = twoFactor;
        this.hasher = hasher;
        this.tokens = tokens;
        this.secondFactor = secondFactor;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Creates the user unless the e-mail is taken; the caller cannot tell which happened (same answer, same work),
     * so sign-up cannot be used to test addresses. Invalid input is reported precisely.
     */
    public void signUp(Credentials.SignUp cmd, RequestOrigin origin) {
        EmailAddress email = EmailAddress.of(cmd.email());
        String password = PasswordPolicy.validate(cmd.password(), email);
        String displayName = cmd.displayName() == null ? "" : cmd.displayName().strip();
        if (displayName.length() > 120) {
            throw new IllegalArgumentException("'displayName' must be at most 120 characters");
        }
        throttle.check(Throttle.ipKey(origin.ip()));
        String hash = hasher.hash(password);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        User user = User.signUp(new UserId(ids.newId()), email, displayName, hash, now);
        try {
            users.create(user);
            audit.record("user:" + user.id(), origin, null, "user.signed_up", user.id().toString(), Map.of());
        } catch (ConflictException taken) {
            audit.record("anonymous", origin, null, "user.sign_up_duplicate", "email:" + email.fingerprint(), Map.of());
        }
    }

    /** Checks the password; throttled per account and per IP before any work. */
    public LoginResult login(Credentials.Login cmd, RequestOrigin origin) {
        String rawEmail = cmd.email() == null ? "" : cmd.email();
        String accountKey = Throttle.accountKey(rawEmail);
        String ipKey = Throttle.ipKey(origin.ip());
        throttle.check(accountKey, ipKey);
        String password = cmd.password() == null ? "" : PasswordPolicy.normalise(cmd.password());
        Optional<User> found = parse(rawEmail).flatMap(users::findByEmail);
        boolean ok;
        if (found.isEmpty()) {
            hasher.verifyDummy(password);
            ok = false;
        } else {
            ok = hasher.verify(password, found.get().passwordHash()) && !found.get().disabled();
        }
        if (!ok) {
            boolean blocked = throttle.failure(accountKey, throttle.settings().freeAccountFailures());
            blocked |= throttle.failure(ipKey, throttle.settings().freeIpFailures());
            audit.record(found.map(u -> "user:" + u.id()).orElse("anonymous"), origin, null, "auth.login_failed",
                    "email:" + EmailAddress.fingerprintOf(rawEmail),
                    Map.of("reason", found.isEmpty() ? "unknown_user" : found.get().disabled() ? "disabled" : "bad_password",
                            "throttled", Boolean.toString(blocked)));
            throw new AuthenticationFailedException();
        }
        User user = found.get();
        throttle.success(accountKey);
        if (hasher.needsRehash(user.passwordHash())) {
            users.updatePassword(user.id(), hasher.hash(password), null);
        }
        if (twoFactor.find(user.id()).map(TotpState::confirmed).orElse(false)) {
            audit.record("user:" + user.id(), origin, null, "auth.password_ok_second_factor_required", user.id().toString(), Map.of());
            return new LoginResult.SecondFactorRequired(tokens.issueSecondFactorChallenge(user.id(), clock.instant()));
        }
        audit.record("user:" + user.id(), origin, null, "auth.login_succeeded", user.id().toString(), Map.of("methods", "pwd"));
        return new LoginResult.SignedIn(sessions.open(user.id(), EnumSet.of(AuthMethod.PWD), origin));
    }

    /** Second step of a login: a TOTP code (not replayable) or a recovery code (single use). */
    public SessionTokens completeSecondFactor(Credentials.SecondFactor cmd, RequestOrigin origin) {
        throttle.check(Throttle.ipKey(origin.ip()));
        TokenIssuer.SecondFactorChallenge challenge = tokens.verifySecondFactorChallenge(cmd.challenge())
                .orElseThrow(AuthenticationFailedException::new);
        User user = users.findById(challenge.user()).filter(u -> !u.disabled()).orElseThrow(AuthenticationFailedException::new);
        AuthMethod method = secondFactor.verify(user.id(), cmd.code(), cmd.recoveryCode(),
                new Actorless("user:" + user.id(), origin));
        audit.record("user:" + user.id(), origin, null, "auth.login_succeeded", user.id().toString(),
                Map.of("methods", "pwd," + method.wire()));
        return sessions.open(user.id(), EnumSet.of(AuthMethod.PWD, method), origin);
    }

    /**
     * Rotates a refresh token. A token used a second time means it was stolen (or the client is broken): the
     * whole family is revoked, so the thief's and the victim's sessions both end, and the event is audited.
     */
    public SessionTokens refresh(String refreshToken, RequestOrigin origin) {
        throttle.check(Throttle.ipKey(origin.ip()));
        if (!SecureTokens.plausible(refreshToken)) {
            throw new AuthenticationFailedException();
        }
        Instant now = clock.instant();
        RefreshTokens.Consumption c = refreshTokens.consume(SecureTokens.sha256Hex(refreshToken), now);
        if (c instanceof RefreshTokens.Replayed replayed) {
            RefreshToken t = replayed.token();
            int revoked = refreshTokens.revokeFamily(t.user(), t.familyId(), now);
            log.warn("refresh token reuse detected: session {} of user {} revoked", t.familyId(), t.user());
            audit.record("user:" + t.user(), origin, null, "auth.refresh_reuse_detected", t.familyId().toString(),
                    Map.of("revoked", Integer.toString(revoked)));
            throw new AuthenticationFailedException();
        }
        if (!(c instanceof RefreshTokens.Consumed consumed)) {
            throttle.failure(Throttle.ipKey(origin.ip()), throttle.settings().freeIpFailures());
            throw new AuthenticationFailedException();
        }
        RefreshToken used = consumed.token();
        Optional<User> user = users.findById(used.user());
        if (user.isEmpty() || user.get().disabled()) {
            refreshTokens.revokeFamily(used.user(), used.familyId(), now);
            throw new AuthenticationFailedException();
        }
        return sessions.rotate(used, origin);
    }

    /** Ends the caller's session: its refresh tokens die now, its access tokens at their next use. */
    public void logout(Actor actor) {
        refreshTokens.revokeFamily(actor.user(), actor.sessionId(), clock.instant());
        audit.record(actor, null, "auth.logout", actor.sessionId().toString(), Map.of());
    }

    /**
     * Turns verified token claims into an actor, re-reading the user on every request: a disabled user, a token
     * older than the user's last credential change, or a closed session is refused at once.
     */
    public Actor authenticate(AccessClaims claims, RequestOrigin origin) {
        User user = users.findById(claims.user()).orElseThrow(AuthenticationFailedException::new);
        // Token times are whole seconds (JWT iat): compare at that precision, else a token issued in the very second
        // of sign-up or of a credential change would be refused. Credential changes also close the sessions, so the
        // session check below still refuses older tokens of that same second.
        if (user.disabled() || claims.issuedAt().getEpochSecond() < user.tokensValidAfter().getEpochSecond()
                || !refreshTokens.familyActive(claims.user(), claims.sessionId(), clock.instant())) {
            throw new AuthenticationFailedException();
        }
        return new Actor(user.id(), user.operator(), claims.sessionId(), claims.authTime(), claims.methods(), origin);
    }

    /** Re-authentication for sensitive actions: a new access token for the same session with a fresh auth time. */
    public TokenIssuer.IssuedToken stepUp(Actor actor, Credentials.StepUp cmd) {
        User user = users.findById(actor.user()).orElseThrow(AuthenticationFailedException::new);
        String accountKey = Throttle.accountKey(user.email().value());
        throttle.check(accountKey, Throttle.ipKey(actor.origin().ip()));
        String password = cmd.password() == null ? "" : PasswordPolicy.normalise(cmd.password());
        if (!hasher.verify(password, user.passwordHash())) {
            throttle.failure(accountKey, throttle.settings().freeAccountFailures());
            audit.record(actor, null, "auth.step_up_failed", user.id().toString(), Map.of("reason", "bad_password"));
            throw new AuthenticationFailedException();
        }
        Set<AuthMethod> methods = EnumSet.of(AuthMethod.PWD);
        if (twoFactor.find(user.id()).map(TotpState::confirmed).orElse(false)) {
            methods.add(secondFactor.verify(user.id(), cmd.code(), cmd.recoveryCode(), new Actorless(actor.auditName(), actor.origin())));
        }
        throttle.success(accountKey);
        audit.record(actor, null, "auth.step_up", user.id().toString(), Map.of("methods", wire(methods)));
        return sessions.reissue(user.id(), actor.sessionId(), clock.instant(), methods);
    }

    static String wire(Set<AuthMethod> methods) {
        return String.join(",", methods.stream().map(AuthMethod::wire).sorted().toList());
    }

    private static Optional<EmailAddress> parse(String raw) {
        try {
            return Optional.of(EmailAddress.of(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** An audit identity for steps taken before an {@link Actor} exists. */
    record Actorless(String name, RequestOrigin origin) {
    }
}
