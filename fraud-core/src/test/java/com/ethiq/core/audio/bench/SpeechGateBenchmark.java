package com.ethiq.core.audio.bench;

import com.ethiq.core.audio.Signals;
import com.ethiq.core.audio.SpeechGate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Cost of the speech gate per 100 ms chunk (800 bytes, 5 Twilio frames), single-threaded. Not part of the test suite.
 * Run (docs/performance.md):
 * <pre>
 * ./mvnw -B -q -o -pl fraud-core test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath com.ethiq.core.audio.bench.SpeechGateBenchmark"
 * </pre>
 * {@code conversation}: a track of speech clips, pauses and line noise (-58 dBFS) played in a loop, so the gate opens,
 * holds back, replays its pre-roll and closes as on a call; {@code silence}: digital silence (the cheapest case).
 */
@State(Scope.Thread)
public class SpeechGateBenchmark {
    private List<byte[]> conversation;
    private byte[] silence;
    private SpeechGate gate;
    private int next;

    @Setup
    public void setUp(Blackhole hole) {
        conversation = Signals.chunks(Signals.concat(Signals.noise(1_500, -58, 1), Signals.clip("fr-1"),
                Signals.noise(700, -58, 2), Signals.clip("en-2"), Signals.noise(6_000, -58, 3), Signals.clip("en-1"),
                Signals.noise(1_000, -58, 4)), Signals.CHUNK);
        conversation.removeIf(c -> c.length != Signals.CHUNK);
        silence = Signals.silence(100);
        gate = new SpeechGate(SpeechGate.Settings.DEFAULT, (audio, offset, length) -> {
            hole.consume(audio);
            hole.consume(length);
        });
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void conversation() {
        gate.accept(conversation.get(next));
        next = next + 1 == conversation.size() ? 0 : next + 1;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public void silence() {
        gate.accept(silence);
    }

    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder()
                .include(SpeechGateBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5)
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(2))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult r : results) {
            double ns = r.getPrimaryResult().getScore();
            System.out.println(String.format(Locale.ROOT, "%s: %.0f ns per 100 ms chunk (+-%.0f) = %.1f ns per 20 ms frame",
                    r.getParams().getBenchmark().replaceAll(".*\\.", ""), ns, r.getPrimaryResult().getScoreError(), ns / 5));
        }
    }
}
