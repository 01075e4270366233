package com.ethiq.core.management.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Use cases: optional TOTP two-factor authentication. Enrolment gives a seed and an otpauth URI; it takes effect
 * only once a valid code confirms it, which also issues single-use recovery codes (shown once, stored hashed).
 * Enabling or disabling 2FA ends every session and opens a new one for the current device. Thread-safe.
 */
public final class TwoFactorService {
    private final Users users;
    private final TwoFactorSecrets secrets;
    private final TotpCodes totp;
    private final RefreshTokens refreshTokens;
    private final AccessPolicy access;
    private final SessionIssuer sessions;
    private final Throttle throttle;
    private final AuditRecorder audit;
    private final Clock clock;
    private final IdentitySettings settings;

    public TwoFactorService(Users users, TwoFactorSecrets secrets, TotpCodes totp, RefreshTokens refreshTokens, AccessPolicy access,
                     SessionIssuer sessions, Throttle throttle, AuditRecorder audit, Clock clock, IdentitySettings settings) {
        this.users = users;
        this.secrets = secrets;
        this.totp = totp;
        this.refreshTokens = refreshTokens;
        this.access = access;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** Starts (or restarts) enrolment; refused while 2FA is on. The seed is shown to the user this once. */
    public Enrolment begin(Actor actor) {
        access.requireRecentAuthentication(actor);
        User user = users.findById(actor.user()).orElseThrow(AuthenticationFailedException::new);
        var seed = totp.newSeed();
        if (!secrets.savePending(user.id(), seed, clock.instant())) {
            throw new com.ethiq.core.port.ConflictException("two-factor authentication is already enabled; disable it first");
        }
        audit.record(actor, null, "2fa.enrolment_started", user.id().toString(), Map.of());
        return new Enrolment(seed.reveal(), totp.provisioningUri(seed, user.email().value(), settings.totpIssuer()));
    }

    /** Confirms enrolment with a code; returns the recovery codes and a fresh session. Throttled per user. */
    public Confirmation confirm(Actor actor, String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("'code' is required");
        }
        String key = Throttle.secondFactorKey(actor.user());
        throttle.check(key);
        TotpState pending = secrets.find(actor.user()).filter(s -> !s.confirmed())
                .orElseThrow(() -> new NotFoundException("pending enrolment"));
        OptionalLong step = totp.matchingStep(pending.seed(), code.strip(), clock.instant());
        if (step.isEmpty() || !secrets.confirm(actor.user(), step.getAsLong(), clock.instant())) {
            boolean blocked = throttle.failure(key, throttle.settings().freeSecondFactorFailures());
            audit.record(actor, null, "2fa.enrolment_code_rejected", actor.user().toString(),
                    Map.of("throttled", Boolean.toString(blocked)));
            throw new IllegalArgumentException("'code' is not valid for this enrolment");
        }
        throttle.success(key);
        List<String> codes = RecoveryCodes.generate(settings.recoveryCodes());
        secrets.replaceRecoveryCodes(actor.user(), RecoveryCodes.hashes(codes), clock.instant());
        SessionTokens fresh = endSessions(actor, "2fa.enabled", EnumSet.of(AuthMethod.PWD, AuthMethod.OTP));
        return new Confirmation(codes, fresh);
    }

    /** Turns 2FA off (step-up with the second factor required); ends all sessions. */
    public SessionTokens disable(Actor actor) {
        access.requireRecentAuthentication(actor);
        if (secrets.find(actor.user()).isEmpty()) {
            throw new NotFoundException("two-factor enrolment");
        }
        secrets.disable(actor.user());
        return endSessions(actor, "2fa.disabled", EnumSet.of(AuthMethod.PWD));
    }

    /** New recovery codes; the old ones stop working. */
    public List<String> regenerateRecoveryCodes(Actor actor) {
        access.requireRecentAuthentication(actor);
        if (!secrets.find(actor.user()).map(TotpState::confirmed).orElse(false)) {
            throw new NotFoundException("two-factor enrolment");
        }
        List<String> codes = RecoveryCodes.generate(settings.recoveryCodes());
        secrets.replaceRecoveryCodes(actor.user(), RecoveryCodes.hashes(codes), clock.instant());
        audit.record(actor, null, "2fa.recovery_codes_regenerated", actor.user().toString(), Map.of());
        return codes;
    }

    private SessionTokens endSessions(Actor actor, String action, EnumSet<AuthMethod> methods) {
        Instant now = clock.instant();
        users.updateTokensValidAfter(actor.user(), now.truncatedTo(ChronoUnit.SECONDS));
        int ended = refreshTokens.revokeAll(actor.user(), now);
        audit.record(actor, null, action, actor.user().toString(), Map.of("sessionsEnded", Integer.toString(ended)));
        return sessions.open(actor.user(), methods, actor.origin());
    }

    /** Shown once: the seed for manual entry and the URI for a QR code. */
    public record Enrolment(String secret, String otpauthUri) {
        @Override
        public String toString() {
            return "Enrolment[****]";
        }
    }

    public record Confirmation(List<String> recoveryCodes, SessionTokens tokens) {
        public Confirmation {
            recoveryCodes = List.copyOf(recoveryCodes);
        }

        @Override
        public String toString() {
            return "Confirmation[****]";
        }
    }
}
