package com.ethiq.app.calls.media;

import com.ethiq.app.sim.MediaMessages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The media socket's transport and framing alone, lean reader against Jetty's, in one JVM: two servers (the app's
 * {@link DirectHandshaker} with each reader and the app's socket settings, {@link CountingMediaEndpoint}'s handler that
 * only counts media frames), the same {@code sockets} clients on each sending Twilio-sized masked media frames in
 * bursts, rounds alternated. Per round it reads the server threads' CPU time and allocated bytes
 * ({@code ThreadMXBean}) and prints them per frame; the clients' threads are not counted. A {@code main}, not a test:
 * {@code java -cp ... com.ethiq.app.calls.media.FrameReaderBench [sockets] [framesPerSocketPerRound] [rounds] [framesPerWrite]}
 * (2 by default: Twilio writes one frame per track every 20 ms).
 */
public final class FrameReaderBench {
    private FrameReaderBench() {
    }

    public static void main(String[] args) throws Exception {
        int sockets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perSocket = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int perBurst = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Bench lean = new Bench("lean", true, sockets);
        Bench jetty = new Bench("jetty", false, sockets);
        byte[] burst = burst(perBurst);
        System.out.printf("%d sockets, %d frames per socket per round (writes of %d frames), %d rounds alternated; first 2 rounds are warm-up%n",
                sockets, perSocket, perBurst, rounds);
        List<double[]> leanRounds = new ArrayList<>();
        List<double[]> jettyRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Bench b : r % 2 == 0 ? List.of(lean, jetty) : List.of(jetty, lean)) {
                double[] m = b.round(burst, perBurst, perSocket);
                System.out.printf("round %d %-5s cpu %.3f us/frame (user %.3f), allocated %.1f B/frame%n", r, b.name, m[0], m[2], m[1]);
                if (r >= 2) {
                    (b == lean ? leanRounds : jettyRounds).add(m);
                }
            }
        }
        summary("lean", leanRounds);
        summary("jetty", jettyRounds);
        lean.stop();
        jetty.stop();
    }

    private static void summary(String name, List<double[]> rounds) {
        double[] cpu = rounds.stream().mapToDouble(m -> m[0]).sorted().toArray();
        double[] alloc = rounds.stream().mapToDouble(m -> m[1]).sorted().toArray();
        double[] user = rounds.stream().mapToDouble(m -> m[2]).sorted().toArray();
        System.out.printf("%-5s median cpu %.3f us/frame (min %.3f), user %.3f (min %.3f), allocated %.1f B/frame (n=%d)%n", name,
                cpu[cpu.length / 2], cpu[0], user[user.length / 2], user[0], alloc[alloc.length / 2], cpu.length);
    }

    /** {@code n} masked Twilio media frames, alternating tracks. */
    private static byte[] burst(int n) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        for (int i = 0; i < n; i++) {
            byte[] json = MediaMessages.media(100 + i, "MZ1", i % 2 == 0 ? "inbound" : "outbound", i, 20L * i,
                    MediaMessages.SILENCE_FRAME).getBytes(StandardCharsets.UTF_8);
            b.writeBytes(ClientFrames.frame(0x81, json, mask));
        }
        return b.toByteArray();
    }

    private static final class Bench {
        final String name;
        final Server server;
        final LongAdder frames = new LongAdder();
        final List<Socket> clients = new ArrayList<>();
        final List<OutputStream> outs = new ArrayList<>();
        final String threadPrefix;

        Bench(String name, boolean lean, int sockets) throws Exception {
            this.name = name;
            this.threadPrefix = "bench-" + name;
            QueuedThreadPool pool = new QueuedThreadPool(6, 6);
            pool.setName(threadPrefix);
            server = new Server(pool);
            ServerConnector connector = new ServerConnector(server, 1, 1);
            connector.setPort(0);
            server.addConnector(connector);
            server.setHandler(new CountingMediaEndpoint(new DirectHandshaker(lean), CountingMediaEndpoint.appSettings(), frames));
            server.start();
            int port = connector.getLocalPort();
            for (int i = 0; i < sockets; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.setTcpNoDelay(true);
                OutputStream out = s.getOutputStream();
                out.write(("GET " + CountingMediaEndpoint.PATH + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                byte[] head = new byte[4];
                while (!Arrays.equals(head, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
                    System.arraycopy(head, 1, head, 0, 3);
                    int c = in.read();
                    if (c < 0) {
                        throw new IOException("upgrade refused");
                    }
                    head[3] = (byte) c;
                }
                clients.add(s);
                outs.add(out);
            }
        }

        /** @return CPU µs, allocated bytes and user CPU µs of the server's threads per frame */
        double[] round(byte[] burst, int framesPerBurst, int perSocket) throws Exception {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long[] ids = serverThreads();
            long cpu0 = sum(threads.getThreadCpuTime(ids));
            long user0 = sum(threads.getThreadUserTime(ids));
            long alloc0 = sum(threads.getThreadAllocatedBytes(ids));
            long base = frames.sum();
            long expected = base + (long) clients.size() * perSocket;
            for (int sent = framesPerBurst; sent <= perSocket; sent += framesPerBurst) {
                for (OutputStream out : outs) {
                    out.write(burst);
                }
                long floor = base + (long) clients.size() * (sent - 4L * framesPerBurst); // at most 4 bursts in flight
                while (frames.sum() < floor) {
                    LockSupport.parkNanos(20_000);
                }
            }
            while (frames.sum() < expected) {
                LockSupport.parkNanos(20_000);
            }
            long[] after = serverThreads();
            if (!Arrays.equals(ids, after)) {
                ids = after; // a pool thread came or went: count the new set (rare; this round is then less exact)
            }
            long cpu = sum(threads.getThreadCpuTime(ids)) - cpu0;
            long user = sum(threads.getThreadUserTime(ids)) - user0;
            long alloc = sum(threads.getThreadAllocatedBytes(ids)) - alloc0;
            long n = (long) clients.size() * perSocket;
            return new double[] {cpu / 1000.0 / n, (double) alloc / n, user / 1000.0 / n};
        }

        long[] serverThreads() {
            return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(threadPrefix))
                    .mapToLong(Thread::getId).sorted().toArray();
        }

        void stop() throws Exception {
            for (Socket s : clients) {
                s.close();
            }
            server.stop();
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += Math.max(0, v);
        }
        return s;
    }
}
