package com.ethiq.app.calls;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Per-call media tokens: a short-lived HS256 JWT (audience {@value #AUDIENCE}, claims tenant + call sid + jti, {@code exp}
 * required) put in the TwiML as a stream {@code <Parameter>}, and redeemed once by the media socket's {@code start}.
 * Its own key and audience, so no other token of the product (access, refresh) can pass for it. Single use is kept per
 * node (a jti remembered until the token could no longer verify anyway); across nodes a replayed token can open at most
 * one more socket, whose alerts the outbox's idempotency keys still keep single. Thread-safe.
 */
public final class MediaTokens {
    public static final String AUDIENCE = "ethiq-media";
    public static final String ISSUER = "ethiq";
    /** A token longer than this is refused before any parsing (a JWT verifies at any size). */
    public static final int MAX_TOKEN_CHARS = 4096;
    static final long LEEWAY_SECONDS = 5;
    private static final String TENANT_CLAIM = "tid";
    private static final String CALL_CLAIM = "csid";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<String, Boolean> redeemed;

    public MediaTokens(byte[] key, Duration ttl, Clock clock) {
        Objects.requireNonNull(key, "'key' must not be null");
        if (key.length < 32) {
            throw new IllegalArgumentException("'key' must hold at least 32 bytes, got " + key.length);
        }
        this.ttl = Objects.requireNonNull(ttl, "'ttl' must not be null");
        if (ttl.isZero() || ttl.isNegative()) {
            throw new IllegalArgumentException("'ttl' must be positive, got " + ttl);
        }
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.algorithm = Algorithm.HMAC256(key.clone());
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaimPresence("exp")
                .withClaimPresence("iat")
                .withClaimPresence("jti")
                .withClaimPresence(TENANT_CLAIM)
                .withClaimPresence(CALL_CLAIM)
                .acceptLeeway(LEEWAY_SECONDS))
                .build(clock);
        this.redeemed = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(ttl.plusSeconds(2 * LEEWAY_SECONDS + 60))
                .maximumSize(1_000_000)
                .build();
    }

    /** A fresh token for one call of one tenant. */
    public String issue(TenantId tenant, CallSid callSid) {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaim(TENANT_CLAIM, tenant.toString())
                .withClaim(CALL_CLAIM, callSid.value())
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(now)
                .withExpiresAt(now.plus(ttl))
                .sign(algorithm);
    }

    /** Outcome of redeeming a token. */
    public sealed interface Redemption permits Accepted, Refused {
    }

    /** Valid, unexpired, bound to the expected call (and, after {@link #redeem}/{@link #consume}, used). */
    public record Accepted(TenantId tenant, CallSid callSid, String tokenId) implements Redemption {
    }

    /** Why a token was refused; {@code reason} is a short code safe to log and count. */
    public record Refused(String reason) implements Redemption {
    }

    /** {@link #verify} then {@link #consume}: the token's one use. */
    public Redemption redeem(String token, String callSid) {
        Redemption r = verify(token, callSid);
        if (r instanceof Accepted a && !consume(a)) {
            return new Refused("replayed");
        }
        return r;
    }

    /** Marks a verified token used; false if it already was (a replay). */
    public boolean consume(Accepted verified) {
        return redeemed.asMap().putIfAbsent(verified.tokenId(), Boolean.TRUE) == null;
    }

    /**
     * Verifies the token without using it up: signature, audience, issuer, expiry, claims, binding to {@code callSid}
     * (the call the stream's start names). A token already used is refused as replayed. Nothing is consumed, so a
     * caller can check the rest of the request first and only then {@link #consume} it.
     */
    public Redemption verify(String token, String callSid) {
        if (token == null || token.isBlank()) {
            return new Refused("missing");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return new Refused("too_large");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return new Refused("expired");
        } catch (SignatureVerificationException | AlgorithmMismatchException e) {
            return new Refused("bad_signature");
        } catch (MissingClaimException | IncorrectClaimException e) {
            return new Refused("bad_claims");
        } catch (JWTVerificationException e) {
            return new Refused("malformed");
        }
        TenantId tenant;
        CallSid boundCall;
        try {
            tenant = TenantId.of(jwt.getClaim(TENANT_CLAIM).asString());
            boundCall = CallSid.of(jwt.getClaim(CALL_CLAIM).asString());
        } catch (RuntimeException e) {
            return new Refused("bad_claims");
        }
        if (callSid == null || !boundCall.value().equals(callSid)) {
            return new Refused("wrong_call");
        }
        if (redeemed.getIfPresent(jwt.getId()) != null) {
            return new Refused("replayed");
        }
        return new Accepted(tenant, boundCall, jwt.getId());
    }
}
