package com.ethiq.app.demo;

import com.ethiq.core.domain.TenantId;
import java.util.Objects;

/**
 * The demo account that the embedded default seeds: its id, the (fictional) number calls arrive on, the fake Twilio
 * credentials its webhooks are signed with, a caller number for simulated calls, and the dashboard login, if the
 * management API is wired. Immutable. {@code toString()} hides the auth token and password.
 */
public record DemoTenant(TenantId id, String displayName, String number, String accountSid, String authToken,
                         String callerNumber, String loginEmail, String loginPassword) {
    public DemoTenant {
        Objects.requireNonNull(id, "'id' must not be null");
        Objects.requireNonNull(number, "'number' must not be null");
        Objects.requireNonNull(accountSid, "'accountSid' must not be null");
        Objects.requireNonNull(authToken, "'authToken' must not be null");
        Objects.requireNonNull(callerNumber, "'callerNumber' must not be null");
        loginEmail = loginEmail == null ? "" : loginEmail;
        loginPassword = loginPassword == null ? "" : loginPassword;
    }

    public DemoTenant withLogin(String email, String password) {
        return new DemoTenant(id, displayName, number, accountSid, authToken, callerNumber, email, password);
    }

    @Override
    public String toString() {
        return "DemoTenant[id=" + id + ", number=" + number + ", accountSid=" + accountSid + ", authToken=****, login="
                + (loginEmail.isEmpty() ? "-" : loginEmail) + "]";
    }
}
