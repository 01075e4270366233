package com.ethiq.app.calls;

import com.ethiq.adapter.twilio.media.MediaStreamEvent;
import com.ethiq.app.calls.media.MediaStartGate;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.TelephonyCredentials;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.usecase.CallSessions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.core.CloseStatus;

/**
 * Decides whether a media stream's {@code start} may feed a call: the per-call token must verify and be bound to the
 * stream's call; the tenant it names must exist and be active; the upgrade's Twilio signature must verify with that
 * tenant's auth token (unless the platform token already verified it); the tenant must have a free socket slot on this
 * node; and no other socket may already stream that call here. Only then is the token used up, the call's one media
 * stream claimed in the store (once per call sid, on every node, never for a call that is over) and the call session
 * started. Thread-safe.
 */
public final class MediaStartAuthenticator implements MediaStartGate {
    private final MediaTokens tokens;
    private final TenantDirectory directory;
    private final WebhookVerifier verifier;
    private final CallSessions sessions;
    private final int maxSocketsPerTenant;
    private final StreamClaim claim;

    /** The one media stream of a call, claimed in the store (on every node): {@code IncomingCallService#claimMediaStream}. */
    @FunctionalInterface
    public interface StreamClaim {
        boolean claim(TenantId tenant, com.ethiq.core.domain.CallSid callSid);

        /** One stream generation of the call (0: its first stream; later: streamed again after its node died). */
        default boolean claim(TenantId tenant, com.ethiq.core.domain.CallSid callSid, int generation) {
            return generation == 0 && claim(tenant, callSid);
        }
    }

    /** The claim of {@code IncomingCallService#claimMediaStream(TenantId, CallSid, int)}: every generation. */
    public static StreamClaim byGeneration(com.ethiq.core.usecase.IncomingCallService incoming) {
        return new StreamClaim() {
            @Override
            public boolean claim(TenantId tenant, com.ethiq.core.domain.CallSid callSid) {
                return incoming.claimMediaStream(tenant, callSid);
            }

            @Override
            public boolean claim(TenantId tenant, com.ethiq.core.domain.CallSid callSid, int generation) {
                return incoming.claimMediaStream(tenant, callSid, generation);
            }
        };
    }
    private final ConcurrentHashMap<TenantId, AtomicInteger> perTenant = new ConcurrentHashMap<>();

    public MediaStartAuthenticator(MediaTokens tokens, TenantDirectory directory, WebhookVerifier verifier,
                                   CallSessions sessions, int maxSocketsPerTenant, StreamClaim claim) {
        this.claim = java.util.Objects.requireNonNull(claim, "'claim' must not be null");
        this.tokens = Objects.requireNonNull(tokens, "'tokens' must not be null");
        this.directory = Objects.requireNonNull(directory, "'directory' must not be null");
        this.verifier = Objects.requireNonNull(verifier, "'verifier' must not be null");
        this.sessions = Objects.requireNonNull(sessions, "'sessions' must not be null");
        if (maxSocketsPerTenant < 1) {
            throw new IllegalArgumentException("'maxSocketsPerTenant' must be >= 1, got " + maxSocketsPerTenant);
        }
        this.maxSocketsPerTenant = maxSocketsPerTenant;
    }

    @Override
    public Decision start(StartRequest request) {
        MediaStreamEvent.Start start = request.start();
        MediaTokens.Redemption verified = tokens.verify(start.customParameters().get("token"), start.callSid());
        if (verified instanceof MediaTokens.Refused refused) {
            return policy("token_" + refused.reason());
        }
        MediaTokens.Accepted token = (MediaTokens.Accepted) verified;
        Optional<Tenant> found = directory.byId(token.tenant());
        if (found.isEmpty()) {
            return policy("unknown_tenant");
        }
        Tenant tenant = found.get();
        if (tenant.status() != AccountStatus.ACTIVE) {
            return policy("tenant_not_active");
        }
        Optional<TelephonyCredentials> credentials = directory.credentials(tenant.id());
        if (!request.upgradeVerified()) {
            if (credentials.isEmpty()) {
                return policy("no_credentials");
            }
            if (!verifier.upgradeValid(request.upgradeSignature(), credentials.get().authToken())) {
                return policy("bad_signature");
            }
        }
        if (credentials.isPresent() && !start.accountSid().isEmpty()
                && !credentials.get().accountSid().equals(start.accountSid())) {
            return policy("account_mismatch");
        }
        if (!"audio/x-mulaw".equals(start.mediaEncoding()) || start.sampleRate() != 8000 || start.channels() != 1) {
            return new Refused("unsupported_format", CloseStatus.BAD_DATA);
        }
        AtomicInteger slots = perTenant.computeIfAbsent(tenant.id(), id -> new AtomicInteger());
        if (slots.incrementAndGet() > maxSocketsPerTenant) {
            slots.decrementAndGet();
            return new Refused("tenant_socket_limit", CloseStatus.TRY_AGAIN_LATER);
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.decrementAndGet();
            }
        };
        if (!tokens.consume(token)) {
            release.run();
            return policy("token_replayed");
        }
        // Per call sid, in the store: a token minted by a replayed webhook, or replayed on another node, or for a call
        // that is over, opens nothing.
        if (!claim.claim(tenant.id(), token.callSid(), token.generation())) {
            release.run();
            return policy("call_already_streamed_or_over");
        }
        CallSessions.StartResult result;
        try {
            result = sessions.start(new CallSessions.StreamStart(tenant, token.callSid(), token.generation()));
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        if (result instanceof CallSessions.Started started) {
            return new Accepted(started.session(), release);
        }
        release.run();
        return policy("already_streaming");
    }

    private static Refused policy(String reason) {
        return new Refused(reason, CloseStatus.POLICY_VIOLATION);
    }
}
