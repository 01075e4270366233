package com.ethiq.app.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.management.identity.AccessClaims;
import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.TokenIssuer;
import com.ethiq.core.management.identity.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issues and verifies our JWTs (java-jwt, HS256 pinned). Each token type has its own audience so one can never
 * pass for another: {@value #ACCESS_AUDIENCE} (API access, ≤10 min), {@value #SECOND_FACTOR_AUDIENCE} (the 5-minute
 * step between password and 2FA code), {@value #MEDIA_AUDIENCE} (the per-call media-stream token, 2 minutes, bound
 * to a tenant and call sid; the caller enforces single use by its {@code jti}). Verification requires issuer,
 * audience, {@code exp}, {@code iat} and {@code jti}, tolerates the configured leeway only, picks the key by
 * {@code kid} from the fixed key map (unknown kid = invalid) and refuses tokens over 4 KiB before parsing.
 * Thread-safe.
 */
public final class TokenService implements TokenIssuer {
    public static final String ACCESS_AUDIENCE = "ethiq-api";
    public static final String SECOND_FACTOR_AUDIENCE = "ethiq-2fa";
    public static final String MEDIA_AUDIENCE = "ethiq-media";
    public static final int MAX_TOKEN_CHARS = 4096;
    public static final Duration SECOND_FACTOR_TTL = Duration.ofMinutes(5);
    public static final Duration MEDIA_TTL = Duration.ofMinutes(2);

    private static final ObjectMapper HEADER_READER = new ObjectMapper();

    private final JwtSettings settings;
    private final Clock clock;
    private final Algorithm signing;
    private final Map<String, Map<String, JWTVerifier>> verifiers = new HashMap<>();

    public TokenService(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.signing = Algorithm.HMAC256(settings.keys().get(settings.currentKeyId()));
        long leeway = settings.leeway().toSeconds();
        settings.keys().forEach((kid, key) -> {
            Algorithm alg = Algorithm.HMAC256(key);
            Map<String, JWTVerifier> byAudience = new HashMap<>();
            for (String aud : List.of(ACCESS_AUDIENCE, SECOND_FACTOR_AUDIENCE, MEDIA_AUDIENCE)) {
                var v = (JWTVerifier.BaseVerification) JWT.require(alg)
                        .withIssuer(settings.issuer())
                        .withAudience(aud)
                        .withClaimPresence("exp")
                        .withClaimPresence("iat")
                        .withClaimPresence("jti")
                        .withClaimPresence("sub")
                        .acceptLeeway(leeway);
                byAudience.put(aud, v.build(clock));
            }
            verifiers.put(kid, Map.copyOf(byAudience));
        });
    }

