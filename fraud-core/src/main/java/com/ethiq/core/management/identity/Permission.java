package com.ethiq.core.management.identity;

import java.util.Locale;

/**
 * One thing a caller may do inside an account. {@link #stepUp()} marks sensitive actions that need a recent
 * re-authentication (see {@link StepUpPolicy}). Who holds which permission is in {@link PermissionMatrix}.
 */
public enum Permission {
    ACCOUNT_READ(false, "Read the account (status, number, SIP address)"),
    ACCOUNT_SUSPEND(false, "Suspend or resume protection"),
    ACCOUNT_CANCEL(true, "Cancel the account"),
    ACCOUNT_ERASE(true, "Erase the account and its personal data"),
    MEMBERS_READ(false, "List members"),
    MEMBERS_INVITE(true, "Invite a member"),
    MEMBERS_CHANGE_ROLE(true, "Change a member's role"),
    MEMBERS_REMOVE(true, "Remove a member"),
    CONTACTS_READ(false, "List and read emergency contacts"),
    CONTACTS_WRITE(false, "Add, change and delete emergency contacts"),
    SETTINGS_READ(false, "Read settings"),
    SETTINGS_WRITE(false, "Change settings"),
    CREDENTIALS_READ(false, "See whether vendor credentials are set (never their value)"),
    CREDENTIALS_WRITE(true, "Set or remove vendor credentials"),
    CALLS_READ(false, "List calls (metadata, verdicts)"),
    TRANSCRIPTS_READ(false, "Read one call in detail: transcript, cues, AI analysis, alerts"),
    EVIDENCE_EXPORT(false, "Download the evidence pack (PDF, JSON) of a call judged a scam or suspect (audited)"),
    ALERTS_READ(false, "List alerts"),
    CALLS_JOIN(false, "Add an emergency contact's phone to a live call (announced)"),
    CALLS_END(false, "End a live call (the protected person is told first)"),
    CALLS_HANDLE(false, "Say \"I'm on it\" for a call (the other contacts get one SMS)"),
    CALLERS_BLOCK(false, "Put a call's caller on the account's block list"),
    CALLS_REVOKE_LINKS(false, "Revoke every family link of a call (they show the expired page from then on)"),
    USAGE_READ(false, "Read monthly usage"),
    USAGE_EXPORT(true, "Export usage events as CSV"),
    AUDIT_READ(false, "Read the audit log"),
    AUDIT_VERIFY(false, "Verify the audit hash chain");

    private final boolean stepUp;
    private final String description;

    Permission(boolean stepUp, String description) {
        this.stepUp = stepUp;
        this.description = description;
    }

    /** True if holding the permission is not enough: the caller must have re-authenticated recently. */
    public boolean stepUp() {
        return stepUp;
    }

    public String description() {
        return description;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replaceFirst("_", ":");
    }
}
