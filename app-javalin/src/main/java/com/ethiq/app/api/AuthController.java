package com.ethiq.app.api;

import com.ethiq.core.management.identity.AuthService;
import com.ethiq.core.management.identity.Credentials;
import com.ethiq.core.management.identity.LoginResult;
import com.ethiq.core.management.identity.TokenIssuer;
import java.time.Clock;

/** Sign-up, login (two steps with 2FA), refresh, logout, step-up. Parses, calls {@link AuthService}, maps. */
final class AuthController {
    private final AuthService auth;
    private final Clock clock;

    AuthController(AuthService auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    ApiResult signUp(ApiCall call) {
        ApiRequests.SignUp b = call.body(ApiRequests.SignUp.class);
        auth.signUp(new Credentials.SignUp(b.email(), b.password(), b.displayName()), call.origin());
        // Same answer whether or not the address was free: sign-up cannot be used to test addresses.
        return ApiResult.accepted(new ApiViews.Accepted("accepted",
                "If this address can be used, the account exists now: log in with it."));
    }

    ApiResult login(ApiCall call) {
        ApiRequests.Login b = call.body(ApiRequests.Login.class);
        LoginResult r = auth.login(new Credentials.Login(b.email(), b.password()), call.origin());
        if (r instanceof LoginResult.SecondFactorRequired s) {
            return ApiResult.ok(new ApiViews.Login(true, s.challenge().value(), s.challenge().expiresAt(), null));
        }
        return ApiResult.ok(new ApiViews.Login(false, null, null, ApiViews.Tokens.of(((LoginResult.SignedIn) r).tokens(), clock)));
    }

    ApiResult secondFactor(ApiCall call) {
        ApiRequests.SecondFactor b = call.body(ApiRequests.SecondFactor.class);
        return ApiResult.ok(ApiViews.Tokens.of(auth.completeSecondFactor(
                new Credentials.SecondFactor(b.challenge(), b.code(), b.recoveryCode()), call.origin()), clock));
    }

    ApiResult refresh(ApiCall call) {
        ApiRequests.Refresh b = call.body(ApiRequests.Refresh.class);
        return ApiResult.ok(ApiViews.Tokens.of(auth.refresh(b.refreshToken(), call.origin()), clock));
    }

    ApiResult logout(ApiCall call) {
        auth.logout(call.actor());
        return ApiResult.noContent();
    }

    ApiResult stepUp(ApiCall call) {
        ApiRequests.StepUp b = call.body(ApiRequests.StepUp.class);
        TokenIssuer.IssuedToken t = auth.stepUp(call.actor(), new Credentials.StepUp(b.password(), b.code(), b.recoveryCode()));
        return ApiResult.ok(new ApiViews.AccessToken("Bearer", t.value(),
                Math.max(0, t.expiresAt().getEpochSecond() - clock.instant().getEpochSecond()), t.expiresAt()));
    }
}
