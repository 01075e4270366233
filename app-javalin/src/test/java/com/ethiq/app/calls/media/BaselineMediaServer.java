package com.ethiq.app.calls.media;

import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Handshaker;

/**
 * Load-harness baselines (not the app): a server whose media WebSocket only counts frames, to measure what the
 * transport alone costs per frame in three set-ups — {@code javalin} (Javalin's own WebSocket route, defaults),
 * {@code jetty} (Jetty core WebSocket, reads dispatched to the pool as Jetty does by default) and {@code direct} (the
 * app's non-blocking connection, frames handled on the selector thread). Serves the count on {@code /metrics} in the
 * app's metric name so {@code LoadHarness --baseline <mode>} reads it the same way.
 */
public final class BaselineMediaServer {
    private static final LongAdder FRAMES = new LongAdder();

    private BaselineMediaServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        int port = Integer.parseInt(opts.getOrDefault("port", "18080"));
        String mode = opts.getOrDefault("mode", "direct");
        Javalin app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jetty.host = "127.0.0.1";
            c.jetty.port = port;
            c.routes.get("/metrics", ctx -> ctx.result("ethiq_media_frames_total " + FRAMES.sum() + "\n"));
            c.routes.get("/health", ctx -> ctx.result("ok"));
            if (mode.equals("javalin")) {
                c.routes.addWsHandler(WsHandlerType.WEBSOCKET, "/twilio/media", ws -> ws.onMessage(ctx -> FRAMES.increment()));
            } else {
                c.jetty.modifyServer(server -> server.setHandler(new Handler.Sequence(new CountingEndpoint(mode.equals("direct")))));
            }
        });
        app.start();
        System.out.println("READY " + app.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** The media path upgraded either with the app's direct handshaker or with Jetty's standard one. */
    private static final class CountingEndpoint extends Handler.Abstract {
        private final boolean direct;
        private final DirectHandshaker directHandshaker = new DirectHandshaker(false);
        private final RFC6455Handshaker standard = new RFC6455Handshaker();
        private WebSocketComponents components;

        CountingEndpoint(boolean direct) {
            this.direct = direct;
        }

        @Override
        protected void doStart() throws Exception {
            components = WebSocketServerComponents.ensureWebSocketComponents(getServer());
            super.doStart();
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (!"/twilio/media".equals(Request.getPathInContext(request))) {
                return false;
            }
            org.eclipse.jetty.websocket.core.Configuration.ConfigurationCustomizer config =
                    new org.eclipse.jetty.websocket.core.Configuration.ConfigurationCustomizer();
            config.setAutoFragment(false); // as the app: whole frames, never partial payloads
            WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator(config) {
                @Override
                public FrameHandler negotiate(org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest req,
                                              org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse res, Callback cb) {
                    return new Counter();
                }
            };
            return direct ? directHandshaker.upgradeRequest(negotiator, request, response, callback, components, null)
                    : standard.upgradeRequest(negotiator, request, response, callback, components, null);
        }
    }

    /** Counts text frames, nothing else. */
    private static final class Counter implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == org.eclipse.jetty.websocket.core.OpCode.TEXT && frame.getPayload().remaining() > 10
                    && frame.getPayload().get(frame.getPayload().position() + 10) == 'm') { // {"event":"media"
                FRAMES.increment();
            }
            callback.succeeded();
            if (frame.getOpCode() != org.eclipse.jetty.websocket.core.OpCode.CLOSE) {
                session.demand();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            System.err.println("socket error: " + cause);
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
