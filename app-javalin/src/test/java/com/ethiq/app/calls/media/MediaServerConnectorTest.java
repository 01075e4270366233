package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The node's connector: sockets that rest between reads are read once per interval and lose nothing, nothing else
 * waits for them, and short reads trusted lose no bytes. A request body stands in for a media stream: its handler
 * turns on the media socket's rules, as the media connection does after the upgrade.
 */
class MediaServerConnectorTest {
    private static final int PIECE = 300;
    private Server server;
    /** Reads of request bodies that returned data, over the whole server. */
    private final AtomicInteger bodyReads = new AtomicInteger();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private int start(Duration interval) throws Exception {
        server = new Server();
        MediaServerConnector connector = new MediaServerConnector(server, new HttpConfiguration(), "127.0.0.1", 0, interval);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (request.getConnectionMetaData().getConnection().getEndPoint() instanceof MediaSocketEndPoint e
                        && request.getHeaders().contains("X-Media")) {
                    e.trustShortReads();
                    e.restBetweenReads();
                }
                int length = 0;
                try (InputStream body = Content.Source.asInputStream(request)) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        bodyReads.incrementAndGet();
                        length += n;
                    }
                }
                response.setStatus(200);
                Content.Sink.write(response, true, "got " + length, callback);
                return true;
            }
        });
        server.start();
        return connector.getLocalPort();
    }

    @Test
    void aSocketThatRestsIsReadAboutOncePerIntervalAndLosesNothing() throws Exception {
        // 60 pieces, one every 20 ms, as Twilio sends frames: read as they come that is ~60 reads; resting 200 ms
        // between reads, ~1.2 s / 200 ms = 6-7 (a loaded machine can only make fewer: the pieces wait in the kernel)
        int port = start(Duration.ofMillis(200));
        assertThat(streamBody(port, 60, true)).isEqualTo("got " + 60 * PIECE);
        assertThat(bodyReads.get()).as("reads that returned data").isBetween(2, 15);
    }

    @Test
    void withoutRestingTheSameBodyIsReadAsItComes() throws Exception {
        // the control for the test above: the same stream on the same connector, the handler not asking to rest
        int port = start(Duration.ofMillis(200));
        assertThat(streamBody(port, 60, false)).isEqualTo("got " + 60 * PIECE);
        assertThat(bodyReads.get()).as("reads that returned data").isGreaterThan(30);
    }

    @Test
    void requestsAndNewConnectionsNeverWaitForRestingSockets() throws Exception {
        // While a socket rests (1 s here), the selector waits on a timed select: new connections handed to it by the
        // acceptor and their requests must still be served as they come (a pause that swallowed the acceptor's
        // wakeup once left every new connection unserved: /health hung in a load run).
        int port = start(Duration.ofSeconds(1));
        int streamingPort = port;
        CompletableFuture<String> streams = CompletableFuture.supplyAsync(() -> {
            try {
                return streamBody(streamingPort, 100, true);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // the streaming socket is resting now
        for (int i = 0; i < 40; i++) {
            long started = System.nanoTime();
            assertThat(get(port)).as("connection %d", i).isEqualTo("HTTP/1.1 200 OK");
            // a request held until the next tick would take 0.5-1.5 s; one served as it comes takes ~1 ms
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("connection %d, ms", i).isLessThan(400);
        }
        assertThat(streams.get(10, TimeUnit.SECONDS)).isEqualTo("got " + 100 * PIECE);
    }

    @Test
    void moreSocketsThanOnePassWakesAreAllReadAtEachTick() throws Exception {
        // 150 sockets rest together: a tick hands them back 64 per selector pass (PacedSelector.WAKE_PER_PASS), so
        // this needs three passes per tick (and the selector's ring of resting sockets, 64 at first, to grow twice);
        // every body must arrive whole, each socket read about once per tick
        int port = start(Duration.ofMillis(100));
        int sockets = 150;
        int pieces = 25; // 0.5 s each
        List<CompletableFuture<String>> bodies = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(sockets);
        try {
            for (int i = 0; i < sockets; i++) {
                bodies.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return streamBody(port, pieces, true);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, clients));
            }
            for (CompletableFuture<String> body : bodies) {
                assertThat(body.get(30, TimeUnit.SECONDS)).isEqualTo("got " + pieces * PIECE);
            }
        } finally {
            clients.shutdownNow();
        }
        // read as they come: ~25 reads per socket; resting 100 ms: ~5-7 (fewer on a loaded machine, never more)
        assertThat(bodyReads.get()).as("reads that returned data, %d sockets", sockets).isLessThan(sockets * 12);
    }

    @Test
    void shortReadsTrustedLoseNothingOfABodyArrivingInPieces() throws Exception {
        int port = start(Duration.ZERO);
        assertThat(streamBody(port, 10, true)).isEqualTo("got " + 10 * PIECE);
    }

    /** POSTs {@code pieces} pieces of {@value #PIECE} bytes, one every 20 ms; returns the response's last line. */
    private static String streamBody(int port, int pieces, boolean media) throws Exception {
        byte[] piece = "x".repeat(PIECE).getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + (media ? "X-Media: 1\r\n" : "")
                    + "Content-Length: " + pieces * PIECE + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < pieces; i++) { // short writes with gaps: every read comes back short
                out.write(piece);
                out.flush();
                Thread.sleep(20);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String line;
            String last = null;
            while ((line = in.readLine()) != null) {
                last = line;
            }
            return last;
        }
    }

    private static String get(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
