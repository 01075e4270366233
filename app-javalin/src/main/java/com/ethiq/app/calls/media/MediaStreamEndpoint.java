package com.ethiq.app.calls.media;

import com.ethiq.app.metrics.MediaMetrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
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
 * signature header is present; the node is accepting and below its socket limit; the {@link UpgradeAdmission}: a
 * vouched signature, or room in the source's allowance), then upgrades to a {@link MediaConnection} running on the
 * selector thread. Refusals are counted in the metrics and logged through a {@link RefusalLog} (bounded lines per
 * source, whatever the flood). Thread-safe.
 */
public final class MediaStreamEndpoint extends Handler.Abstract {
    private static final Logger log = LoggerFactory.getLogger(MediaStreamEndpoint.class);
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    private static final org.eclipse.jetty.http.HttpField RETRY_AFTER_1 =
            new org.eclipse.jetty.http.PreEncodedHttpField(HttpHeader.RETRY_AFTER, "1");
    private static final org.eclipse.jetty.http.HttpField NO_CONTENT_LENGTH =
            new org.eclipse.jetty.http.PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, "0");

    /** Bytes read per system call at most: ~100 media frames (Node's libuv reads 64 KB). */
    static final int INPUT_BUFFER_BYTES = 32 * 1024;

    private final String path;
    private final MediaStartGate gate;
    private final MediaSettings settings;
    private final MediaMetrics metrics;
    private final Executor control;
    private final ScheduledExecutorService timers;
    private final UpgradeAdmission admission;
    private final RefusalLog refusals;
    private final DirectHandshaker handshaker;
    private final Configuration.ConfigurationCustomizer socketConfig = new Configuration.ConfigurationCustomizer();
    private volatile boolean accepting = true;
    private WebSocketComponents components;

    public MediaStreamEndpoint(String path, MediaStartGate gate, MediaSettings settings, MediaMetrics metrics,
                               Executor control, ScheduledExecutorService timers, UpgradeAdmission admission,
                               RefusalLog refusals) {
        super(InvocationType.BLOCKING);
        this.path = Objects.requireNonNull(path, "'path' must not be null");
        this.gate = Objects.requireNonNull(gate, "'gate' must not be null");
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        this.metrics = Objects.requireNonNull(metrics, "'metrics' must not be null");
        this.control = Objects.requireNonNull(control, "'control' must not be null");
        this.timers = Objects.requireNonNull(timers, "'timers' must not be null");
        this.admission = Objects.requireNonNull(admission, "'admission' must not be null");
        this.refusals = Objects.requireNonNull(refusals, "'refusals' must not be null");
        this.handshaker = new DirectHandshaker(settings.frameReader() == MediaSettings.FrameReader.LEAN);
        socketConfig.setIdleTimeout(settings.idleTimeout());
        socketConfig.setMaxFrameSize(settings.maxMessageBytes());
        socketConfig.setMaxTextMessageSize(settings.maxMessageBytes());
        socketConfig.setMaxBinaryMessageSize(settings.maxMessageBytes());
        socketConfig.setAutoFragment(false);
        // A socket that fell behind (a late sender, a pause of this node) holds many 20 ms frames: read them in few
        // system calls. Jetty's reader takes the buffer from the pool for a pass only, not per idle socket; the lean
        // reader keeps a smaller one of its own instead (LeanWebSocketConnection.INPUT_BYTES).
        socketConfig.setInputBufferSize(INPUT_BUFFER_BYTES);
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
        String source = admission.source(Request.getRemoteAddr(request),
                request.getHeaders().getValuesList(SourceAddress.FORWARDED_FOR));
        if (metrics.openSockets() >= settings.maxSockets()) {
            return refuse(request, response, callback, source, "node_socket_limit", HttpStatus.SERVICE_UNAVAILABLE_503);
        }
        List<String> signatures = request.getHeaders().getValuesList(SIGNATURE_HEADER);
        if (signatures.size() != 1 || signatures.get(0).isBlank() || signatures.get(0).length() > 256) {
            return refuse(request, response, callback, source, "missing_signature", HttpStatus.FORBIDDEN_403);
        }
        String signature = signatures.get(0);
        UpgradeAdmission.Decision decision = admission.decide(signature, source);
        if (decision instanceof UpgradeAdmission.Refused refused) {
            return refuse(request, response, callback, source, refused.reason(), refused.httpStatus());
        }
        boolean upgradeVerified = decision instanceof UpgradeAdmission.Vouched v && v.platformVerified();
        Runnable waiting = decision instanceof UpgradeAdmission.Waiting w ? w.release() : () -> { };
        WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator(socketConfig) {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest upgradeRequest, ServerUpgradeResponse upgradeResponse, Callback cb) {
                upgradeResponse.setExtensions(List.of()); // no permessage-deflate: frames are tiny, CPU is not
                return new MediaConnection(gate, settings, metrics, control, timers,
                        new MediaUpgrade(signature, upgradeVerified, source, waiting, admission, refusals));
            }
        };
        boolean upgraded = false;
        try {
            upgraded = handshaker.upgradeRequest(negotiator, request, response, callback, components, null);
        } finally {
            if (!upgraded) {
                waiting.run();
            }
        }
        if (!upgraded) {
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            Response.writeError(request, response, callback, HttpStatus.UPGRADE_REQUIRED_426, "websocket upgrade required");
        }
        return true;
    }

    private boolean refuse(Request request, Response response, Callback callback, String source, String reason, int status) {
        metrics.refused(reason);
        refusals.refused(source, reason);
        // A bare answer, no error page: under a flood this path runs thousands of times a second.
        response.setStatus(status);
        if (status == HttpStatus.TOO_MANY_REQUESTS_429 || status == HttpStatus.SERVICE_UNAVAILABLE_503) {
            response.getHeaders().put(RETRY_AFTER_1);
        }
        response.getHeaders().put(NO_CONTENT_LENGTH);
        response.write(true, null, callback);
        return true;
    }
}
