package com.ethiq.app.calls.media;

import java.util.concurrent.Executor;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.websocket.core.Behavior;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.Negotiated;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.WebSocketConnection;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.eclipse.jetty.websocket.core.server.internal.AbstractHandshaker;
import org.eclipse.jetty.websocket.core.server.internal.RFC6455Negotiation;
import org.eclipse.jetty.websocket.core.server.internal.WebSocketNegotiation;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/**
 * The RFC 6455 (HTTP/1.1) handshake of Jetty's core WebSocket server, except that the upgraded connection is a
 * {@link DirectWebSocketConnection}: frames are handled on the selector thread that read them instead of being handed
 * to a pool thread; with the lean reader, a {@link LeanWebSocketConnection} that also reads the frames itself (for a
 * handler that is a {@link MediaFrameSink}). Jetty's own {@code RFC6455Handshaker} is final, hence this small copy of
 * its four decisions. Only for frame handlers that never block. Stateless, thread-safe.
 */
final class DirectHandshaker extends AbstractHandshaker {
    private final boolean lean;

    /** @param lean whether media frames are read by a {@link LeanWebSocketConnection} rather than by Jetty's parser */
    DirectHandshaker(boolean lean) {
        this.lean = lean;
    }

    private static final HttpField UPGRADE_WEBSOCKET = new PreEncodedHttpField(HttpHeader.UPGRADE, "websocket");
    private static final HttpField CONNECTION_UPGRADE = new PreEncodedHttpField(HttpHeader.CONNECTION, HttpHeader.UPGRADE.asString());

    @Override
    public boolean isWebSocketUpgradeRequest(Request request) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            return false;
        }
        if (!HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())) {
            return false;
        }
        return super.isWebSocketUpgradeRequest(request);
    }

    @Override
    protected WebSocketNegotiation newNegotiation(Request request, Response response, Callback callback, WebSocketComponents components) {
        return new RFC6455Negotiation(request, response, callback, components);
    }

    @Override
    protected boolean validateNegotiation(WebSocketNegotiation negotiation) {
        if (!super.validateNegotiation(negotiation)) {
            return false;
        }
        if (((RFC6455Negotiation) negotiation).getKey() == null) {
            throw new BadMessageException("Missing request header 'Sec-WebSocket-Key'");
        }
        return true;
    }

    /**
     * A session that calls the frame handler as it is: Jetty's wraps every call (each media frame) in the server
     * context's scope (thread context class loader, context attributes), which a handler that only parses bytes and
     * hands slow work to its own executors does not need.
     */
    @Override
    protected WebSocketCoreSession newWebSocketCoreSession(Request request, FrameHandler handler, Negotiated negotiated,
                                                           WebSocketComponents components) {
        return new WebSocketCoreSession(handler, Behavior.SERVER, negotiated, components) {
            @Override
            protected void handle(Runnable runnable) {
                runnable.run();
            }
        };
    }

    @Override
    protected WebSocketConnection createWebSocketConnection(Request request, WebSocketCoreSession coreSession) {
        ConnectionMetaData metaData = request.getConnectionMetaData();
        Connector connector = metaData.getConnector();
        WebSocketConnection connection = newWebSocketConnection(metaData.getConnection().getEndPoint(),
                connector.getExecutor(), connector.getScheduler(), connector.getByteBufferPool(), coreSession);
        coreSession.setWebSocketConnection(connection);
        return connection;
    }

    @Override
    protected WebSocketConnection newWebSocketConnection(EndPoint endPoint, Executor executor, Scheduler scheduler,
                                                         ByteBufferPool pool, WebSocketCoreSession coreSession) {
        if (lean && coreSession.getHandler() instanceof MediaFrameSink sink) {
            return new LeanWebSocketConnection(endPoint, executor, scheduler, pool, coreSession, sink);
        }
        return new DirectWebSocketConnection(endPoint, executor, scheduler, pool, coreSession);
    }

    @Override
    protected void prepareResponse(Response response, WebSocketNegotiation negotiation) {
        response.setStatus(HttpStatus.SWITCHING_PROTOCOLS_101);
        HttpFields.Mutable fields = response.getHeaders();
        fields.put(UPGRADE_WEBSOCKET);
        fields.put(CONNECTION_UPGRADE);
        fields.put(HttpHeader.SEC_WEBSOCKET_ACCEPT, WebSocketUtils.hashKey(((RFC6455Negotiation) negotiation).getKey()));
    }
}
