package com.ethiq.app.calls.media;

import com.ethiq.adapter.twilio.media.MediaStreamEvent;
import com.ethiq.adapter.twilio.media.MediaStreamProtocol;
import com.ethiq.core.domain.Speaker;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * CPU per media frame of the frame path without a socket (a tool, not a test): {@link MediaStreamProtocol} reading
 * Twilio's {@code media} JSON, then what {@code MediaConnection.onAudio} does (lag sampling, {@link AudioBatches}),
 * metrics aside. Thread CPU time, so it holds on a busy machine far better than the load harness. Run from
 * app-javalin with the test classpath: {@code java -cp <classpath> com.ethiq.app.calls.media.FramePathBench}.
 * See docs/performance.md.
 */
public final class FramePathBench implements MediaStreamProtocol.Listener {
    private final AudioBatches batches = new AudioBatches(5, 160, (s, a) -> sinkAudio(a));
    private final MediaStreamProtocol protocol = new MediaStreamProtocol(this, 1_000_000, System::nanoTime);
    private long lagBaseline = Long.MAX_VALUE;
    private int lagCounter;
    long sink;

    private void sinkAudio(byte[] a) {
        sink += a[0] + a.length;
    }

    @Override
    public void onEvent(MediaStreamEvent event) {
    }

    @Override
    public void onAudio(Speaker speaker, byte[] audio, int offset, int length, long timestampMillis) {
        if (timestampMillis >= 0 && ++lagCounter >= 8) {
            lagCounter = 0;
            long streamZero = System.nanoTime() - timestampMillis * 1_000_000L;
            if (streamZero < lagBaseline) {
                lagBaseline = streamZero;
            }
            sink += streamZero - lagBaseline;
        }
        batches.add(speaker, audio, offset, length);
    }

    public static void main(String[] args) {
        byte[][] frames = frames();
        var threads = ManagementFactory.getThreadMXBean();
        FramePathBench b = new FramePathBench();
        byte[] start = ("{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"tracks\":[\"inbound\",\"outbound\"]}}")
                .getBytes(StandardCharsets.US_ASCII);
        b.protocol.onText(start, 0, start.length);
        int n = 2_000_000;
        for (int round = 0; round < 7; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                byte[] f = frames[i & 1];
                b.protocol.onText(f, 0, f.length);
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            System.out.printf("round %d: %.1f ns CPU per frame%n", round, cpu / (double) n);
        }
        System.out.println(b.sink == 42 ? "" : "ok"); // keeps the work observable
    }

    /** Two Twilio media frames (one per track), as the load harness sends them. */
    static byte[][] frames() {
        byte[] audio = new byte[160];
        new Random(1).nextBytes(audio);
        byte[][] f = new byte[2][];
        String[] tracks = {"inbound", "outbound"};
        for (int i = 0; i < 2; i++) {
            f[i] = ("{\"event\":\"media\",\"sequenceNumber\":\"12\",\"media\":{\"track\":\"" + tracks[i]
                    + "\",\"chunk\":\"5\",\"timestamp\":\"100\",\"payload\":\""
                    + Base64.getEncoder().encodeToString(audio) + "\"},\"streamSid\":\"MZ1\"}").getBytes(StandardCharsets.US_ASCII);
        }
        return f;
    }
}
