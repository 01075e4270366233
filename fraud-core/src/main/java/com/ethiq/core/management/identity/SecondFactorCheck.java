package com.ethiq.core.management.identity;

import java.time.Clock;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks a second factor for a user with confirmed TOTP: a code for a step not used before, or an unused recovery
 * code. Throttled per user; every failure and every recovery-code use is audited. Thread-safe.
 */
public final class SecondFactorCheck {
    private final TwoFactorSecrets twoFactor;
    private final TotpCodes totp;
    private final Throttle throttle;
    private final AuditRecorder audit;
    private final Clock clock;

    public SecondFactorCheck(TwoFactorSecrets twoFactor, TotpCodes totp, Throttle throttle, AuditRecorder audit, Clock clock) {
        this.twoFactor = twoFactor;
        this.totp = totp;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    AuthMethod verify(UserId user, String code, String recoveryCode, AuthService.Actorless who) {
        String key = Throttle.secondFactorKey(user);
        throttle.check(key);
        TotpState state = twoFactor.find(user).filter(TotpState::confirmed).orElse(null);
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecovery = recoveryCode != null && !recoveryCode.isBlank();
        if (hasCode == hasRecovery) {
            throw new IllegalArgumentException("give exactly one of 'code' and 'recoveryCode'");
        }
        if (state != null && hasCode) {
            OptionalLong step = totp.matchingStep(state.seed(), code.strip(), clock.instant());
            if (step.isPresent() && twoFactor.acceptStep(user, step.getAsLong())) {
                throttle.success(key);
                return AuthMethod.OTP;
            }
        }
        if (state != null && hasRecovery) {
            String normalised = RecoveryCodes.normalise(recoveryCode);
            if (twoFactor.consumeRecoveryCode(user, SecureTokens.sha256Hex(normalised), clock.instant())) {
                throttle.success(key);
                int left = twoFactor.remainingRecoveryCodes(user);
                // The audit row is the hook for notifying the user that a recovery code was spent.
                audit.record(who.name(), who.origin(), null, "auth.recovery_code_used", user.toString(),
                        Map.of("remaining", Integer.toString(left)));
                return AuthMethod.RECOVERY;
            }
        }
        boolean blocked = throttle.failure(key, throttle.settings().freeSecondFactorFailures());
        audit.record(who.name(), who.origin(), null, "auth.second_factor_failed", user.toString(),
                Map.of("kind", hasCode ? "totp" : "recovery", "throttled", Boolean.toString(blocked)));
        throw new AuthenticationFailedException();
    }
}
