package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.MemberService;
import com.ethiq.core.management.identity.UserId;

/** Accounts and their members. */
final class AccountController {
    private final AccountService accounts;
    private final MemberService members;

    AccountController(AccountService accounts, MemberService members) {
        this.accounts = accounts;
        this.members = members;
    }

    ApiResult mine(ApiCall call) {
        return ApiResult.ok(new ApiViews.AccountList(accounts.mine(call.actor()).stream().map(ApiViews.Account::of).toList()));
    }

    ApiResult create(ApiCall call) {
        ApiRequests.CreateAccount b = call.body(ApiRequests.CreateAccount.class);
        return ApiResult.created(ApiViews.Account.of(accounts.create(call.actor(),
                new AccountService.CreateAccount(b.displayName(), b.region(), b.sipAddress(), b.language()))));
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(ApiViews.Account.of(accounts.get(call.actor(), call.account())));
    }

    ApiResult suspend(ApiCall call) {
        return ApiResult.ok(ApiViews.Account.of(accounts.suspend(call.actor(), call.account())));
    }

    ApiResult resume(ApiCall call) {
        return ApiResult.ok(ApiViews.Account.of(accounts.resume(call.actor(), call.account())));
    }

    ApiResult cancel(ApiCall call) {
        return ApiResult.ok(ApiViews.Account.of(accounts.cancel(call.actor(), call.account())));
    }

    ApiResult erase(ApiCall call) {
        var tenant = call.account();
        return ApiResult.ok(new ApiViews.Erasure(tenant.value(), accounts.erase(call.actor(), tenant)));
    }

    ApiResult members(ApiCall call) {
        return ApiResult.ok(new ApiViews.MemberList(members.list(call.actor(), call.account()).stream()
                .map(ApiViews.Member::of).toList()));
    }

    ApiResult changeRole(ApiCall call) {
        var tenant = call.account();
        UserId member = new UserId(call.uuid("userId", "member"));
        ApiRequests.RoleChange b = call.body(ApiRequests.RoleChange.class);
        members.changeRole(call.actor(), tenant, member, b.role());
        return ApiResult.ok(members.list(call.actor(), tenant).stream().filter(m -> m.user().equals(member))
                .findFirst().map(ApiViews.Member::of).orElseThrow(() -> new com.ethiq.core.management.identity.NotFoundException("member")));
    }

    ApiResult removeMember(ApiCall call) {
        members.remove(call.actor(), call.account(), new UserId(call.uuid("userId", "member")));
        return ApiResult.noContent();
    }

    ApiResult invitations(ApiCall call) {
        return ApiResult.ok(new ApiViews.InvitationList(members.pending(call.actor(), call.account()).stream()
                .map(i -> ApiViews.InvitationView.of(i, null)).toList()));
    }

    ApiResult invite(ApiCall call) {
        var tenant = call.account();
        ApiRequests.Invite b = call.body(ApiRequests.Invite.class);
        MemberService.IssuedInvitation inv = members.invite(call.actor(), tenant, b.email(), b.role());
        return ApiResult.created(ApiViews.InvitationView.of(inv.invitation(), inv.token()));
    }

    ApiResult revokeInvitation(ApiCall call) {
        members.revokeInvitation(call.actor(), call.account(), call.uuid("invitationId", "invitation"));
        return ApiResult.noContent();
    }
}
