package com.ethiq.app.api;

import com.ethiq.core.domain.AnnouncementAudience;
import com.ethiq.core.domain.TelephonyPreferences;
import com.ethiq.core.management.backoffice.TelephonyPreferencesService;

/** An account's telephony choices: who hears spoken warnings, its own alert SMS sender, its own regulatory bundle and address. */
final class TelephonyController {
    private final TelephonyPreferencesService telephony;

    TelephonyController(TelephonyPreferencesService telephony) {
        this.telephony = telephony;
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(view(telephony.get(call.actor(), call.account())));
    }

    ApiResult update(ApiCall call) {
        ApiRequests.Telephony b = call.body(ApiRequests.Telephony.class);
        AnnouncementAudience audience = b.announcementAudience() == null ? null : AnnouncementAudience.parse(b.announcementAudience());
        return ApiResult.ok(view(telephony.update(call.actor(), call.account(), audience, b.smsSenderId(), b.messagingService(),
                b.regulatoryBundleSid(), b.addressSid())));
    }

    private static ApiViews.Telephony view(TelephonyPreferences p) {
        return new ApiViews.Telephony(p.audience().wire(), p.smsSenderId(), p.messagingService(),
                p.regulatoryBundleSid(), p.addressSid());
    }
}
