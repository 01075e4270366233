package com.ethiq.app.api;

import java.util.List;

/**
 * Request bodies, one record per action (no shared "entity" bodies, so nothing can be mass-assigned: a field that
 * is not here is a 400). {@code toString} of records holding secrets is masked.
 */
public final class ApiRequests {
    private ApiRequests() {
    }

    public record SignUp(String email, String password, String displayName) {
        @Override
        public String toString() {
            return "SignUp[****]";
        }
    }

    public record Login(String email, String password) {
        @Override
        public String toString() {
            return "Login[****]";
        }
    }

    /** {@code code} (6 digits from the app) or {@code recoveryCode}. */
    public record SecondFactor(String challenge, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "SecondFactor[****]";
        }
    }

    public record Refresh(String refreshToken) {
        @Override
        public String toString() {
            return "Refresh[****]";
        }
    }

    public record StepUp(String password, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "StepUp[****]";
        }
    }

    public record ProfileChange(String displayName) {
    }

    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[****]";
        }
    }

    public record TotpConfirm(String code) {
        @Override
        public String toString() {
            return "TotpConfirm[****]";
        }
    }

    public record AcceptInvitation(String token) {
        @Override
        public String toString() {
            return "AcceptInvitation[****]";
        }
    }

    /** {@code region}: ISO country code of the wanted number ("FR"); {@code language}: "fr" or "en". */
    public record CreateAccount(String displayName, String region, String sipAddress, String language) {
    }

    public record Invite(String email, String role) {
    }

    public record RoleChange(String role) {
    }

    /** {@code mayJoin}: may this contact's family link add their phone to a live call (default true). */
    public record Contact(String name, String phone, String relationship, Boolean mayJoin) {
    }

    /** {@code listing}: trusted, blocked_reject (the call is refused) or blocked_warn (protected, starts suspicious). */
    public record KnownCaller(String phone, String name, String listing) {
    }

    /** Which emergency contact's phone joins the call. */
    public record JoinCall(String contactId) {
    }

    public record Reputation(Boolean optIn) {
    }

    /** Every field optional; absent keeps the value, an empty sender or service goes back to the platform's. */
    public record Telephony(String announcementAudience, String smsSenderId, String messagingService,
                            String regulatoryBundleSid, String addressSid) {
    }

    /** The whole institution directory in the bundled file's format ({@code @version}, one block per institution). */
    public record InstitutionDirectory(String text) {
    }

    /** Every field optional; absent fields keep their value. */
    public record SettingsPatch(String language, Double suspiciousThreshold, Double scamThreshold, Boolean smsToContacts,
                                Boolean announceInCall, Integer retentionDays, List<Phrase> customPhrases,
                                Boolean aiAnalysisEnabled, Integer aiDailyRequestBudget, Integer clearCallRetentionDays,
                                String protectedPhone, String blockedCallers, Boolean speechGate) {
    }

    public record Phrase(String phrase, String cueKind, String category, double weight) {
    }

    public record TelephonyCredentials(String accountSid, String authToken) {
        @Override
        public String toString() {
            return "TelephonyCredentials[" + accountSid + ", ****]";
        }
    }

    public record SecretValue(String value) {
        @Override
        public String toString() {
            return "SecretValue[****]";
        }
    }

    /**
     * Numbers to buy into the pool under {@code region} ("FR"): exactly {@code numbers} (E.164, from a search), or the
     * first {@code count} (1-50) on offer in {@code country} (ISO, "FR"), optionally in the provider's {@code area}.
     */
    public record BuyNumbers(String region, List<String> numbers, String country, String area, Integer count) {
    }

    /** Numbers the platform Twilio account already owns (E.164), added to the pool under {@code region}. */
    public record ImportNumbers(String region, List<String> numbers) {
    }

    /** Optional anchor: a head recorded earlier that the chain must still contain unchanged. */
    @ApiRoute.OptionalBody
    public record VerifyAudit(Long anchorSequence, String anchorHash) {
    }
}