    @Override
    public IssuedToken issueAccess(SessionProof proof) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(settings.accessTtl());
        String token = base(ACCESS_AUDIENCE, proof.user().toString(), now, exp)
                .withClaim("sid", proof.sessionId().toString())
                .withClaim("auth_time", proof.authTime().getEpochSecond())
                .withClaim("amr", proof.methods().stream().map(AuthMethod::wire).sorted().toList())
                .sign(signing);
        return new IssuedToken(token, exp);
    }

    /** The claims of a valid access token, or empty for anything else (expired, forged, wrong audience, oversized). */
    public Optional<AccessClaims> verifyAccess(String token) {
        return verify(token, ACCESS_AUDIENCE).flatMap(jwt -> {
            try {
                String sid = jwt.getClaim("sid").asString();
                Long authTime = jwt.getClaim("auth_time").asLong();
                List<String> amr = jwt.getClaim("amr").asList(String.class);
                if (sid == null || authTime == null || amr == null) {
                    return Optional.empty();
                }
                Set<AuthMethod> methods = EnumSet.noneOf(AuthMethod.class);
                for (String m : amr) {
                    methods.add(AuthMethod.fromWire(m));
                }
                return Optional.of(new AccessClaims(UserId.of(jwt.getSubject()), UUID.fromString(sid),
                        Instant.ofEpochSecond(authTime), methods, jwt.getIssuedAtAsInstant(), jwt.getId()));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        });
    }

    @Override
    public IssuedToken issueSecondFactorChallenge(UserId user, Instant authTime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(SECOND_FACTOR_TTL);
        String token = base(SECOND_FACTOR_AUDIENCE, user.toString(), now, exp)
                .withClaim("auth_time", authTime.getEpochSecond()).sign(signing);
        return new IssuedToken(token, exp);
    }

    @Override
    public Optional<SecondFactorChallenge> verifySecondFactorChallenge(String token) {
        return verify(token, SECOND_FACTOR_AUDIENCE).flatMap(jwt -> {
            try {
                Long authTime = jwt.getClaim("auth_time").asLong();
                return authTime == null ? Optional.empty() : Optional.of(new SecondFactorChallenge(
                        UserId.of(jwt.getSubject()), Instant.ofEpochSecond(authTime), jwt.getId()));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        });
    }

    /** A media-stream token for one call of one tenant; the call path checks it once, then remembers the jti. */
    public MediaToken issueMediaToken(TenantId tenant, CallSid callSid) {
        return issueMediaToken(tenant, callSid, 0);
    }

    /**
     * The same for one stream generation of the call ({@code gen} claim, absent for 0): a call streamed again after
     * its node died gets a token of the next generation, which the media claim accepts once.
     */
    public MediaToken issueMediaToken(TenantId tenant, CallSid callSid, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("'generation' must be >= 0, got " + generation);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant exp = now.plus(MEDIA_TTL);
        String jti = UUID.randomUUID().toString();
        var builder = JWT.create().withKeyId(settings.currentKeyId()).withIssuer(settings.issuer())
                .withAudience(MEDIA_AUDIENCE).withSubject("call:" + callSid.value()).withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(exp)).withJWTId(jti)
                .withClaim("tenant", tenant.toString()).withClaim("call_sid", callSid.value());
        if (generation > 0) {
            builder.withClaim("gen", generation);
        }
        return new MediaToken(builder.sign(signing), jti, exp);
    }

    /** The claims of a valid media token bound to {@code expectedCall}; empty otherwise. */
    public Optional<MediaClaims> verifyMediaToken(String token, CallSid expectedCall) {
        return verify(token, MEDIA_AUDIENCE).flatMap(jwt -> {
            try {
                String call = jwt.getClaim("call_sid").asString();
                String tenant = jwt.getClaim("tenant").asString();
                if (call == null || tenant == null || !java.security.MessageDigest.isEqual(call.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        expectedCall.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    return Optional.empty();
                }
                Integer gen = jwt.getClaim("gen").isMissing() || jwt.getClaim("gen").isNull() ? Integer.valueOf(0) : jwt.getClaim("gen").asInt();
                if (gen == null || gen < 0) {
                    return Optional.empty();
                }
                return Optional.of(new MediaClaims(TenantId.of(tenant), CallSid.of(call), jwt.getId(), jwt.getExpiresAtAsInstant(), gen));
            } catch (RuntimeException malformed) {
                return Optional.empty();
            }
        });
    }

    private com.auth0.jwt.JWTCreator.Builder base(String audience, String subject, Instant now, Instant exp) {
        return JWT.create().withKeyId(settings.currentKeyId()).withIssuer(settings.issuer()).withAudience(audience)
                .withSubject(subject).withIssuedAt(Date.from(now)).withExpiresAt(Date.from(exp))
                .withJWTId(UUID.randomUUID().toString());
    }

    private Optional<DecodedJWT> verify(String token, String audience) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            return Optional.empty();
        }
        Optional<String> kid = keyId(token);
        if (kid.isEmpty() || !verifiers.containsKey(kid.get())) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifiers.get(kid.get()).get(audience).verify(token));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads only the {@code kid} of the header to choose a verifier from the fixed key map; the verifier then checks
     * the whole token (this never decides access on its own).
     */
    private static Optional<String> keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            JsonNode header = HEADER_READER.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            JsonNode kid = header == null ? null : header.get("kid");
            return kid != null && kid.isTextual() ? Optional.of(kid.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** A media-stream token and its id (for single-use bookkeeping). */
    public record MediaToken(String value, String tokenId, Instant expiresAt) {
        @Override
        public String toString() {
            return "MediaToken[****, jti=" + tokenId + "]";
        }
    }

    /** {@code generation}: the call's stream generation the token opens (0: the stream the call started with). */
    public record MediaClaims(TenantId tenant, CallSid callSid, String tokenId, Instant expiresAt, int generation) {
        public MediaClaims(TenantId tenant, CallSid callSid, String tokenId, Instant expiresAt) {
            this(tenant, callSid, tokenId, expiresAt, 0);
        }
    }
}
