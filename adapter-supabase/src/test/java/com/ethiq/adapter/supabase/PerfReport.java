package com.ethiq.adapter.supabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The report of a perf harness (tag "perf"): lines printed as they come and kept for a file under target/, with the
 * figures the harnesses share — nearest-rank percentiles of timings, and old/new ratios taken sample by sample (the
 * two paths alternate so the shared machine's drift hits both alike; the ratios are the figure to keep).
 */
final class PerfReport {
    private final StringBuilder text = new StringBuilder();

    void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        text.append(s).append('\n');
    }

    /** The first line: the database and the machine's state, then {@code workload}. */
    void header(String workload, Object... args) throws IOException {
        line("PostgreSQL 17 embedded (fsync on, synchronous_commit on), %d cores, load average %s%s",
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
                workload.isEmpty() ? "" : ", " + String.format(Locale.ROOT, workload, args));
    }

    /** Writes what was printed to {@code target/<fileName>}. */
    void save(String fileName) throws IOException {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", fileName), text.toString());
    }

    /** The nearest-rank {@code p}th percentile of {@code sorted}. */
    static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** p50, p90, p99 and max of {@code nanos} (left as they are) in milliseconds. */
    static String millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms", percentile(sorted, 50) / 1e6,
                percentile(sorted, 90) / 1e6, percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** The median, p10 and p90 of {@code now[i] / old[i]}: new against old, sample by sample. */
    static String ratios(long[] old, long[] now) {
        double[] ratios = new double[old.length];
        for (int i = 0; i < old.length; i++) {
            ratios[i] = (double) now[i] / old[i];
        }
        Arrays.sort(ratios);
        int n = ratios.length;
        return String.format(Locale.ROOT, "median %.2f (p10 %.2f, p90 %.2f)", ratios[n / 2], ratios[n / 10], ratios[n * 9 / 10]);
    }
}
