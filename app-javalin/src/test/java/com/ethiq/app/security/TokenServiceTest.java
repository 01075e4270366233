package com.ethiq.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.management.identity.AccessClaims;
import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.TokenIssuer;
import com.ethiq.core.management.identity.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expiry, forgery, alg:none, audiences, missing claims, kid and size: every way a token must be refused. */
class TokenServiceTest {
    private static final byte[] KEY = Base64.getDecoder().decode("q83vEjRWeJq8ZHhbfEe/8KJl8oKw3Tq1mNn4hY1kXx8=");
    private static final byte[] OTHER_KEY = Base64.getDecoder().decode("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=");
    private static final String ISS = "https://ethiq.test";

    private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
    private final TokenService tokens = new TokenService(new JwtSettings(ISS, "k1", Map.of("k1", KEY),
            Duration.ofMinutes(10), Duration.ofSeconds(30)), clock);
    private final UserId user = new UserId(UUID.randomUUID());
    private final UUID session = UUID.randomUUID();

    private String access() {
        return tokens.issueAccess(new TokenIssuer.SessionProof(user, session, clock.instant(), EnumSet.of(AuthMethod.PWD, AuthMethod.OTP))).value();
    }

    /** A token built by hand with our key and issuer, for the claim-level checks. */
    private com.auth0.jwt.JWTCreator.Builder handmade(String audience) {
        Instant now = clock.instant();
        return JWT.create().withKeyId("k1").withIssuer(ISS).withAudience(audience).withSubject(user.toString())
                .withIssuedAt(Date.from(now)).withExpiresAt(Date.from(now.plusSeconds(300))).withJWTId("j1")
                .withClaim("sid", session.toString()).withClaim("auth_time", now.getEpochSecond()).withClaim("amr", java.util.List.of("pwd"));
    }

    @Test
    void aFreshAccessTokenCarriesItsClaims() {
        AccessClaims c = tokens.verifyAccess(access()).orElseThrow();
        assertThat(c.user()).isEqualTo(user);
        assertThat(c.sessionId()).isEqualTo(session);
        assertThat(c.methods()).containsExactlyInAnyOrder(AuthMethod.PWD, AuthMethod.OTP);
        assertThat(c.authTime()).isEqualTo(clock.instant());
        assertThat(c.tokenId()).isNotBlank();
    }

