package com.ethiq.app.api;

import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.backoffice.MemberService;
import com.ethiq.core.management.identity.ProfileService;
import com.ethiq.core.management.identity.TwoFactorService;
import java.time.Clock;

/** The caller's own user: profile, password, sessions, 2FA, accepting invitations. */
final class MeController {
    private final ProfileService profile;
    private final TwoFactorService twoFactor;
    private final MemberService members;
    private final Clock clock;

    MeController(ProfileService profile, TwoFactorService twoFactor, MemberService members, Clock clock) {
        this.profile = profile;
        this.twoFactor = twoFactor;
        this.members = members;
        this.clock = clock;
    }

    ApiResult me(ApiCall call) {
        return ApiResult.ok(ApiViews.Me.of(profile.me(call.actor())));
    }

    ApiResult update(ApiCall call) {
        ApiRequests.ProfileChange b = call.body(ApiRequests.ProfileChange.class);
        return ApiResult.ok(ApiViews.Me.of(profile.updateDisplayName(call.actor(), b.displayName())));
    }

    ApiResult changePassword(ApiCall call) {
        ApiRequests.PasswordChange b = call.body(ApiRequests.PasswordChange.class);
        return ApiResult.ok(ApiViews.Tokens.of(profile.changePassword(call.actor(),
                new Credentials.PasswordChange(b.currentPassword(), b.newPassword())), clock));
    }

    ApiResult sessions(ApiCall call) {
        return ApiResult.ok(new ApiViews.SessionList(profile.sessions(call.actor()).stream().map(ApiViews.SessionView::of).toList()));
    }

    ApiResult revokeSession(ApiCall call) {
        profile.revokeSession(call.actor(), call.uuid("sessionId", "session"));
        return ApiResult.noContent();
    }

    ApiResult beginTotp(ApiCall call) {
        TwoFactorService.Enrolment e = twoFactor.begin(call.actor());
        return ApiResult.ok(new ApiViews.TotpEnrolment(e.secret(), e.otpauthUri(), TotpQrCode.svg(e.otpauthUri())));
    }

    ApiResult confirmTotp(ApiCall call) {
        ApiRequests.TotpConfirm b = call.body(ApiRequests.TotpConfirm.class);
        TwoFactorService.Confirmation c = twoFactor.confirm(call.actor(), b.code());
        return ApiResult.ok(new ApiViews.RecoveryCodes(c.recoveryCodes(), ApiViews.Tokens.of(c.tokens(), clock)));
    }

    ApiResult disableTotp(ApiCall call) {
        return ApiResult.ok(ApiViews.Tokens.of(twoFactor.disable(call.actor()), clock));
    }

    ApiResult regenerateRecoveryCodes(ApiCall call) {
        return ApiResult.ok(new ApiViews.RecoveryCodes(twoFactor.regenerateRecoveryCodes(call.actor()), null));
    }

    ApiResult acceptInvitation(ApiCall call) {
        ApiRequests.AcceptInvitation b = call.body(ApiRequests.AcceptInvitation.class);
        var m = members.accept(call.actor(), b.token());
        return ApiResult.ok(new ApiViews.MembershipView(m.tenant().value(), m.role().wire()));
    }
}
