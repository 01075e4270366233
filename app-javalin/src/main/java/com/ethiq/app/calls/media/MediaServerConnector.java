package com.ethiq.app.calls.media;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The node's HTTP/1.1 connector, as Javalin would make it, whose sockets are {@link TrustingShortReadsEndPoint}s: the
 * media socket upgraded on one of them can then skip its empty reads. Every other connection behaves as with Jetty's
 * own end point (the rule is off unless a connection turns it on).
 */
public final class MediaServerConnector extends ServerConnector {
    public MediaServerConnector(Server server, HttpConfiguration http, String host, int port) {
        super(server, new HttpConnectionFactory(http));
        setHost(host);
        setPort(port);
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) throws IOException {
        TrustingShortReadsEndPoint endPoint = new TrustingShortReadsEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
