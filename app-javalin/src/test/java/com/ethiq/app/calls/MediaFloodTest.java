package com.ethiq.app.calls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.ethiq.app.CallPathRoutes;
import com.ethiq.app.EthiqApp;
import com.ethiq.app.calls.CallPathHarness.TestTenant;
import com.ethiq.app.metrics.MediaMetrics;
import com.ethiq.app.sim.MediaStream;
import com.ethiq.app.sim.TwilioCallSimulator;
import com.ethiq.app.sim.TwilioCallSimulator.Call;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.Speaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, item 1: one source floods the media endpoint with junk upgrades (any {@code X-Twilio-Signature}, no
 * platform token configured, as in the embedded default) at more than 5,000 a second, from loopback, while
 * legitimate calls ring and start their streams from the same loopback address. Every legitimate call gets its
 * socket and is streamed; the junk holds at most its source's allowance; the log stays a handful of lines.
 */
class MediaFloodTest {
    private static final int LEGITIMATE_CALLS = 20;
    private static final Duration FLOOD = Duration.ofSeconds(4);
    private static final int FLOOD_THREADS = 4;
    private static final int PIPELINE = 32;

    private static CallPathHarness harness;
    private static EthiqApp app;
    private static TwilioCallSimulator twilio;
    private static MediaMetrics metrics;

