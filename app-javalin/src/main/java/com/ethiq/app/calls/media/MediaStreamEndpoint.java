package com.ethiq.app.calls.media;

import com.ethiq.app.metrics.MediaMetrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Twilio media stream endpoint, a plain Jetty handler placed in front of Javalin's servlet context: it answers
 * only its own path and lets every other request through. It checks what can be checked at the upgrade (a Twilio
 * signature header is present, and valid against the platform token when one is configured; the node is accepting
 * and below its socket limit), then upgrades to a {@link MediaConnection} running on the selector thread.
 * Thread-safe.
 */
public final class MediaStreamEndpoint extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamEndpoint.class);
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final String path;
    private final MediaStartGate gate;
    private final MediaSettings settings;
    private final MediaMetrics metrics;
    private final Executor control;
    private final ScheduledExecutorService timers;
    private final Predicate<String> platformSignature;
    private final DirectHandshaker handshaker = new DirectHandshaker();
    private final Configuration.ConfigurationCustomizer socketConfig = new Configuration.ConfigurationCustomizer();
    private volatile boolean accepting = true;
    private WebSocketComponents components;

    /**
     * @param platformSignature validates the upgrade's signature header against the platform token, or null when no
     *                          platform account is configured (the check then happens at {@code start})
     */
    public MediaStreamEndpoint(String path, MediaStartGate gate, MediaSettings settings, MediaMetrics metrics,
                               Executor control, ScheduledExecutorService timers, Predicate<String> platformSignature) {
        super(InvocationType.BLOCKING);
        this.path = Objects.requireNonNull(path, "'path' must not be null");
        this.gate = Objects.requireNonNull(gate, "'gate' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.metrics = Objects.requireNonNull(metrics, "'metrics' must not be null");
        this.control = Objects.requireNonNull(control, "'control' must not be null");
        this.timers = Objects.requireNonNull(timers, "'timers' must not be null");
        this.platformSignature = platformSignature;
        socketConfig.setIdleTimeout(settings.idleTimeout());
        socketConfig.setMaxFrameSize(settings.maxMessageBytes());
        socketConfig.setMaxTextMessageSize(settings.maxMessageBytes());
        socketConfig.setMaxBinaryMessageSize(settings.maxMessageBytes());
        socketConfig.setAutoFragment(false);
    }

    @Override
    protected void doStart() throws Exception {
        components = WebSocketServerComponents.ensureWebSocketComponents(getServer());
        super.doStart();
    }

    /** Stops taking new media sockets (graceful shutdown); open ones continue. */
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!path.equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!accepting) {
            metrics.refused("shutting_down");
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "shutting down");
            return true;
        }
        if (metrics.openSockets() >= settings.maxSockets()) {
            metrics.refused("node_socket_limit");
            log.warn("media upgrade refused: {} sockets open on this node (limit)", metrics.openSockets());
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "busy");
            return true;
        }
        List<String> signatures = request.getHeaders().getValuesList(SIGNATURE_HEADER);
        if (signatures.size() != 1 || signatures.get(0).isBlank() || signatures.get(0).length() > 256) {
            metrics.refused("missing_signature");
            Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "forbidden");
            return true;
        }
        String signature = signatures.get(0);
        boolean verified = false;
        if (platformSignature != null) {
            if (!platformSignature.test(signature)) {
                metrics.refused("bad_signature");
                log.warn("media upgrade refused: signature does not match the platform account");
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "forbidden");
                return true;
            }
            verified = true;
        }
        String remote = String.valueOf(Request.getRemoteAddr(request));
        boolean upgradeVerified = verified;
        WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator(socketConfig) {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest upgradeRequest, ServerUpgradeResponse upgradeResponse, Callback cb) {
                upgradeResponse.setExtensions(List.of()); // no permessage-deflate: frames are tiny, CPU is not
                return new MediaConnection(gate, settings, metrics, control, timers, signature, upgradeVerified, remote);
            }
        };
        if (!handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426, "websocket upgrade required");
        }
        return true;
    }
}
