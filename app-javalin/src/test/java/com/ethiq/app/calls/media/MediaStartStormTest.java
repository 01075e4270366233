package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.metrics.MediaMetrics;
import com.ethiq.app.sim.MediaMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import com.ethiq.app.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Issue 20 item 4: a ramp of calls must not lose a {@code start}. 400 media sockets upgraded at once against the real
 * endpoint, connector (paced selector, trusted short reads) and each frame reader, one client thread per socket, each
 * sending {@code connected}, {@code start} and two media frame pairs at once: in the upgrade request's own write (the
 * bytes reach the connection through {@code onUpgradeTo}), just after it (often in the HTTP connection's read), or after
 * the 101 (the first read after the upgrade). Meanwhile {@value #NOISE_SOCKETS} lean sockets stream frame pairs every
 * 20 ms, so the selector is busy as during a load run's ramp, and the start is authenticated slowly (2-12 ms, a
 * database's worth) on the app's four control threads, with reading paused until {@code demand()}. The gate closes
 * each start it sees with its own code, so a socket's close says whether its start was read (4321) or not (1008,
 * {@code start_timeout}). Run as {@code -XX:ActiveProcessorCount=1} on one core too, 73 times each reader: no start
 * was lost (the lead's load run that lost 5 of 400 was not reproduced; docs/performance.md).
 */
class MediaStartStormTest {
    private static final int READ = 4321;
    private static final String PATH = "/twilio/media";

    private Server server;
    private ThreadPoolExecutor control;
    private ScheduledExecutorService timers;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        control.shutdownNow();
        timers.shutdownNow();
    }

    private int start(MediaSettings.FrameReader reader) throws Exception {
        control = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(20_000));
        timers = Executors.newScheduledThreadPool(1);
        MediaStartGate gate = request -> {
            // a database's worth of authentication, on the control pool as in the app
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(2_000_000, 12_000_000));
            seen.add(request.start().callSid());
            return new MediaStartGate.Refused("read", READ);
        };
        MediaSettings settings = new MediaSettings(Duration.ofSeconds(10), Duration.ofSeconds(20), 16384, 5000, 5, 150, reader);
        UpgradeAdmission admission = new UpgradeAdmission(signature -> true, new VouchedUpgrades(Duration.ofMinutes(5),
                Duration.ofHours(1)), new SourceAdmission(SourceAdmission.Limits.defaults()), new SourceAddress(Set.of()),
                timers, Duration.ofSeconds(6), System::nanoTime);
        QueuedThreadPool pool = new QueuedThreadPool(16, 4);
        server = new Server(pool);
        MediaServerConnector connector = new MediaServerConnector(server, new HttpConfiguration(), "127.0.0.1", 0,
                Settings.MEDIA_READ_INTERVAL.defaultValue()); // the production setting
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(new MediaStreamEndpoint(PATH, gate, settings,
                new MediaMetrics(new SimpleMeterRegistry()), control, timers, admission,
                new RefusalLog(LoggerFactory.getLogger(MediaStartStormTest.class))),
                CountingMediaEndpoint.countingNothing(NOISE_PATH, new DirectHandshaker(true))));
        server.start();
        return connector.getLocalPort();
    }

    /** How a socket sends its {@code connected} and {@code start}. */
    private enum Timing { WITH_THE_REQUEST, AFTER_THE_REQUEST, AFTER_THE_101 }

    @ParameterizedTest
    @EnumSource(MediaSettings.FrameReader.class)
    void everyStartIsReadWhenHundredsOfSocketsOpenAtOnce(MediaSettings.FrameReader reader) throws Exception {
        int port = start(reader);
        List<Socket> noise = new ArrayList<>();
        for (int i = 0; i < NOISE_SOCKETS; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setTcpNoDelay(true);
            s.getOutputStream().write(request(NOISE_PATH));
            readHead(s.getInputStream());
            noise.add(s);
        }
        Thread streamer = new Thread(() -> streamNoise(noise), "noise");
        streamer.start();
        Map<String, String> closes;
        try {
            closes = storm(port, 400);
        } finally {
            streamer.interrupt();
            streamer.join();
            for (Socket s : noise) {
                s.close();
            }
        }
        Map<String, String> others = new TreeMap<>(closes);
        others.values().removeIf(c -> c.equals(READ + " read"));
        assertThat(others).as("sockets not closed by the gate (which closes every start it reads with " + READ + ")").isEmpty();
        assertThat(closes).hasSize(400);
        assertThat(seen).hasSize(400);
    }

    /**
     * Opens {@code n} sockets at once, one client thread each (so no client waits on another's handshake); returns
     * each call's close code and reason ("-1": none), with, for a socket closed other than by the gate, how long
     * before its close the client had sent its {@code start}.
     */
    private Map<String, String> storm(int port, int n) throws Exception {
        Map<String, String> closes = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String callSid = String.format("CA%032d", i);
            Timing timing = Timing.values()[i % 3];
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    closes.put(callSid, stream(port, callSid, timing));
                } catch (Exception e) {
                    closes.put(callSid, e.toString());
                }
            }, "client-" + i);
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(60_000);
        }
        return closes;
    }

    /** One socket: upgrade, {@code connected} and {@code start} as {@code timing} says, then read up to the close. */
    private static String stream(int port, String callSid, Timing timing) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(25_000);
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] request = request();
            out.write(timing == Timing.WITH_THE_REQUEST ? ClientFrames.concat(request, opening(callSid)) : request);
            out.flush();
            if (timing == Timing.AFTER_THE_REQUEST) {
                out.write(opening(callSid));
                out.flush();
            }
            readHead(in);
            if (timing == Timing.AFTER_THE_101) {
                out.write(opening(callSid));
                out.flush();
            }
            long sent = System.nanoTime();
            String close = closeCode(in);
            long sinceStart = (System.nanoTime() - sent) / 1_000_000L;
            return close.startsWith(READ + " ") ? close : close + " (" + timing + ", start sent " + sinceStart + " ms before)";
        }
    }

    private static final int NOISE_SOCKETS = 100;
    /** Lean sockets whose frames are only read: streaming calls, for the selector. */
    private static final String NOISE_PATH = "/noise";

    /** Media frame pairs on every noise socket every 20 ms, as streaming calls would send them. */
    private static void streamNoise(List<Socket> sockets) {
        byte[] pair = ClientFrames.concat(
                ClientFrames.text(MediaMessages.media(2, "MZ1", "inbound", 1, 20L, MediaMessages.SILENCE_FRAME)),
                ClientFrames.text(MediaMessages.media(3, "MZ1", "outbound", 1, 20L, MediaMessages.SILENCE_FRAME)));
        long next = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            for (Socket s : sockets) {
                try {
                    s.getOutputStream().write(pair);
                } catch (IOException e) {
                    return;
                }
            }
            next += 20_000_000L;
            LockSupport.parkNanos(next - System.nanoTime());
        }
    }

    private static byte[] request() {
        return request(PATH);
    }

    private static byte[] request(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16])
                + "\r\nX-Twilio-Signature: c2lnbmF0dXJl\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code connected}, {@code start} and two media frame pairs, as Twilio sends them at the start of a stream. */
    private static byte[] opening(String callSid) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(ClientFrames.text(MediaMessages.connected()));
        b.writeBytes(ClientFrames.text(MediaMessages.start(1, "MZ" + callSid.substring(2), "AC0", callSid, Map.of())));
        for (int i = 0; i < 2; i++) {
            for (String track : List.of("inbound", "outbound")) {
                b.writeBytes(ClientFrames.text(
                        MediaMessages.media(2 + i, "MZ1", track, i + 1, 20L * i, MediaMessages.SILENCE_FRAME)));
            }
        }
        return b.toByteArray();
    }


    private static void readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) c);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
    }

    /** Reads server frames until a close; returns its code and reason ("-1": the stream ended without one). */
    private static String closeCode(InputStream in) throws IOException {
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return "-1";
            }
            int length = b1 & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(length);
            if ((b0 & 0x0F) == 0x8) {
                return payload.length >= 2 ? (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)) + " "
                        + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "1005";
            }
        }
    }
}
