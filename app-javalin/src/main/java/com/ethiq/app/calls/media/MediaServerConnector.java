package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The node's HTTP/1.1 connector, as Javalin would make it, with two changes for the media sockets: its sockets are
 * {@link MediaSocketEndPoint}s, so a media socket can skip its empty reads and rest between reads (every other
 * connection behaves as with Jetty's own end point), and its selectors are {@link PacedSelector}s, which hand resting
 * sockets back to the kernel together once per read interval.
 */
public final class MediaServerConnector extends ServerConnector {
    /** Connections waiting to be accepted. */
    static final int ACCEPT_QUEUE = 1024;
    private final long mediaReadIntervalNanos;

    /**
     * @param mediaReadInterval how long a media socket rests after a read before it is read again
     *                          ({@link PacedSelector}); zero reads it as soon as it is readable, as Jetty does
     */
    public MediaServerConnector(Server server, HttpConfiguration http, String host, int port, Duration mediaReadInterval) {
        super(server, new HttpConnectionFactory(http));
        this.mediaReadIntervalNanos = mediaReadInterval.toNanos();
        setHost(host);
        setPort(port);
        // Calls come in crowds: a node that died leaves hundreds of streams to reconnect to its peers at once. The
        // JDK's default listen backlog (50) lets the kernel drop handshakes beyond it (in a test, 2 of 400 connects
        // were reset); the kernel caps this at net.core.somaxconn.
        setAcceptQueueSize(ACCEPT_QUEUE);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected ManagedSelector newSelector(int id) { // at start, after this connector's constructor
                return mediaReadIntervalNanos > 0 ? new PacedSelector(this, id, mediaReadIntervalNanos) : super.newSelector(id);
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) throws IOException {
        MediaSocketEndPoint endPoint = new MediaSocketEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
