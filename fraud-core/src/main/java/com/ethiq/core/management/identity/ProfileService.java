package com.ethiq.core.management.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Use cases on the caller's own user: profile, password change, sessions (list, revoke). A password change ends
 * every session and access token of the user and opens a fresh session for the device that made it. Thread-safe.
 */
public final class ProfileService {
    private final Users users;
    private final Memberships memberships;
    private final RefreshTokens refreshTokens;
    private final TwoFactorSecrets twoFactor;
    private final PasswordHasher hasher;
    private final AccessPolicy access;
    private final SessionIssuer sessions;
    private final Throttle throttle;
    private final AuditRecorder audit;
    private final Clock clock;

    public ProfileService(Users users, Memberships memberships, RefreshTokens refreshTokens, TwoFactorSecrets twoFactor,
                   PasswordHasher hasher, AccessPolicy access, SessionIssuer sessions, Throttle throttle,
                   AuditRecorder audit, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.twoFactor = twoFactor;
        this.hasher = hasher;
        this.access = access;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    public Profile me(Actor actor) {
        User user = users.findById(actor.user()).orElseThrow(AuthenticationFailedException::new);
        var totp = twoFactor.find(user.id());
        boolean enabled = totp.map(TotpState::confirmed).orElse(false);
        return new Profile(user, memberships.ofUser(user.id()), enabled,
                enabled ? twoFactor.remainingRecoveryCodes(user.id()) : 0);
    }

    public Profile updateDisplayName(Actor actor, String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 120) {
            throw new IllegalArgumentException("'displayName' must be 1-120 characters");
        }
        users.updateDisplayName(actor.user(), name);
        audit.record(actor, null, "user.profile_updated", actor.user().toString(), Map.of("fields", "displayName"));
        return me(actor);
    }

    /** Needs the current password and a recent step-up; ends all sessions, returns a new one for this device. */
    public SessionTokens changePassword(Actor actor, Credentials.PasswordChange cmd) {
        access.requireRecentAuthentication(actor);
        User user = users.findById(actor.user()).orElseThrow(AuthenticationFailedException::new);
        String key = Throttle.accountKey(user.email().value());
        throttle.check(key);
        String current = cmd.currentPassword() == null ? "" : PasswordPolicy.normalise(cmd.currentPassword());
        if (!hasher.verify(current, user.passwordHash())) {
            throttle.failure(key, throttle.settings().freeAccountFailures());
            audit.record(actor, null, "user.password_change_failed", user.id().toString(), Map.of());
            throw new AuthenticationFailedException();
        }
        String next = PasswordPolicy.validate(cmd.newPassword(), user.email());
        Instant now = clock.instant();
        users.updatePassword(user.id(), hasher.hash(next), now.truncatedTo(ChronoUnit.SECONDS));
        int ended = refreshTokens.revokeAll(user.id(), now);
        audit.record(actor, null, "user.password_changed", user.id().toString(), Map.of("sessionsEnded", Integer.toString(ended)));
        return sessions.open(user.id(), actor.methods().isEmpty() ? EnumSet.of(AuthMethod.PWD) : EnumSet.copyOf(actor.methods()),
                actor.origin());
    }

    public List<Session> sessions(Actor actor) {
        List<Session> out = new ArrayList<>();
        for (RefreshToken t : refreshTokens.live(actor.user(), clock.instant())) {
            out.add(new Session(t.familyId(), t.familyCreatedAt(), t.issuedAt(), t.familyExpiresAt(), t.origin().ip(),
                    t.origin().userAgent(), t.familyId().equals(actor.sessionId())));
        }
        return out;
    }

    /** Ends one of the caller's sessions; another user's session id is simply not found. */
    public void revokeSession(Actor actor, UUID sessionId) {
        if (refreshTokens.revokeFamily(actor.user(), sessionId, clock.instant()) == 0) {
            throw new NotFoundException("session");
        }
        audit.record(actor, null, "auth.session_revoked", sessionId.toString(), Map.of());
    }

    /** The caller, their memberships and their 2FA state. */
    public record Profile(User user, List<Membership> memberships, boolean twoFactorEnabled, int recoveryCodesLeft) {
        public Profile {
            memberships = List.copyOf(memberships);
        }
    }
}
