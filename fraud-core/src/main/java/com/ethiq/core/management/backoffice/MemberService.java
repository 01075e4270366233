package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.AuthenticationFailedException;
import com.ethiq.core.management.identity.EmailAddress;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.Invitation;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.PermissionMatrix;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.management.identity.SecureTokens;
import com.ethiq.core.management.identity.User;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.management.identity.Users;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Use cases on an account's members: list, invite (a single-use token the invitee presents while signed in with
 * the invited e-mail), accept, change role, remove. Only an owner grants, changes or removes the owner role, and
 * an account always keeps one owner. Thread-safe.
 */
public final class MemberService {
    private final Memberships memberships;
    private final Invitations invitations;
    private final Users users;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final IdentitySettings settings;

    public MemberService(Memberships memberships, Invitations invitations, Users users, AccessPolicy access, AuditRecorder audit,
                  IdGenerator ids, Clock clock, IdentitySettings settings) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.users = users;
        this.access = access;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** A member as other members see them. */
    public record Member(UserId user, String email, String displayName, Role role, Instant since) {
    }

    /** Returned once to the inviter: the token travels to the invitee out of band. */
    public record IssuedInvitation(Invitation invitation, String token) {
        @Override
        public String toString() {
            return "IssuedInvitation[" + invitation.id() + ", ****]";
        }
    }

    public List<Member> list(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.MEMBERS_READ);
        List<Membership> ms = memberships.ofTenant(tenant);
        Map<UserId, User> byId = new HashMap<>();
        users.findAll(ms.stream().map(Membership::user).toList()).forEach(u -> byId.put(u.id(), u));
        List<Member> out = new ArrayList<>();
        for (Membership m : ms) {
            User u = byId.get(m.user());
            if (u != null) {
                out.add(new Member(u.id(), u.email().value(), u.displayName(), m.role(), m.createdAt()));
            }
        }
        return out;
    }

    public IssuedInvitation invite(Actor actor, TenantId tenant, String email, String role) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.MEMBERS_INVITE);
        EmailAddress address = EmailAddress.of(email);
        Role r = Role.fromWire(role);
        if (!PermissionMatrix.mayManageRole(a.role(), r)) {
            throw new ForbiddenException("only an owner may invite an owner");
        }
        Instant now = clock.instant();
        String token = SecureTokens.newToken();
        Invitation inv = new Invitation(ids.newId(), tenant, address, r, SecureTokens.sha256Hex(token), actor.user(), now,
                now.plus(settings.invitationTtl()), null);
        invitations.create(inv);
        audit.record(actor, tenant, "member.invited", inv.id().toString(),
                Map.of("role", r.wire(), "email", address.fingerprint()));
        return new IssuedInvitation(inv, token);
    }

    public List<Invitation> pending(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.MEMBERS_READ);
        return invitations.pending(tenant, clock.instant());
    }

    public void revokeInvitation(Actor actor, TenantId tenant, UUID invitationId) {
        access.require(actor, tenant, Permission.MEMBERS_INVITE);
        if (!invitations.revoke(tenant, invitationId)) {
            throw new NotFoundException("invitation");
        }
        audit.record(actor, tenant, "member.invitation_revoked", invitationId.toString(), Map.of());
    }

    /**
     * Joins the account of a valid invitation addressed to the caller's e-mail. Any mismatch (unknown, expired,
     * used, someone else's) is "not found": the token is the only thing that identifies an invitation.
     */
    public Membership accept(Actor actor, String token) {
        if (!SecureTokens.plausible(token)) {
            throw new NotFoundException("invitation");
        }
        Instant now = clock.instant();
        Invitation inv = invitations.findByTokenHash(SecureTokens.sha256Hex(token))
                .filter(i -> i.acceptedAt() == null && now.isBefore(i.expiresAt()))
                .orElseThrow(() -> new NotFoundException("invitation"));
        User user = users.findById(actor.user()).orElseThrow(AuthenticationFailedException::new);
        if (!user.email().equals(inv.email())) {
            throw new NotFoundException("invitation");
        }
        if (memberships.find(inv.tenant(), user.id()).isPresent()) {
            throw new ConflictException("you are already a member of this account");
        }
        if (!invitations.markAccepted(inv.id(), now)) {
            throw new NotFoundException("invitation");
        }
        Membership m = new Membership(inv.tenant(), user.id(), inv.role(), now);
        memberships.add(m);
        audit.record(actor, inv.tenant(), "member.joined", user.id().toString(), Map.of("role", inv.role().wire(),
                "invitation", inv.id().toString()));
        return m;
    }

    public Membership changeRole(Actor actor, TenantId tenant, UserId member, String role) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.MEMBERS_CHANGE_ROLE);
        Role next = Role.fromWire(role);
        Membership current = memberships.find(tenant, member).orElseThrow(() -> new NotFoundException("member"));
        guard(a, current.role(), next);
        switch (memberships.changeRole(tenant, member, next)) {
            case NOT_FOUND -> throw new NotFoundException("member");
            case LAST_OWNER -> throw new ConflictException("an account must keep at least one owner");
            case CHANGED -> { }
        }
        audit.record(actor, tenant, "member.role_changed", member.toString(),
                Map.of("from", current.role().wire(), "to", next.wire()));
        return current.withRole(next);
    }

    public void remove(Actor actor, TenantId tenant, UserId member) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.MEMBERS_REMOVE);
        Membership current = memberships.find(tenant, member).orElseThrow(() -> new NotFoundException("member"));
        guard(a, current.role(), current.role());
        switch (memberships.remove(tenant, member)) {
            case NOT_FOUND -> throw new NotFoundException("member");
            case LAST_OWNER -> throw new ConflictException("an account must keep at least one owner");
            case CHANGED -> { }
        }
        audit.record(actor, tenant, "member.removed", member.toString(), Map.of("role", current.role().wire()));
    }

    private static void guard(AccessPolicy.Access a, Role targetNow, Role targetNext) {
        if (!PermissionMatrix.mayManageRole(a.role(), targetNow) || !PermissionMatrix.mayManageRole(a.role(), targetNext)) {
            throw new ForbiddenException("only an owner may grant, change or remove the owner role");
        }
    }
}
