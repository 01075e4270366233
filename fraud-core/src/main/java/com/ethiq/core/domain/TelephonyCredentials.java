package com.ethiq.core.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tenant's own telephony account (Twilio: Account SID of the account or subaccount + its primary auth token).
 * Used to call the telephony API on the tenant's behalf and to check the signatures of its webhooks.
 */
public record TelephonyCredentials(String accountSid, Secret authToken) {
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

    public TelephonyCredentials {
        if (accountSid == null || !ACCOUNT_SID.matcher(accountSid).matches()) {
            throw new IllegalArgumentException("'accountSid' must be AC + 32 hex digits, got '" + accountSid + "'");
        }
        Objects.requireNonNull(authToken, "'authToken' must not be null");
    }
}
