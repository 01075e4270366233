package com.ethiq.app.calls.media;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Answers a ping with a pong carrying its payload (RFC 6455 5.5.2): Jetty's core session leaves that to the frame
 * handler. Rare on a media socket (Twilio does not ping), so the payload is simply copied: the ping's may be released
 * once its frame's callback completes. Stateless.
 */
final class Pongs {
    private Pongs() {
    }

    static void answer(CoreSession session, ByteBuffer ping) {
        if (session == null || !session.isOutputOpen()) {
            return;
        }
        ByteBuffer payload = ByteBuffer.allocate(ping == null ? 0 : ping.remaining());
        if (ping != null) {
            payload.put(ping.slice()).flip();
        }
        session.sendFrame(new Frame(OpCode.PONG, payload), Callback.NOOP, false);
    }
}
