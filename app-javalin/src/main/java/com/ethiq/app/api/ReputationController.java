package com.ethiq.app.api;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.management.backoffice.ReputationService;

/** An account's part in the shared caller reputation: opt-in, false alarms. */
final class ReputationController {
    private final ReputationService reputation;

    ReputationController(ReputationService reputation) {
        this.reputation = reputation;
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(new ApiViews.Reputation(reputation.optedIn(call.actor(), call.account())));
    }

    ApiResult put(ApiCall call) {
        ApiRequests.Reputation b = call.body(ApiRequests.Reputation.class);
        if (b.optIn() == null) {
            throw new IllegalArgumentException("'optIn' is required");
        }
        return ApiResult.ok(new ApiViews.Reputation(reputation.setOptIn(call.actor(), call.account(), b.optIn())));
    }

    ApiResult falseAlarm(ApiCall call) {
        var tenant = call.account();
        CallSid sid = call.callSid();
        return ApiResult.ok(new ApiViews.FalseAlarm(sid.value(), reputation.markFalseAlarm(call.actor(), tenant, sid)));
    }
}
