package com.ethiq.app.api;

import com.ethiq.core.domain.CallProtection;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.management.backoffice.AlertQueryService;
import com.ethiq.core.management.backoffice.CallQueryService;

/** Calls (list and detail) and alerts of an account. */
final class CallController {
    private final CallQueryService calls;
    private final AlertQueryService alerts;

    CallController(CallQueryService calls, AlertQueryService alerts) {
        this.calls = calls;
        this.alerts = alerts;
    }

    ApiResult list(ApiCall call) {
        var tenant = call.account();
        CallProtection protection = null;
        String p = call.query("protection");
        if (p != null) {
            try {
                protection = CallProtection.fromWire(p);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'protection' must be one of protected, unprotected_account_suspended, "
                        + "unprotected_speech_unavailable, unprotected_no_media, rejected");
            }
        }
        var filter = new CallQueryService.CallFilter(call.instantQuery("before"), call.intQuery("limit", 50, 1,
                CallQueryService.MAX_LIMIT), call.boolQuery("fraud"), call.instantQuery("since"), protection);
        CallQueryService.CallPage page = calls.list(call.actor(), tenant, filter);
        return ApiResult.ok(new ApiViews.CallPage(page.page().items().stream()
                .map(l -> ApiViews.CallSummary.of(l, page.viaOperator())).toList(), page.page().nextCursor()));
    }

    ApiResult detail(ApiCall call) {
        var tenant = call.account();
        CallSid sid = call.callSid();
        CallQueryService.CallDetail d = calls.detail(call.actor(), tenant, sid);
        String withheld = d.transcriptWithheld().map(CallQueryService.Withheld::wire).orElse(null);
        return ApiResult.ok(new ApiViews.CallDetail(ApiViews.CallSummary.of(d.call(), d.viaOperator()),
                withheld == null ? d.call().explanation() : null,
                d.transcript().stream().map(ApiViews.Segment::of).toList(), ApiViews.Ai.of(d.call().aiAnalysis()),
                d.alerts().stream().map(a -> ApiViews.AlertView.of(a, d.viaOperator())).toList(), withheld,
                d.call().callerVerification().orElse(null)));
    }

    ApiResult alerts(ApiCall call) {
        var tenant = call.account();
        AlertQueryService.AlertList list = alerts.recent(call.actor(), tenant, call.intQuery("limit", 100, 1, AlertQueryService.MAX_LIMIT));
        return ApiResult.ok(new ApiViews.AlertList(list.alerts().stream().map(a -> ApiViews.AlertView.of(a, list.viaOperator())).toList()));
    }
}
