package com.ethiq.core.management.identity;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The application-layer gate every account-scoped use case passes first: the caller's membership (read fresh, so
 * a removed member or a changed role takes effect at once) or the platform-operator role must grant the
 * permission of {@link PermissionMatrix}; sensitive permissions also need a recent step-up. A caller with no
 * relation to the account gets {@link NotFoundException}, exactly as for an account that does not exist.
 * Operator access is audited. Thread-safe.
 */
public final class AccessPolicy {
    private final Memberships memberships;
    private final Tenants tenants;
    private final TwoFactorSecrets twoFactor;
    private final AuditRecorder audit;
    private final Clock clock;
    private final Duration stepUpMaxAge;

    public AccessPolicy(Memberships memberships, Tenants tenants, TwoFactorSecrets twoFactor, AuditRecorder audit,
                        Clock clock, Duration stepUpMaxAge) {
        this.memberships = memberships;
        this.tenants = tenants;
        this.twoFactor = twoFactor;
        this.audit = audit;
        this.clock = clock;
        this.stepUpMaxAge = stepUpMaxAge;
    }

    /** Grants or throws (404 not related, 403 role lacks it, 401 step-up needed). */
    public Access require(Actor actor, TenantId tenant, Permission permission) {
        var membership = memberships.find(tenant, actor.user());
        if (membership.isPresent()) {
            Role role = membership.get().role();
            if (!PermissionMatrix.allows(role, permission)) {
                throw new ForbiddenException("your role (" + role.wire() + ") does not allow " + permission.wire());
            }
            requireStepUp(actor, permission);
            return new Access(tenant, role, false);
        }
        if (actor.operator() && tenants.findById(tenant).isPresent()) {
            if (!PermissionMatrix.operatorAllows(permission)) {
                throw new ForbiddenException("operators may not " + permission.wire());
            }
            requireStepUp(actor, permission);
            audit.record(actor, tenant, "operator.access", permission.wire(), Map.of());
            return new Access(tenant, null, true);
        }
        throw new NotFoundException("account");
    }

    /**
     * The same answer as {@link #require} (404 / 403) without step-up, auditing or side effects: lets an edge refuse
     * a caller before reading their request body, so a stranger learns nothing from body validation (400 vs 404).
     */
    public void precheck(Actor actor, TenantId tenant, Permission permission) {
        var membership = memberships.find(tenant, actor.user());
        if (membership.isPresent()) {
            if (!PermissionMatrix.allows(membership.get().role(), permission)) {
                throw new ForbiddenException("your role (" + membership.get().role().wire() + ") does not allow " + permission.wire());
            }
            return;
        }
        if (actor.operator() && tenants.findById(tenant).isPresent()) {
            if (!PermissionMatrix.operatorAllows(permission)) {
                throw new ForbiddenException("operators may not " + permission.wire());
            }
            return;
        }
        throw new NotFoundException("account");
    }

    /** Throws unless the actor re-authenticated within the step-up age (with the second factor if they have one). */
    public void requireStepUp(Actor actor, Permission permission) {
        if (permission.stepUp()) {
            requireRecentAuthentication(actor);
        }
    }

    public void requireRecentAuthentication(Actor actor) {
        Instant now = clock.instant();
        boolean recent = !actor.authTime().isBefore(now.minus(stepUpMaxAge));
        boolean needsSecond = twoFactor.find(actor.user()).map(TotpState::confirmed).orElse(false);
        boolean hasSecond = actor.methods().contains(AuthMethod.OTP) || actor.methods().contains(AuthMethod.RECOVERY);
        if (!recent || (needsSecond && !hasSecond)) {
            throw new StepUpRequiredException(stepUpMaxAge, needsSecond);
        }
    }

    /** What was granted: the caller's role, or operator access (role null). */
    public record Access(TenantId tenant, Role role, boolean viaOperator) {
    }
}
