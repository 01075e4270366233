package com.ethiq.core.detection.bench;

import com.ethiq.core.detection.CallTranscript;
import com.ethiq.core.detection.DetectionEngine;
import com.ethiq.core.detection.DetectionSession;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.detection.support.EvalData;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import com.ethiq.core.domain.TranscriptSegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Detection speed, single-threaded (per core). Not part of the test suite. Run (docs/performance.md):
 * <pre>
 * ./mvnw -B -q -o -pl fraud-core test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-cp %classpath com.ethiq.core.detection.bench.DetectionBenchmark"
 * </pre>
 * {@code replayCorpus}: every French call of the corpus (fr-dev when the shared directory is there, else the
 * bundled held-out set) replayed turn by turn in fresh sessions; MB/s = corpus UTF-8 bytes x ops/s.
 * {@code partialUpdate}: one 30-word partial revision in a session that already holds 10 turns.
 * Arguments are JMH options ({@code -prof gc} adds the bytes allocated per operation); {@code --cpu},
 * {@code --replays N} and {@code --pair targetA targetB [pairs]} are described in docs/performance.md.
 */
@State(Scope.Thread)
public class DetectionBenchmark {

    private static final String PARTIAL_A = "alors madame je suis du service anti fraude de votre banque on a vu des "
            + "opérations suspectes vous allez recevoir un code par sms et vous allez me le lire tout de suite";
    private static final String PARTIAL_B = "bon alors madame pour annuler le paiement il faut que vous me donniez "
            + "les six chiffres que vous venez de recevoir sinon votre compte sera bloqué ce soir";

    private DetectionEngine engine;
    private List<CallTranscript> corpus;
    private DetectionSession session;
    private int flip;

    static List<CallTranscript> corpus() {
        List<CallTranscript> calls = EvalData.evalFile("fr-dev/calls-fr-dev.jsonl").map(EvalData::readJsonl)
                .orElseGet(() -> EvalData.readJsonlResource("/com/ethiq/core/detection/heldout-fr.jsonl"));
        return calls.stream().filter(c -> c.language() == Language.FRENCH).toList();
    }

