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
 * {@link TrustingShortReadsEndPoint}s, so a media socket can skip its empty reads (every other connection behaves as
 * with Jetty's own end point), and its selectors may be {@link PacedSelector}s.
 */
public final class MediaServerConnector extends ServerConnector {
    /** Connections waiting to be accepted. */
    static final int ACCEPT_QUEUE = 1024;
    private final long selectPauseNanos;

    /**
     * @param selectPause how long a busy selector lets readiness accumulate before selecting again
     *                    ({@link PacedSelector}); zero selects at once, as Jetty does
     */
    public MediaServerConnector(Server server, HttpConfiguration http, String host, int port, Duration selectPause) {
        super(server, new HttpConnectionFactory(http));
        this.selectPauseNanos = selectPause.toNanos();
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
                return selectPauseNanos > 0 ? new PacedSelector(this, id, selectPauseNanos) : super.newSelector(id);
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) throws IOException {
        TrustingShortReadsEndPoint endPoint = new TrustingShortReadsEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
