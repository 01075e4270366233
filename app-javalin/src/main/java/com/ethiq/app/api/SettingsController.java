package com.ethiq.app.api;

import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.management.backoffice.AccountService;
import com.ethiq.core.management.backoffice.CredentialService;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.backoffice.SettingsService;
import com.ethiq.core.port.TenantSecrets.SecretKind;
import java.util.List;

/** Settings and vendor credentials (write-only) of an account. */
final class SettingsController {
    private final SettingsService settings;
    private final CredentialService credentials;
    private final AccountService accounts;

    SettingsController(SettingsService settings, CredentialService credentials, AccountService accounts) {
        this.settings = settings;
        this.credentials = credentials;
        this.accounts = accounts;
    }

    /** The protected person's phone as typed ("06 12 34 56 78"), in E.164; blank clears it, null keeps it. */
    private String protectedPhone(ApiCall call, String typed) {
        if (typed == null || typed.isBlank()) {
            return typed;
        }
        String country = PhoneNumbers.countryOf(accounts.get(call.actor(), call.account()).tenant().number());
        return PhoneNumbers.toE164("protectedPhone", typed, country);
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(ApiViews.Settings.of(settings.get(call.actor(), call.account())));
    }

    ApiResult update(ApiCall call) {
        var tenant = call.account();
        ApiRequests.SettingsPatch b = call.body(ApiRequests.SettingsPatch.class);
        List<CustomPhrase> phrases = b.customPhrases() == null ? null : b.customPhrases().stream()
                .map(p -> new CustomPhrase(p.phrase(), p.cueKind(), p.category(), p.weight())).toList();
        return ApiResult.ok(ApiViews.Settings.of(settings.update(call.actor(), tenant, new SettingsService.SettingsChange(
                b.language(), b.suspiciousThreshold(), b.scamThreshold(), b.smsToContacts(), b.announceInCall(),
                b.retentionDays(), phrases, b.aiAnalysisEnabled(), b.aiDailyRequestBudget(), b.clearCallRetentionDays(),
                protectedPhone(call, b.protectedPhone()), b.blockedCallers(), b.speechGate()))));
    }

    ApiResult credentials(ApiCall call) {
        return ApiResult.ok(ApiViews.Credentials.of(credentials.status(call.actor(), call.account())));
    }

    ApiResult setTelephony(ApiCall call) {
        var tenant = call.account();
        ApiRequests.TelephonyCredentials b = call.body(ApiRequests.TelephonyCredentials.class);
        return ApiResult.ok(ApiViews.Credentials.of(credentials.setTelephony(call.actor(), tenant, b.accountSid(), b.authToken())));
    }

    ApiResult setSpeech(ApiCall call) {
        return setSecret(call, SecretKind.SPEECH_SERVICE_ACCOUNT);
    }

    ApiResult setAi(ApiCall call) {
        return setSecret(call, SecretKind.AI_API_KEY);
    }

    private ApiResult setSecret(ApiCall call, SecretKind kind) {
        var tenant = call.account();
        ApiRequests.SecretValue b = call.body(ApiRequests.SecretValue.class);
        return ApiResult.ok(ApiViews.Credentials.of(credentials.setSecret(call.actor(), tenant, kind, b.value())));
    }

    ApiResult remove(ApiCall call) {
        var tenant = call.account();
        SecretKind kind = switch (call.path("kind")) {
            case "telephony" -> SecretKind.TELEPHONY_AUTH_TOKEN;
            case "speech" -> SecretKind.SPEECH_SERVICE_ACCOUNT;
            case "ai" -> SecretKind.AI_API_KEY;
            default -> throw new NotFoundException("credential kind");
        };
        return ApiResult.ok(ApiViews.Credentials.of(credentials.remove(call.actor(), tenant, kind)));
    }
}
