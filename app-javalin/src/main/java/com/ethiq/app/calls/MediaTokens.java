package com.ethiq.app.calls;

import com.ethiq.app.Caches;
import com.ethiq.app.security.JwtSettings;
import com.ethiq.app.security.TokenService;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.github.benmanes.caffeine.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Per-call media tokens: the {@link TokenService}'s media token (HS256, audience {@value TokenService#MEDIA_AUDIENCE},
 * tenant + call sid + jti, {@code exp} required, {@link TokenService#MEDIA_TTL}) put in the TwiML as a stream
 * {@code <Parameter>} and redeemed once by the media socket's {@code start}. Signed with its own key
 * ({@code ETHIQ_MEDIA_TOKEN_SECRET}), not the management API's: a leaked access-token key cannot mint media tokens
 * and vice versa. Single use holds on the whole cluster without a store of its own: a token names its call and stream
 * generation, and {@code MediaStartAuthenticator} claims that generation of the call's media stream in the call log
 * once (never for a call that is over), so a token redeemed on one node opens nothing on any other. This node also
 * remembers the jtis it used until the token could no longer verify anyway, so a replay here is refused at once,
 * without a round trip. Thread-safe.
 */
public final class MediaTokens {
    /** Clock skew tolerated on {@code exp}/{@code iat}. */
    static final Duration LEEWAY = Duration.ofSeconds(5);
    private static final String KEY_ID = "media";

    private final TokenService tokens;
    private final Cache<String, Boolean> redeemed;

    public MediaTokens(byte[] key, Clock clock) {
        Objects.requireNonNull(key, "'key' must not be null");
        Objects.requireNonNull(clock, "'clock' must not be null");
        if (key.length < JwtSettings.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("'key' must hold at least 32 bytes, got " + key.length);
        }
        // Access tokens are never issued by this instance; their lifetime setting is only there to be valid.
        this.tokens = new TokenService(new JwtSettings("ethiq", KEY_ID, Map.of(KEY_ID, key), Duration.ofMinutes(5), LEEWAY), clock);
        this.redeemed = Caches.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(TokenService.MEDIA_TTL.plus(LEEWAY.multipliedBy(2)).plusMinutes(1))
                .maximumSize(1_000_000)
                .build();
    }

    /** A fresh token for one call of one tenant. */
    public String issue(TenantId tenant, CallSid callSid) {
        return tokens.issueMediaToken(tenant, callSid).value();
    }

    /** A fresh token for one stream generation of a call (a call streamed again after its node died). */
    public String issue(TenantId tenant, CallSid callSid, int generation) {
        return tokens.issueMediaToken(tenant, callSid, generation).value();
    }

    /** Outcome of redeeming a token. */
    public sealed interface Redemption permits Accepted, Refused {
    }

    /** Valid, unexpired, bound to the expected call (and, after {@link #redeem}/{@link #consume}, used). */
    public record Accepted(TenantId tenant, CallSid callSid, String tokenId, java.time.Instant expiresAt, int generation)
            implements Redemption {
        public Accepted(TenantId tenant, CallSid callSid, String tokenId, java.time.Instant expiresAt) {
            this(tenant, callSid, tokenId, expiresAt, 0);
        }
    }

    /** Why a token was refused: {@code missing}, {@code invalid} (forged, expired, other call...), {@code replayed}. */
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

    /**
     * Marks a verified token used on this node; false if it already was here (a replay). Another node's use is
     * refused by the call's stream claim, not here.
     */
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
        CallSid expected;
        try {
            expected = CallSid.of(callSid);
        } catch (IllegalArgumentException e) {
            return new Refused("invalid");
        }
        Optional<TokenService.MediaClaims> claims = tokens.verifyMediaToken(token, expected);
        if (claims.isEmpty()) {
            return new Refused("invalid");
        }
        TokenService.MediaClaims c = claims.get();
        if (redeemed.getIfPresent(c.tokenId()) != null) {
            return new Refused("replayed");
        }
        return new Accepted(c.tenant(), c.callSid(), c.tokenId(), c.expiresAt(), c.generation());
    }
}
