package com.ethiq.core.management.identity;

/**
 * Inputs of the authentication use cases. Plain carriers of what the client typed; validation happens in the use
 * case so every failure looks the same. {@code toString} never shows secrets.
 */
public final class Credentials {
    private Credentials() {
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

    /** Exactly one of {@code code} (TOTP) and {@code recoveryCode}. */
    public record SecondFactor(String challenge, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "SecondFactor[****]";
        }
    }

    /** Password again, plus a TOTP or recovery code when the user has 2FA. */
    public record StepUp(String password, String code, String recoveryCode) {
        @Override
        public String toString() {
            return "StepUp[****]";
        }
    }

    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[****]";
        }
    }
}
