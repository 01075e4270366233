package com.ethiq.core.management.identity;

import com.ethiq.core.management.TestWorld;
import com.ethiq.core.management.backoffice.MemberService;
import com.ethiq.core.management.backoffice.SettingsService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.ConflictException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The permission matrix enforced by the use cases themselves (no HTTP involved). */
class AuthorisationTest {
    private final TestWorld w = new TestWorld();

    @Test
    void matrixIsAsDocumented() {
        assertThat(PermissionMatrix.of(Role.OWNER)).containsExactlyInAnyOrder(Permission.values());
        assertThat(PermissionMatrix.of(Role.ADMIN)).doesNotContain(Permission.ACCOUNT_CANCEL, Permission.ACCOUNT_ERASE)
                .hasSize(Permission.values().length - 2);
        assertThat(PermissionMatrix.of(Role.VIEWER)).allMatch(p -> p.name().endsWith("_READ") && p != Permission.TRANSCRIPTS_READ
                && p != Permission.AUDIT_READ);
        assertThat(PermissionMatrix.operator()).doesNotContain(Permission.TRANSCRIPTS_READ, Permission.CONTACTS_READ,
                Permission.SETTINGS_READ, Permission.CREDENTIALS_WRITE, Permission.ACCOUNT_ERASE);
    }

    @Test
    void everyRoleGetsExactlyItsPermissionsAndStrangersGetNotFound() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        for (Role role : Role.values()) {
            Actor a = role == Role.OWNER ? owner : w.member(t, role);
            for (Permission p : Permission.values()) {
                if (PermissionMatrix.allows(role, p)) {
                    assertThat(w.core.accessPolicy().require(a, t, p).role()).isEqualTo(role);
                } else {
                    assertThatThrownBy(() -> w.core.accessPolicy().require(a, t, p)).isInstanceOf(ForbiddenException.class);
                }
            }
        }
        Actor stranger = w.signUpAndLogIn(w.newEmail());
        for (Permission p : Permission.values()) {
            assertThatThrownBy(() -> w.core.accessPolicy().require(stranger, t, p)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> w.core.accessPolicy().require(owner, TenantId.random(), p)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void operatorsGetTheirRowAuditedAndNothingElse() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        Actor op0 = w.signUpAndLogIn(w.newEmail());
        w.users.setOperator(op0.user(), true);
        Actor op = new Actor(op0.user(), true, op0.sessionId(), op0.authTime(), op0.methods(), op0.origin());
        assertThat(w.core.accounts().suspend(op, t).tenant().status()).isEqualTo(AccountStatus.SUSPENDED);
        // operators see a call's metadata (as in the list), never its words
        var sid = com.ethiq.core.domain.CallSid.of("CA1");
        w.callLogs.open(com.ethiq.core.domain.CallLog.started(t, sid, "+33611111111", w.clock.instant(),
                com.ethiq.core.domain.CallProtection.PROTECTED));
        w.callLogs.appendSegment(t, sid, com.ethiq.core.domain.TranscriptSegment.finalText(com.ethiq.core.domain.Speaker.CALLER, 0, "allô"));
        var seen = w.core.calls().detail(op, t, sid);
        assertThat(seen.transcript()).isEmpty();
        assertThat(seen.viaOperator()).isTrue();
        assertThat(seen.transcriptWithheld()).contains(com.ethiq.core.management.backoffice.CallQueryService.Withheld.ROLE_CANNOT_READ_TRANSCRIPTS);
        assertThatThrownBy(() -> w.core.contacts().list(op, t)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.core.accounts().get(op, TenantId.random())).isInstanceOf(NotFoundException.class);
        assertThat(w.audit.events(t)).extracting(AuditEvent::action).contains("operator.access", "account.suspended");
    }

    @Test
    void sensitivePermissionsNeedARecentAuthentication() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        w.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        for (Permission p : Permission.values()) {
            if (p.stepUp()) {
                assertThatThrownBy(() -> w.core.accessPolicy().require(owner, t, p)).isInstanceOf(StepUpRequiredException.class);
            } else {
                w.core.accessPolicy().require(owner, t, p);
            }
        }
        Actor stepped = w.actorOf(w.core.auth().stepUp(owner, new Credentials.StepUp(TestWorld.PASSWORD, null, null)));
        assertThat(w.core.accessPolicy().require(stepped, t, Permission.ACCOUNT_ERASE).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void removingAMemberOrChangingTheirRoleTakesEffectOnTheNextCall() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        Actor admin = w.member(t, Role.ADMIN);
        assertThat(w.core.contacts().list(admin, t)).isEmpty();
        w.core.members().changeRole(owner, t, admin.user(), "viewer");
        assertThatThrownBy(() -> w.core.settings().update(admin, t,
                new SettingsService.SettingsChange("en", null, null, null, null, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);
        w.core.members().remove(owner, t, admin.user());
        assertThatThrownBy(() -> w.core.contacts().list(admin, t)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void adminsCannotTouchOwnersAndTheLastOwnerStays() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        Actor admin = w.member(t, Role.ADMIN);
        assertThatThrownBy(() -> w.core.members().invite(admin, t, "x@example.org", "owner")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.core.members().changeRole(admin, t, owner.user(), "viewer")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.core.members().changeRole(admin, t, admin.user(), "owner")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.core.members().remove(admin, t, owner.user())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> w.core.members().changeRole(owner, t, owner.user(), "admin")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> w.core.members().remove(owner, t, owner.user())).isInstanceOf(ConflictException.class);
    }

    @Test
    void invitationsAreSingleUseAndBoundToTheInvitedAddress() {
        Actor owner = w.signUpAndLogIn(w.newEmail());
        TenantId t = w.newAccount(owner);
        String email = w.newEmail();
        MemberService.IssuedInvitation inv = w.core.members().invite(owner, t, email, "viewer");
        Actor wrong = w.signUpAndLogIn(w.newEmail());
        assertThatThrownBy(() -> w.core.members().accept(wrong, inv.token())).isInstanceOf(NotFoundException.class);
        Actor invitee = w.signUpAndLogIn(email);
        assertThat(w.core.members().accept(invitee, inv.token()).role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> w.core.members().accept(invitee, inv.token())).isInstanceOf(NotFoundException.class);
        assertThat(w.core.members().list(invitee, t)).extracting(MemberService.Member::role).containsExactlyInAnyOrder(Role.OWNER, Role.VIEWER);
        MemberService.IssuedInvitation late = w.core.members().invite(owner, t, w.newEmail(), "admin");
        w.clock.advance(Duration.ofDays(8));
        assertThatThrownBy(() -> w.core.members().accept(owner, late.token())).isInstanceOf(NotFoundException.class);
    }
}
