package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Per-call media tokens: bound, short-lived, single use, and nothing else passes for them. */
class MediaTokensTest {
    private static final byte[] KEY = "media-key: 0123456789abcdefghijklmnop".getBytes(StandardCharsets.UTF_8);
    private static final MediaTokens.Refused INVALID = new MediaTokens.Refused("invalid");
    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final MediaTokens tokens = new MediaTokens(KEY, clock);
    private final TenantId tenant = TenantId.random();
    private final CallSid call = CallSid.of("CA0123456789abcdef0123456789abcdef");

    @Test
    void aFreshTokenIsAcceptedOnceForItsCall() {
        String token = tokens.issue(tenant, call);
        MediaTokens.Redemption first = tokens.redeem(token, call.value());
        assertThat(first).isInstanceOfSatisfying(MediaTokens.Accepted.class, a -> {
            assertThat(a.tenant()).isEqualTo(tenant);
            assertThat(a.callSid()).isEqualTo(call);
        });
        assertThat(tokens.redeem(token, call.value())).isEqualTo(new MediaTokens.Refused("replayed"));
    }

    @Test
    void aTokenCarriesTheStreamGenerationItWasIssuedFor() {
        assertThat(tokens.redeem(tokens.issue(tenant, call), call.value()))
                .isInstanceOfSatisfying(MediaTokens.Accepted.class, a -> assertThat(a.generation()).isZero());
        assertThat(tokens.redeem(tokens.issue(tenant, call, 3), call.value()))
                .isInstanceOfSatisfying(MediaTokens.Accepted.class, a -> assertThat(a.generation()).isEqualTo(3));
        assertThatThrownBy(() -> tokens.issue(tenant, call, -1)).isInstanceOf(IllegalArgumentException.class);
        // a token whose generation is not a number is no token
        String forged = JWT.create().withKeyId("media").withIssuer("ethiq").withAudience(TokenService.MEDIA_AUDIENCE)
                .withSubject("call:" + call.value()).withExpiresAt(clock.instant().plusSeconds(60)).withJWTId("j1")
                .withClaim("tenant", tenant.toString()).withClaim("call_sid", call.value()).withClaim("gen", "two")
                .sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.redeem(forged, call.value())).isEqualTo(INVALID);
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
        clock.advance(TokenService.MEDIA_TTL.plus(MediaTokens.LEEWAY).minusSeconds(1));
        assertThat(tokens.verify(token, call.value())).isInstanceOf(MediaTokens.Accepted.class);
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.redeem(token, call.value())).isEqualTo(INVALID);
    }

    @Test
    void aTokenOfAnotherCallIsRefusedAndNotConsumed() {
        String token = tokens.issue(tenant, call);
        assertThat(tokens.redeem(token, "CAother")).isEqualTo(INVALID);
        assertThat(tokens.redeem(token, call.value())).isInstanceOf(MediaTokens.Accepted.class);
    }

    @Test
    void refusesForgeriesAndLookAlikes() {
        Algorithm alg = Algorithm.HMAC256(KEY);
        String noExp = JWT.create().withKeyId("media").withIssuer("ethiq").withAudience(TokenService.MEDIA_AUDIENCE)
                .withSubject("call:" + call.value()).withClaim("tenant", tenant.toString()).withClaim("call_sid", call.value())
                .withJWTId("j1").withIssuedAt(clock.instant()).sign(alg);
        String otherAudience = JWT.create().withKeyId("media").withIssuer("ethiq").withAudience(TokenService.ACCESS_AUDIENCE)
                .withSubject("call:" + call.value()).withClaim("tenant", tenant.toString()).withClaim("call_sid", call.value())
                .withJWTId("j2").withIssuedAt(clock.instant()).withExpiresAt(clock.instant().plusSeconds(60)).sign(alg);
        String otherKey = new MediaTokens("another key, also 32 bytes long!!".getBytes(StandardCharsets.UTF_8), clock)
                .issue(tenant, call);
        String[] parts = tokens.issue(tenant, call).split("\\.");
        String algNone = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"media\"}".getBytes()) + "." + parts[1] + ".";

        for (String forged : new String[] {noExp, otherAudience, otherKey, algNone, "x".repeat(5000), "a.b.c"}) {
            assertThat(tokens.verify(forged, call.value())).isEqualTo(INVALID);
        }
        assertThat(tokens.verify("", call.value())).isEqualTo(new MediaTokens.Refused("missing"));
        assertThat(tokens.verify(tokens.issue(tenant, call), "not a call sid!")).isEqualTo(INVALID);
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new MediaTokens(new byte[31], clock)).hasMessageContaining("'key' must hold at least 32 bytes");
    }
}
