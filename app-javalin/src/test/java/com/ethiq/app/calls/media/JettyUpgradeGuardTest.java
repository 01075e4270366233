package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Handshaker;
import org.junit.jupiter.api.Test;

/**
 * {@link DirectHandshaker} copies the decisions of Jetty's final {@code RFC6455Handshaker} and
 * {@link DirectWebSocketConnection} overrides Jetty internals to read frames on the selector thread. Both rely on
 * Jetty's internal API: this test fails with a message saying what changed when a Jetty upgrade breaks them, and
 * checks on a real upgrade that the socket really is the direct one (heap buffers, non-blocking reads).
 */
class JettyUpgradeGuardTest {
    private static final String PORT_IT = " — a Jetty upgrade changed what DirectHandshaker/DirectWebSocketConnection rely on:"
            + " compare them with Jetty's RFC6455Handshaker and WebSocketConnection of the new version and port them"
            + " (or drop them and use Jetty's handshaker, at the CPU cost measured in docs/performance.md).";

    @Test
    void directHandshakerStillCopiesEveryDecisionOfJettysHandshaker() {
        List<String> missing = new ArrayList<>();
        for (Method m : RFC6455Handshaker.class.getDeclaredMethods()) {
            if (m.isSynthetic() || Modifier.isStatic(m.getModifiers()) || Modifier.isPrivate(m.getModifiers())) {
                continue;
            }
            try {
                DirectHandshaker.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                missing.add(m.toGenericString());
            }
        }
        assertThat(missing).as("RFC6455Handshaker decides something DirectHandshaker does not" + PORT_IT).isEmpty();
        assertThat(RFC6455Handshaker.class.getSuperclass()).as("RFC6455Handshaker's parent" + PORT_IT)
                .isEqualTo(AbstractHandshaker.class);
    }

    @Test
    void theInternalsTheDirectClassesOverrideAreStillThere() {
        overridable(AbstractHandshaker.class, "newNegotiation", Request.class, Response.class, Callback.class, WebSocketComponents.class);
        overridable(AbstractHandshaker.class, "validateNegotiation",
                org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation.class);
        overridable(AbstractHandshaker.class, "createWebSocketConnection", Request.class,
                org.eclipse.jetty.websocket.core.WebSocketCoreSession.class);
        overridable(AbstractHandshaker.class, "newWebSocketConnection", org.eclipse.jetty.io.EndPoint.class,
                java.util.concurrent.Executor.class, org.eclipse.jetty.util.thread.Scheduler.class,
                org.eclipse.jetty.io.ByteBufferPool.class, org.eclipse.jetty.websocket.core.WebSocketCoreSession.class);
        overridable(AbstractHandshaker.class, "prepareResponse", Response.class,
                org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation.class);
        overridable(WebSocketConnection.class, "fillInterested");
        overridable(WebSocketConnection.class, "setUseInputDirectByteBuffers", boolean.class);
        overridable(WebSocketConnection.class, "onFillable");
        overridable(WebSocketConnection.class, "onFillInterestedFailed", Throwable.class);
    }

    private static void overridable(Class<?> type, String name, Class<?>... parameters) {
        Method m = find(type, name, parameters);
        if (m == null) {
            fail(type.getSimpleName() + "." + name + Arrays.toString(parameters) + " is gone" + PORT_IT);
        }
        if (Modifier.isFinal(m.getModifiers()) || Modifier.isPrivate(m.getModifiers())) {
            fail(type.getSimpleName() + "." + name + " can no longer be overridden" + PORT_IT);
        }
    }

    private static Method find(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // look in the parent
            }
        }
        return null;
    }

    /**
     * Whether this frame is handled by the thread that selected it: Jetty's adaptive strategy ran the read task in
     * "produce-consume" mode (the non-blocking read interest of DirectWebSocketConnection), not handed to a pool thread.
     */
    private static boolean readInPlace() {
        boolean direct = false;
        boolean producedHere = false;
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            direct |= e.getClassName().equals(DirectWebSocketConnection.class.getName() + "$NonBlockingRead");
            producedHere |= e.getClassName().endsWith("AdaptiveExecutionStrategy") && e.getMethodName().equals("pcRunTask");
        }
        return direct && producedHere;
    }

    @Test
    void aRealUpgradeGivesTheDirectConnectionReadingHeapBuffersWithoutADispatch() throws Exception {
        java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
        CompletableFuture<CoreSession> opened = new CompletableFuture<>();
        FrameHandler recorder = new FrameHandler() {
            @Override
            public void onOpen(CoreSession session, Callback callback) {
                opened.complete(session);
                callback.succeeded();
                session.demand();
            }

            @Override
            public void onFrame(Frame frame, Callback callback) {
                if (frame.getOpCode() == OpCode.TEXT) {
                    seen.add(frame.getPayloadAsUTF8() + " heap=" + frame.getPayload().hasArray()
                            + " produceConsume=" + readInPlace());
                }
                callback.succeeded();
                opened.join().demand();
            }

            @Override
            public void onError(Throwable cause, Callback callback) {
                callback.succeeded();
            }

            @Override
            public void onClosed(org.eclipse.jetty.websocket.core.CloseStatus closeStatus, Callback callback) {
                callback.succeeded();
            }
        };
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(0);
        server.addConnector(connector);
        DirectHandshaker handshaker = new DirectHandshaker(false);
        WebSocketComponents components = WebSocketServerComponents.ensureWebSocketComponents(server);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator(new Configuration.ConfigurationCustomizer()) {
                    @Override
                    public FrameHandler negotiate(ServerUpgradeRequest req, ServerUpgradeResponse res, Callback cb) {
                        return recorder;
                    }
                };
                if (!handshaker.upgradeRequest(negotiator, request, response, callback, components, null)) {
                    Response.writeError(request, response, callback, 426, "upgrade required");
                }
                return true;
            }
        });
        server.start();
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/"), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);
            // A frame that arrives with the upgrade (a busy machine delays the server more than the client) is read on
            // the thread finishing the upgrade, not by the selector; every later frame, sent once the previous one was
            // handled, arrives on an idle connection: at least one of them must be read in place on the selector.
            java.util.List<String> results = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ws.sendText("hello", true).get(10, TimeUnit.SECONDS);
                String r = seen.poll(10, TimeUnit.SECONDS);
                assertThat(r).as("frame %d handled", i).isNotNull();
                results.add(r);
                Thread.sleep(20); // let the handler ask for more before the next frame lands
            }
            String result = results.stream().filter(r -> r.endsWith("produceConsume=true")).findFirst().orElse(results.get(results.size() - 1));
            assertThat(results).as("every frame from heap buffers" + PORT_IT).allMatch(r -> r.startsWith("hello heap=true"));
            CoreSession session = opened.get(10, TimeUnit.SECONDS);
            WebSocketConnection connection = ((org.eclipse.jetty.websocket.core.WebSocketCoreSession) session).getConnection();
            assertThat(connection).as("the upgraded connection" + PORT_IT).isInstanceOf(DirectWebSocketConnection.class);
            assertThat(connection.isUseInputDirectByteBuffers()).as("input buffers on the heap" + PORT_IT).isFalse();
            assertThat(result).as("frames read in place on the selector, from heap buffers" + PORT_IT)
                    .isEqualTo("hello heap=true produceConsume=true");
            ws.abort();
        } finally {
            server.stop();
        }
    }
}
