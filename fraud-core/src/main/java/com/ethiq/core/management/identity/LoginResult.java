package com.ethiq.core.management.identity;

/** Outcome of a correct password: signed in, or one more step (the second factor) to go. */
public sealed interface LoginResult permits LoginResult.SignedIn, LoginResult.SecondFactorRequired {

    record SignedIn(SessionTokens tokens) implements LoginResult {
    }

    /** Present {@code challenge} with a TOTP or recovery code to finish signing in. */
    record SecondFactorRequired(TokenIssuer.IssuedToken challenge) implements LoginResult {
    }
}
