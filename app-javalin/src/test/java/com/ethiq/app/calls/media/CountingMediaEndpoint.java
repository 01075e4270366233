package com.ethiq.app.calls.media;

import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.WebSocketComponents;
import org.eclipse.jetty.websocket.core.server.Handshaker;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * The media path of the transport benchmarks ({@link BaselineMediaServer}, {@link FrameReaderBench}), not the app's:
 * upgrades {@value #PATH} with the handshaker given (the app's {@link DirectHandshaker} or Jetty's own) and counts
 * Twilio media frames, nothing else, through either entry point (Jetty's {@code onFrame}, the lean reader's
 * {@code onDataFrame}), so that what is measured is the transport alone. {@link #countingNothing} makes sockets that
 * are only read on (the streaming calls that keep the selector busy in {@link MediaStartStormTest}).
 */
final class CountingMediaEndpoint extends Handler.Abstract {
    static final String PATH = "/twilio/media";

    private final String path;
    private final Handshaker handshaker;
    private final Configuration.ConfigurationCustomizer config;
    /** Null: count nothing. */
    private final LongAdder frames;
    private WebSocketComponents components;

    CountingMediaEndpoint(Handshaker handshaker, Configuration.ConfigurationCustomizer config, LongAdder frames) {
        this(PATH, handshaker, config, frames);
    }

    private CountingMediaEndpoint(String path, Handshaker handshaker, Configuration.ConfigurationCustomizer config,
                                  LongAdder frames) {
        this.path = path;
        this.handshaker = handshaker;
        this.config = config;
        this.frames = frames;
    }

    /** Upgrades {@code path} with the app's settings; its sockets are read on, nothing counted, no error reported. */
    static CountingMediaEndpoint countingNothing(String path, Handshaker handshaker) {
        return new CountingMediaEndpoint(path, handshaker, appSettings(), null);
    }

    /** As the app: whole frames, never partial payloads. */
    static Configuration.ConfigurationCustomizer wholeFrames() {
        Configuration.ConfigurationCustomizer config = new Configuration.ConfigurationCustomizer();
        config.setAutoFragment(false);
        return config;
    }

    /** {@link #wholeFrames()} with the app's frame limit and input buffer as well. */
    static Configuration.ConfigurationCustomizer appSettings() {
        Configuration.ConfigurationCustomizer config = wholeFrames();
        config.setMaxFrameSize(16384);
        config.setInputBufferSize(MediaStreamEndpoint.INPUT_BUFFER_BYTES);
        return config;
    }

    @Override
    protected void doStart() throws Exception {
        components = WebSocketServerComponents.ensureWebSocketComponents(getServer());
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!path.equals(Request.getPathInContext(request))) {
            return false;
        }
        WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator(config) {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest req, ServerUpgradeResponse res, Callback cb) {
                res.setExtensions(List.of()); // as the app: no permessage-deflate
                return new Counter(frames);
            }
        };
        return handshaker.upgradeRequest(negotiator, request, response, callback, components, null);
    }

    /**
     * Counts media frames by a look at their bytes ({@code {"event":"media"}: an 'm' at index 10), reads on after each;
     * with no {@code frames}, only reads on.
     */
    private static final class Counter implements FrameHandler, MediaFrameSink {
        private final LongAdder frames;
        private CoreSession session;

        Counter(LongAdder frames) {
            this.frames = frames;
        }

        @Override
        public boolean onDataFrame(byte opcode, boolean fin, byte[] bytes, int from, int to) {
            if (frames != null && to - from > 10 && bytes[from + 10] == 'm') {
                frames.increment();
            }
            return true;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frames != null && frame.getOpCode() == OpCode.TEXT && frame.getPayload().remaining() > 10
                    && frame.getPayload().get(frame.getPayload().position() + 10) == 'm') {
                frames.increment();
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            // a client that went away (every one, at the end): no news; nor from sockets nobody counts
            if (frames != null && !(cause instanceof ClosedChannelException)) {
                System.err.println("socket error: " + cause);
            }
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }
}
