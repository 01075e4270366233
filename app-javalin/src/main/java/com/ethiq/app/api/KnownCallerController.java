package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.KnownCallerService;

/** Trusted and blocked callers of an account. */
final class KnownCallerController {
    private final KnownCallerService callers;
    private final AccountService accounts;

    KnownCallerController(KnownCallerService callers, AccountService accounts) {
        this.callers = callers;
        this.accounts = accounts;
    }

    ApiResult list(ApiCall call) {
        return ApiResult.ok(new ApiViews.KnownCallerList(callers.list(call.actor(), call.account()).stream()
                .map(ApiViews.KnownCaller::of).toList()));
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(ApiViews.KnownCaller.of(callers.get(call.actor(), call.account(), call.uuid("callerId", "known caller"))));
    }

    ApiResult add(ApiCall call) {
        return ApiResult.created(ApiViews.KnownCaller.of(callers.add(call.actor(), call.account(), input(call, accounts))));
    }

    ApiResult update(ApiCall call) {
        var id = call.uuid("callerId", "known caller");
        return ApiResult.ok(ApiViews.KnownCaller.of(callers.update(call.actor(), call.account(), id, input(call, accounts))));
    }

    ApiResult remove(ApiCall call) {
        callers.remove(call.actor(), call.account(), call.uuid("callerId", "known caller"));
        return ApiResult.noContent();
    }

    private static KnownCallerService.Input input(ApiCall call, AccountService accounts) {
        ApiRequests.KnownCaller b = call.body(ApiRequests.KnownCaller.class);
        String country = PhoneNumbers.countryOf(accounts.get(call.actor(), call.account()).tenant().number());
        return new KnownCallerService.Input(PhoneNumbers.toE164("phone", b.phone(), country), b.name(), b.listing());
    }
}
