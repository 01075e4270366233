package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Per-call media tokens: bound, short-lived, single use, and nothing else passes for them. */
class MediaTokensTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final MediaTokens tokens = new MediaTokens(KEY, Duration.ofMinutes(2), clock);
    private final TenantId tenant = TenantId.random();
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");

    @Test
    void aFreshTokenIsAcceptedOnceForItsCall() {
        String token = tokens.issue(tenant, call);
        assertThat(tokens.redeem(token, call.value())).isEqualTo(new MediaTokens.Accepted(tenant, call, JWT.decode(token).getId()));
        assertThat(tokens.redeem(token, call.value())).isEqualTo(new MediaTokens.Refused("replayed"));
    }

    @Test
    void verifyDoesNotUseTheTokenUp() {
        String token = tokens.issue(tenant, call);
        MediaTokens.Accepted a = (MediaTokens.Accepted) tokens.verify(token, call.value());
        assertThat(tokens.verify(token, call.value())).isInstanceOf(MediaTokens.Accepted.class);
        assertThat(tokens.consume(a)).isTrue();
        assertThat(tokens.consume(a)).isFalse();
        assertThat(tokens.verify(token, call.value())).isEqualTo(new MediaTokens.Refused("replayed"));
    }

    @Test
    void expiresAfterItsLifetimePlusLeeway() {
        String token = tokens.issue(tenant, call);
        clock.advance(Duration.ofMinutes(2).plusSeconds(MediaTokens.LEEWAY_SECONDS - 1));
        assertThat(tokens.verify(token, call.value())).isInstanceOf(MediaTokens.Accepted.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.redeem(token, call.value())).isEqualTo(new MediaTokens.Refused("expired"));
    }

    @Test
    void aTokenOfAnotherCallIsRefusedAndNotConsumed() {
        String token = tokens.issue(tenant, call);
        assertThat(tokens.redeem(token, "CAother")).isEqualTo(new MediaTokens.Refused("wrong_call"));
        assertThat(tokens.redeem(token, call.value())).isInstanceOf(MediaTokens.Accepted.class);
    }

    @Test
    void refusesForgeriesAndLookAlikes() {
        Algorithm alg = Algorithm.HMAC256(KEY);
        String noExp = JWT.create().withIssuer(MediaTokens.ISSUER).withAudience(MediaTokens.AUDIENCE)
                .withClaim("tid", tenant.toString()).withClaim("csid", call.value()).withJWTId("j1")
                .withIssuedAt(clock.instant()).sign(alg);
        String otherAudience = JWT.create().withIssuer(MediaTokens.ISSUER).withAudience("ethiq-api")
                .withClaim("tid", tenant.toString()).withClaim("csid", call.value()).withJWTId("j2")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60)).sign(alg);
        String otherKey = new MediaTokens("another key, also 32 bytes long!!".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(2), clock).issue(tenant, call);
        String[] parts = tokens.issue(tenant, call).split("\\.");
        String algNone = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".";
        String badTenant = JWT.create().withIssuer(MediaTokens.ISSUER).withAudience(MediaTokens.AUDIENCE)
                .withClaim("tid", "not-a-uuid").withClaim("csid", call.value()).withJWTId("j3")
                .withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60)).sign(alg);

        assertThat(tokens.verify(noExp, call.value())).isEqualTo(new MediaTokens.Refused("bad_claims"));
        assertThat(tokens.verify(otherAudience, call.value())).isEqualTo(new MediaTokens.Refused("bad_claims"));
        assertThat(tokens.verify(otherKey, call.value())).isEqualTo(new MediaTokens.Refused("bad_signature"));
        assertThat(tokens.verify(algNone, call.value())).isEqualTo(new MediaTokens.Refused("bad_signature"));
        assertThat(tokens.verify(badTenant, call.value())).isEqualTo(new MediaTokens.Refused("bad_claims"));
        assertThat(tokens.verify("x".repeat(5000), call.value())).isEqualTo(new MediaTokens.Refused("too_large"));
        assertThat(tokens.verify("", call.value())).isEqualTo(new MediaTokens.Refused("missing"));
        assertThat(tokens.verify("a.b.c", call.value())).isEqualTo(new MediaTokens.Refused("malformed"));
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new MediaTokens(new byte[31], Duration.ofMinutes(2), clock))
                .hasMessageContaining("'key' must hold at least 32 bytes");
    }
}
