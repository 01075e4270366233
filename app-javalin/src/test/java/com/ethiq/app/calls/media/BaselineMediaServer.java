package com.ethiq.app.calls.media;

import io.javalin.Javalin;
import io.javalin.websocket.WsHandlerType;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Handshaker;

/**
 * Load-harness baselines (not the app): a server whose media WebSocket only counts frames, to measure what the
 * transport alone costs per frame in three set-ups — {@code javalin} (Javalin's own WebSocket route, defaults),
 * {@code jetty} (Jetty core WebSocket, reads dispatched to the pool as Jetty does by default) and {@code direct} (the
 * app's non-blocking connection, frames handled on the selector thread). Serves the count on {@code /metrics} in the
 * app's metric name so {@code LoadHarness --baseline <mode>} reads it the same way. The WebSocket path is
 * {@link CountingMediaEndpoint}, shared with {@link FrameReaderBench}.
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
                c.routes.addWsHandler(WsHandlerType.WEBSOCKET, CountingMediaEndpoint.PATH, ws -> ws.onMessage(ctx -> FRAMES.increment()));
            } else {
                Handshaker handshaker = mode.equals("direct") ? new DirectHandshaker(false) : new RFC6455Handshaker();
                c.jetty.modifyServer(server -> server.setHandler(new Handler.Sequence(
                        new CountingMediaEndpoint(handshaker, CountingMediaEndpoint.wholeFrames(), FRAMES))));
            }
        });
        app.start();
        System.out.println("READY " + app.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