    @Test
    void expiryIsEnforcedWithAtMost30SecondsLeeway() {
        String t = access();
        clock.advance(Duration.ofMinutes(10).plusSeconds(29));
        assertThat(tokens.verifyAccess(t)).isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.verifyAccess(t)).isEmpty();
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        String future = handmade(TokenService.ACCESS_AUDIENCE).withIssuedAt(Date.from(clock.instant().plusSeconds(120)))
                .sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.verifyAccess(future)).isEmpty();
    }

    @Test
    void withoutExpOrIatOrJtiATokenIsRefused() {
        String noExp = JWT.create().withKeyId("k1").withIssuer(ISS).withAudience(TokenService.ACCESS_AUDIENCE)
                .withSubject(user.toString()).withIssuedAt(Date.from(clock.instant())).withJWTId("x")
                .withClaim("sid", session.toString()).withClaim("auth_time", 1L).withClaim("amr", java.util.List.of("pwd"))
                .sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.verifyAccess(noExp)).isEmpty();
        String noIat = JWT.create().withKeyId("k1").withIssuer(ISS).withAudience(TokenService.ACCESS_AUDIENCE)
                .withSubject(user.toString()).withExpiresAt(Date.from(clock.instant().plusSeconds(60))).withJWTId("x")
                .withClaim("sid", session.toString()).withClaim("auth_time", 1L).withClaim("amr", java.util.List.of("pwd"))
                .sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.verifyAccess(noIat)).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).sign(Algorithm.HMAC256(KEY)))).isPresent();
    }

    @Test
    void aForgedSignatureOrAnotherKeyIsRefused() {
        String t = access();
        String[] parts = t.split("\\.");
        char last = parts[2].charAt(0);
        String flipped = parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThat(tokens.verifyAccess(flipped)).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).sign(Algorithm.HMAC256(OTHER_KEY)))).isEmpty();
        // Payload swapped for another user's, original signature kept.
        String other = handmade(TokenService.ACCESS_AUDIENCE).withSubject(UUID.randomUUID().toString()).sign(Algorithm.HMAC256(OTHER_KEY));
        assertThat(tokens.verifyAccess(parts[0] + "." + other.split("\\.")[1] + "." + parts[2])).isEmpty();
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefused() {
        String payload = access().split("\\.")[1];
        String noneHeader = b64("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        assertThat(tokens.verifyAccess(noneHeader + "." + payload + ".")).isEmpty();
        String noneUpper = b64("{\"alg\":\"NONE\",\"kid\":\"k1\"}");
        assertThat(tokens.verifyAccess(noneUpper + "." + payload + ".")).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).sign(Algorithm.HMAC512(KEY)))).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).sign(Algorithm.HMAC384(KEY)))).isEmpty();
    }

    @Test
    void audiencesDoNotMix() {
        String media = tokens.issueMediaToken(TenantId.random(), CallSid.of("CA123")).value();
        assertThat(tokens.verifyAccess(media)).isEmpty();
        String challenge = tokens.issueSecondFactorChallenge(user, clock.instant()).value();
        assertThat(tokens.verifyAccess(challenge)).isEmpty();
        assertThat(tokens.verifySecondFactorChallenge(access())).isEmpty();
        assertThat(tokens.verifyMediaToken(access(), CallSid.of("CA123"))).isEmpty();
        assertThat(tokens.verifyAccess(handmade("ethiq-other").sign(Algorithm.HMAC256(KEY)))).isEmpty();
        String noAud = handmade(TokenService.ACCESS_AUDIENCE).withAudience().sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.verifyAccess(noAud)).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).withIssuer("https://evil.test").sign(Algorithm.HMAC256(KEY)))).isEmpty();
    }

    @Test
    void unknownOrMissingKidIsRefused() {
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).withKeyId("k9").sign(Algorithm.HMAC256(KEY)))).isEmpty();
        assertThat(tokens.verifyAccess(handmade(TokenService.ACCESS_AUDIENCE).withKeyId(null).sign(Algorithm.HMAC256(KEY)))).isEmpty();
    }

    @Test
    void aRetiredKeyStillVerifiesDuringRotationAndNewTokensUseTheCurrentOne() {
        TokenService rotated = new TokenService(new JwtSettings(ISS, "k2", Map.of("k1", KEY, "k2", OTHER_KEY),
                Duration.ofMinutes(10), Duration.ofSeconds(30)), clock);
        String old = access();
        assertThat(rotated.verifyAccess(old)).isPresent();
        String fresh = rotated.issueAccess(new TokenIssuer.SessionProof(user, session, clock.instant(), EnumSet.of(AuthMethod.PWD))).value();
        assertThat(tokens.verifyAccess(fresh)).isEmpty();
        assertThat(rotated.verifyAccess(fresh)).isPresent();
    }

    @Test
    void oversizedTokensAreRefusedUnparsed() {
        String big = handmade(TokenService.ACCESS_AUDIENCE).withClaim("pad", "x".repeat(5000)).sign(Algorithm.HMAC256(KEY));
        assertThat(big.length()).isGreaterThan(TokenService.MAX_TOKEN_CHARS);
        assertThat(tokens.verifyAccess(big)).isEmpty();
        assertThat(tokens.verifyAccess(null)).isEmpty();
        assertThat(tokens.verifyAccess("not.a.jwt")).isEmpty();
    }

    @Test
    void mediaTokensAreBoundToTheirCallAndLiveTwoMinutes() {
        TenantId tenant = TenantId.random();
        TokenService.MediaToken m = tokens.issueMediaToken(tenant, CallSid.of("CA1"));
        TokenService.MediaClaims c = tokens.verifyMediaToken(m.value(), CallSid.of("CA1")).orElseThrow();
        assertThat(c.tenant()).isEqualTo(tenant);
        assertThat(c.tokenId()).isEqualTo(m.tokenId());
        assertThat(m.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(tokens.verifyMediaToken(m.value(), CallSid.of("CA2"))).isEmpty();
        clock.advance(Duration.ofMinutes(2).plusSeconds(31));
        assertThat(tokens.verifyMediaToken(m.value(), CallSid.of("CA1"))).isEmpty();
    }

    @Test
    void challengesExpireAfterFiveMinutes() {
        String ch = tokens.issueSecondFactorChallenge(user, clock.instant()).value();
        assertThat(tokens.verifySecondFactorChallenge(ch)).get().extracting(TokenIssuer.SecondFactorChallenge::user).isEqualTo(user);
        clock.advance(Duration.ofMinutes(5).plusSeconds(31));
        assertThat(tokens.verifySecondFactorChallenge(ch)).isEmpty();
    }

    @Test
    void weakKeysAndLaxSettingsAreRefusedAtStartup() {
        assertThatThrownBy(() -> JwtSettings.of(ISS, Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("at least 256 bits");
        assertThatThrownBy(() -> JwtSettings.of(ISS, Base64.getEncoder().encodeToString(new byte[64])))
                .hasMessageContaining("constant");
        assertThatThrownBy(() -> JwtSettings.of(ISS, "short".repeat(3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings(ISS, "k1", Map.of("k1", KEY), Duration.ofMinutes(11), Duration.ofSeconds(30)))
                .hasMessageContaining("accessTtl");
        assertThatThrownBy(() -> new JwtSettings(ISS, "k1", Map.of("k1", KEY), Duration.ofMinutes(10), Duration.ofSeconds(31)))
                .hasMessageContaining("leeway");
        assertThat(JwtSettings.of(ISS, Base64.getEncoder().encodeToString(KEY)).toString()).doesNotContain(new String(KEY, StandardCharsets.ISO_8859_1));
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