    static long bytes(Collection<CallTranscript> calls) {
        long n = 0;
        for (CallTranscript c : calls) {
            for (CallTranscript.Turn t : c.turns()) {
                n += t.text().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    @Setup(Level.Trial)
    public void setUp() {
        engine = DetectionEngine.withDefaultPacks();
        corpus = corpus();
    }

    @Setup(Level.Iteration)
    public void newSession() {
        session = engine.newSession(Language.FRENCH, DetectionThresholds.DEFAULT, List.of());
        CallTranscript first = corpus.get(0);
        int[] u = new int[2];
        for (int i = 0; i < 10; i++) {
            CallTranscript.Turn t = first.turns().get(i % first.turns().size());
            session.onSegment(TranscriptSegment.finalText(t.speaker(), u[t.speaker().ordinal()]++, t.text()));
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int replayCorpus() {
        int alerts = 0;
        for (CallTranscript c : corpus) {
            DetectionSession s = engine.newSession(c.language(), DetectionThresholds.DEFAULT, List.of());
            int[] u = new int[2];
            Verdict v = null;
            for (CallTranscript.Turn t : c.turns()) {
                v = s.onSegment(TranscriptSegment.finalText(t.speaker(), u[t.speaker().ordinal()]++, t.text()));
            }
            if (v != null && v.isScam()) {
                alerts++;
            }
        }
        return alerts;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Verdict partialUpdate() {
        flip ^= 1;
        return session.onSegment(TranscriptSegment.partialText(Speaker.CALLER, 1000, flip == 0 ? PARTIAL_A : PARTIAL_B));
    }

    /** Alternative hypotheses of the two partials, as a recogniser's second and third best (a word or two apart). */
    private static final List<String> ALTERNATIVES_A = List.of(PARTIAL_A.replace("code", "conte"),
            PARTIAL_A.replace("me le lire", "mettre"));
    private static final List<String> ALTERNATIVES_B = List.of(PARTIAL_B.replace("six chiffres", "si chiffre"),
            PARTIAL_B.replace("annuler", "a nuler"));

    /** A final of the same size with two alternative hypotheses, re-sent (it replaces its turn each time). */
    public Verdict finalWithAlternatives() {
        flip ^= 1;
        return session.onSegment(TranscriptSegment.finalText(Speaker.CALLER, 1000, flip == 0 ? PARTIAL_A : PARTIAL_B,
                flip == 0 ? ALTERNATIVES_A : ALTERNATIVES_B));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--replays")) {
            fixedWork(Integer.parseInt(args[1]));
            return;
        }
        if (args.length >= 3 && args[0].equals("--pair")) {
            pair(java.nio.file.Path.of(args[1]), java.nio.file.Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 21)
                    .forEach(System.out::println);
            return;
        }
        if (args.length == 1 && args[0].equals("--cpu")) {
            // the thread-CPU-time part alone (no JMH): short enough to alternate two builds several times
            List<CallTranscript> corpus = corpus();
            cpuTime(corpus, bytes(corpus)).forEach(System.out::println);
            return;
        }
        // extra JMH options pass through, e.g. "-prof gc" (allocations per operation) or "-prof stack"
        Options options = new OptionsBuilder()
                .parent(new org.openjdk.jmh.runner.options.CommandLineOptions(args))
                .include(DetectionBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(3)
                .measurementIterations(5)
                .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<CallTranscript> corpus = corpus();
        long bytes = bytes(corpus);
        int words = 0;
        for (String w : PARTIAL_A.split("\\s+")) {
            words++;
        }
        List<String> summary = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            if (name.endsWith("replayCorpus")) {
                summary.add(String.format(Locale.ROOT, "replayCorpus: %.1f corpus/s (+-%.1f) x %d bytes (%d calls) = %.2f MB/s per core",
                        score, error, bytes, corpus.size(), score * bytes / 1e6));
            } else {
                summary.add(String.format(Locale.ROOT, "partialUpdate: %.2f us (+-%.2f) per %d-word partial", score, error, words));
            }
        }
        summary.addAll(cpuTime(corpus, bytes));
        System.out.println();
        summary.forEach(System.out::println);
    }

    /**
     * Replays the corpus {@code n} times and exits: a fixed amount of work for timing the whole process from outside
     * ({@code /usr/bin/time -v}), e.g. two builds run in turn. Prints the bytes replayed and the alerts.
     */
    static void fixedWork(int n) {
        DetectionBenchmark b = new DetectionBenchmark();
        b.setUp();
        long alerts = 0;
        for (int i = 0; i < n; i++) {
            alerts += b.replayCorpus();
        }
        System.out.println("replayed " + n * bytes(b.corpus) + " bytes, " + alerts + " alerts");
    }

    /**
     * Two builds side by side in this JVM (each {@code target} directory's {@code classes} and {@code test-classes} in
     * its own class loader, the jars of this class path in both), rounds alternated A/B then B/A, thread CPU time:
     * the median of the per-pair ratio B/A for each operation. On a shared machine the load changes within seconds,
     * so a ratio of neighbouring rounds says more than two runs minutes apart.
     */
    static List<String> pair(java.nio.file.Path targetA, java.nio.file.Path targetB, int pairs) throws Exception {
        List<java.net.URL> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(java.nio.file.Path.of(entry).toUri().toURL());
            }
        }
        java.lang.reflect.Method[][] ops = new java.lang.reflect.Method[2][];
        Object[][] benches = new Object[2][];
        java.nio.file.Path[] targets = {targetA, targetB};
        for (int k = 0; k < 2; k++) {
            List<java.net.URL> urls = new ArrayList<>();
            urls.add(targets[k].resolve("classes").toUri().toURL());
            urls.add(targets[k].resolve("test-classes").toUri().toURL());
            urls.addAll(jars);
            ClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(DetectionBenchmark.class.getName());
            ops[k] = new java.lang.reflect.Method[] {c.getMethod("replayCorpus"), c.getMethod("partialUpdate"),
                c.getMethod("finalWithAlternatives")};
            benches[k] = new Object[3]; // one instance per operation: a final must not end the partial's utterance
            for (int m = 0; m < 3; m++) {
                benches[k][m] = c.getConstructor().newInstance();
                c.getMethod("setUp").invoke(benches[k][m]);
                c.getMethod("newSession").invoke(benches[k][m]);
            }
        }
        int[] reps = {5, 5000, 2000};
        String[] names = {"replayCorpus", "partialUpdate", "finalWithAlternatives"};
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 30; w++) {
            for (int k = 0; k < 2; k++) {
                for (int m = 0; m < 3; m++) {
                    for (int i = 0; i < (m == 0 ? 1 : 2000); i++) {
                        ops[k][m].invoke(benches[k][m]);
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            double[] ratio = new double[pairs];
            double[][] ms = new double[2][pairs];
            for (int p = 0; p < pairs; p++) {
                for (int turn = 0; turn < 2; turn++) {
                    int k = p % 2 == 0 ? turn : 1 - turn;
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < reps[m]; i++) {
                        ops[k][m].invoke(benches[k][m]);
                    }
                    ms[k][p] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
                }
                ratio[p] = ms[1][p] / ms[0][p];
            }
            java.util.Arrays.sort(ratio);
            java.util.Arrays.sort(ms[0]);
            java.util.Arrays.sort(ms[1]);
            out.add(String.format(Locale.ROOT, "pair %s: B/A CPU median %.3f (quartiles %.3f-%.3f, %d pairs); "
                            + "median ms per %d ops A %.2f, B %.2f", names[m], ratio[pairs / 2], ratio[pairs / 4],
                    ratio[3 * pairs / 4], pairs, reps[m], ms[0][pairs / 2], ms[1][pairs / 2]));
            if (m == 0) {
                double mb = reps[0] * bytes(corpus()) / 1e6;
                out.add(String.format(Locale.ROOT, "pair replayCorpus MB per CPU-second, median round: A %.2f, B %.2f",
                        mb / (ms[0][pairs / 2] / 1e3), mb / (ms[1][pairs / 2] / 1e3)));
            }
        }
        return out;
    }

    /**
     * The same two measurements in thread CPU time (in this JVM, after JMH): on a shared machine, wall-clock JMH
     * scores include time the thread spent waiting for a core; CPU time is closer to "per core".
     */
    static List<String> cpuTime(List<CallTranscript> corpus, long bytes) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        DetectionBenchmark b = new DetectionBenchmark();
        b.setUp();
        b.newSession();
        // 300 replays (about 3 s): with the 20 of rounds 1-2 the JIT was still compiling during the measured rounds
        for (int i = 0; i < 300; i++) {
            b.replayCorpus();
        }
        for (int i = 0; i < 50_000; i++) {
            b.partialUpdate();
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 10; i++) {
                b.replayCorpus();
            }
            best = Math.max(best, 10.0 * bytes / 1e6 / ((mx.getCurrentThreadCpuTime() - t0) / 1e9));
        }
        double bestPartial = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++) {
                b.partialUpdate();
            }
            bestPartial = Math.min(bestPartial, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / 20_000);
        }
        for (int i = 0; i < 50_000; i++) {
            b.finalWithAlternatives();
        }
        double bestAlt = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < 20_000; i++) {
                b.finalWithAlternatives();
            }
            bestAlt = Math.min(bestAlt, (mx.getCurrentThreadCpuTime() - t0) / 1e3 / 20_000);
        }
        return List.of(
                String.format(Locale.ROOT, "cpu-time replayCorpus: %.2f MB per CPU-second (best of 5 rounds)", best),
                String.format(Locale.ROOT, "cpu-time partialUpdate: %.2f us CPU per partial (best of 5 rounds)", bestPartial),
                String.format(Locale.ROOT, "cpu-time finalWithAlternatives: %.2f us CPU per final with 2 alternatives (best of 5 rounds)", bestAlt));
    }
}
