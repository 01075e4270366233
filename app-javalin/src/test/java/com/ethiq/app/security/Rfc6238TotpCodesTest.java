package com.ethiq.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Secret;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Rfc6238TotpCodesTest {
    private final Rfc6238TotpCodes totp = new Rfc6238TotpCodes();
    /** RFC 6238 appendix B SHA-1 seed "12345678901234567890" in base32. */
    private final Secret rfcSeed = Secret.of("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

    @Test
    void matchesTheRfc6238TestVectorsTruncatedToSixDigits() {
        // RFC 6238 appendix B, SHA-1: T=59 -> 94287082, T=1111111109 -> 07081804, T=1234567890 -> 89005924.
        assertThat(totp.codeFor(rfcSeed, 59 / 30)).isEqualTo("287082");
        assertThat(totp.codeFor(rfcSeed, 1111111109L / 30)).isEqualTo("081804");
        assertThat(totp.codeFor(rfcSeed, 1234567890L / 30)).isEqualTo("005924");
    }

    @Test
    void acceptsOneStepOfDriftEitherSideAndSaysWhichStep() {
        Instant now = Instant.ofEpochSecond(1234567890L);
        long step = 1234567890L / 30;
        assertThat(totp.matchingStep(rfcSeed, totp.codeFor(rfcSeed, step), now)).hasValue(step);
        assertThat(totp.matchingStep(rfcSeed, totp.codeFor(rfcSeed, step - 1), now)).hasValue(step - 1);
        assertThat(totp.matchingStep(rfcSeed, totp.codeFor(rfcSeed, step + 1), now)).hasValue(step + 1);
        assertThat(totp.matchingStep(rfcSeed, totp.codeFor(rfcSeed, step + 2), now)).isEmpty();
        assertThat(totp.matchingStep(rfcSeed, "12345", now)).isEmpty();
        assertThat(totp.matchingStep(rfcSeed, "abcdef", now)).isEmpty();
    }

    @Test
    void seedsHave160BitsAndTheUriIsWhatAppsExpect() {
        Secret seed = totp.newSeed();
        assertThat(seed.reveal()).matches("[A-Z2-7]{32}");
        assertThat(totp.newSeed().reveal()).isNotEqualTo(seed.reveal());
        URI uri = URI.create(totp.provisioningUri(seed, "marie@example.org", "Ethiq"));
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getQuery()).contains("secret=" + seed.reveal()).contains("issuer=Ethiq").contains("digits=6").contains("period=30");
    }
}
