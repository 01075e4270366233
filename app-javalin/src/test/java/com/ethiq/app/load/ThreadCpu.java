package com.ethiq.app.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A local process's CPU time per thread group, from {@code /proc/PID/task/*}: thread names with their trailing
 * number dropped ("C2 CompilerThread0", "JettyServerThreadPool-185" → one group each). Says where a measuring
 * window's CPU went: the frame path's threads, or a JIT compiler still at work (counted in the process's CPU like
 * any other thread, though a node that has run for a while no longer pays it). Linux only; a snapshot is immutable.
 */
record ThreadCpu(Map<String, Long> nanosByGroup) {
    /** The process's threads now (threads that ended since are missing: their time is lost to the difference). */
    static ThreadCpu of(long pid, long clockTick) {
        Map<String, Long> groups = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
                    groups.merge(group(name), ticks * 1_000_000_000L / clockTick, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(Map.copyOf(groups));
    }

    static String group(String threadName) {
        return threadName.replaceAll("[-#]?\\d+$", "");
    }

    /** Per group, the CPU spent since {@code before}, largest first (then by name). */
    Map<String, Long> since(ThreadCpu before) {
        return nanosByGroup.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.nanosByGroup.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** "C2 CompilerThread 41 %, JettyServerThreadPool 52 %, …" for the groups above 1 % of the window's CPU. */
    static String describe(Map<String, Long> spent) {
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "none";
        }
        return spent.entrySet().stream().filter(e -> e.getValue() * 100 >= total)
                .map(e -> String.format(Locale.ROOT, "%s %.0f %%", e.getKey(), 100.0 * e.getValue() / total))
                .collect(Collectors.joining(", "));
    }

    /** The share of the window's CPU spent by the JIT compilers (HotSpot's C1 and C2 threads). */
    static double jitShare(Map<String, Long> spent) {
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        long jit = spent.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
        return total == 0 ? 0 : (double) jit / total;
    }
}