    @BeforeAll
    static void start() {
        harness = new CallPathHarness(false);
        // Production limits, but a small node: without the source allowance the junk would take every socket.
        app = harness.startApp(Map.of("ETHIQ_MEDIA_MAX_SOCKETS", "600"), cc -> cc);
        twilio = harness.simulator(app);
        metrics = app.assembly().metrics().media();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** Upgrade requests sent, answers by status, junk sockets that got a 101 (held open, never sending a start). */
    private record FloodResult(long attempts, long refused, long upgraded, double perSecond) {
    }

    @Test
    void everyLegitimateCallGetsItsSocketDuringAJunkFlood() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        List<Socket> held = new ArrayList<>();
        try {
            List<TestTenant> tenants = new ArrayList<>();
            for (int i = 0; i < LEGITIMATE_CALLS; i++) {
                tenants.add(harness.tenant("Mme Flood " + i, 1));
            }
            AtomicBoolean flooding = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Socket> junk = new ConcurrentLinkedQueue<>();
            AtomicLong attempts = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong upgraded = new AtomicLong();
            List<Thread> flooders = new ArrayList<>();
            long floodStart = System.nanoTime();
            for (int i = 0; i < FLOOD_THREADS; i++) {
                Thread t = new Thread(() -> flood(flooding, junk, attempts, refused, upgraded), "junk-flood-" + i);
                t.setDaemon(true);
                t.start();
                flooders.add(t);
            }

            // Legitimate calls ring and stream while the flood runs, paced over it.
            List<Call> calls = new ArrayList<>();
            List<MediaStream> streams = new ArrayList<>();
            int failures = 0;
            long pause = FLOOD.toMillis() / (LEGITIMATE_CALLS + 2);
            Thread.sleep(pause);
            for (int i = 0; i < LEGITIMATE_CALLS; i++) {
                TestTenant t = tenants.get(i);
                Call call = twilio.ring(t.account(), "+33612121212", t.number());
                assertThat(call.twiml().protectedCall()).isTrue();
                try {
                    MediaStream s = call.startStream();
                    s.stream(Duration.ofMillis(200)); // at least one 5-frame batch per track
                    streams.add(s);
                    calls.add(call);
                } catch (RuntimeException e) {
                    failures++;
                }
                Thread.sleep(pause);
            }
            long remaining = FLOOD.toNanos() - (System.nanoTime() - floodStart);
            if (remaining > 0) {
                Thread.sleep(remaining / 1_000_000L);
            }
            flooding.set(false);
            for (Thread t : flooders) {
                t.join(10_000);
            }
            double seconds = (System.nanoTime() - floodStart) / 1e9;
            held.addAll(junk);
            FloodResult r = new FloodResult(attempts.get(), refused.get(), upgraded.get(), attempts.get() / seconds);
            System.out.printf("media flood: %d junk upgrades in %.1f s (%.0f/s), %d refused before the upgrade, %d upgraded"
                            + " (held until the start deadline); legitimate calls: %d of %d streamed; log lines: %d%n",
                    r.attempts(), seconds, r.perSecond(), r.refused(), r.upgraded(), calls.size(), LEGITIMATE_CALLS,
                    logs.list.size());

            assertThat(r.perSecond()).as("junk upgrades per second from one source").isGreaterThan(5000);
            assertThat(failures).as("legitimate upgrades refused").isZero();
            for (Call call : calls) {
                assertThat(CallPathHarness.eventually(Duration.ofSeconds(5), () -> app.assembly().core().callSessions()
                        .find(CallSid.of(call.callSid())).map(s -> s.audioBytes(Speaker.CALLER) > 0).orElse(false)))
                        .as("call %s streamed", call.callSid()).isTrue();
            }
            assertThat(calls).hasSize(LEGITIMATE_CALLS);
            // The junk got at most its source's waiting allowance, never the node.
            assertThat(r.upgraded()).isLessThan(r.attempts() / 10);
            assertThat(app.callPath().mediaAdmission().waiting())
                    .isLessThanOrEqualTo(app.config().mediaSources().pendingPerSource());
            // Bounded log: the first refusal of the source at once, then one summary line per interval.
            app.callPath().mediaRefusals().flush();
            long refusalLines = logs.list.stream()
                    .filter(e -> e.getLoggerName().endsWith("MediaStreamEndpoint")).count();
            long intervals = (long) Math.ceil(seconds / CallPathRoutes.REFUSAL_SUMMARY.toSeconds()) + 1;
            assertThat(refusalLines).as("refusal log lines for %d refusals in %d intervals", r.refused(), intervals)
                    .isBetween(1L, 2 * intervals);
            streams.forEach(MediaStream::close);
        } finally {
            root.detachAppender(logs);
            for (Socket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing junk
                }
            }
        }
    }

    /**
     * One flooding thread: upgrade requests with a random signature, one after the other on a keep-alive connection;
     * an upgrade that succeeds is left open (never sending a start) and a new connection is opened.
     */
    private static void flood(AtomicBoolean flooding, ConcurrentLinkedQueue<Socket> junk, AtomicLong attempts,
                              AtomicLong refused, AtomicLong upgraded) {
        byte[] buffer = new byte[4096];
        Map<Socket, InputStream> streams = new java.util.IdentityHashMap<>();
        Socket socket = null;
        try {
            while (flooding.get()) {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", app.port()), 2000);
                    socket.setSoTimeout(5000);
                }
                // A few requests pipelined per write, as a flooder would; each answer is one upgrade decided.
                StringBuilder batch = new StringBuilder();
                for (int i = 0; i < PIPELINE; i++) {
                    byte[] key = new byte[16];
                    ThreadLocalRandom.current().nextBytes(key);
                    byte[] sig = new byte[20];
                    ThreadLocalRandom.current().nextBytes(sig);
                    batch.append("GET /twilio/media HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ")
                            .append(Base64.getEncoder().encodeToString(key)).append("\r\nX-Twilio-Signature: ")
                            .append(Base64.getEncoder().encodeToString(sig)).append("\r\n\r\n");
                }
                OutputStream out = socket.getOutputStream();
                out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = streams.computeIfAbsent(socket, MediaFloodTest::buffered);
                for (int i = 0; i < PIPELINE && socket != null; i++) {
                    int status = readResponse(in, buffer);
                    attempts.incrementAndGet();
                    if (status == 101) {
                        // The rest of the batch now reaches the WebSocket parser as junk bytes: it closes the socket.
                        upgraded.incrementAndGet();
                        junk.add(socket);
                        socket = null;
                    } else if (status == 429 || status == 503) {
                        refused.incrementAndGet();
                    } else {
                        socket.close();
                        socket = null;
                    }
                }
            }
        } catch (IOException e) {
            // the server closed a connection: the next round opens a new one
            if (flooding.get()) {
                flood(flooding, junk, attempts, refused, upgraded);
            }
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // done
                }
            }
        }
    }

    private static InputStream buffered(Socket s) {
        try {
            return new java.io.BufferedInputStream(s.getInputStream(), 8192);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one HTTP response (headers and a Content-Length body) off a buffered stream and returns its status. */
    private static int readResponse(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        while (n < 4 || buffer[n - 4] != '\r' || buffer[n - 3] != '\n' || buffer[n - 2] != '\r' || buffer[n - 1] != '\n') {
            int c = in.read();
            if (c < 0 || n == buffer.length) {
                throw new IOException("closed");
            }
            buffer[n++] = (byte) c;
        }
        String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        while (length > 0) {
            long skipped = in.skip(length);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("closed");
                }
                skipped = 1;
            }
            length -= skipped;
        }
        return status;
    }
}
