package com.ethiq.app.calls.media;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Warnings about refused media sockets, bounded: the first refusal of a source in an interval is logged at once, the
 * rest are only counted, and {@link #flush} (run every interval) writes one summary line per source with its count by
 * reason. A flood of junk upgrades from one address therefore costs at most two lines per interval, whatever its rate;
 * beyond {@value #MAX_SOURCES} sources in one interval the rest are summed under {@code other sources}. Thread-safe.
 */
public final class RefusalLog {
    static final int MAX_SOURCES = 1000;
    static final String OTHER = "other sources";

    private final Logger log;
    private final ConcurrentHashMap<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

    public RefusalLog(Logger log) {
        this.log = log;
    }

    /** Notes one refusal of a socket or upgrade from {@code source} for {@code reason} (short codes only). */
    public void refused(String source, String reason) {
        String key = counts.size() >= MAX_SOURCES && !counts.containsKey(source) ? OTHER : source;
        boolean[] first = {false};
        Map<String, AtomicLong> perReason = counts.computeIfAbsent(key, k -> {
            first[0] = true;
            return new ConcurrentHashMap<>();
        });
        perReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        if (first[0]) {
            log.warn("media socket from {} refused: {} (further refusals from it are summed up periodically)", key, reason);
        }
    }

    /** Writes one line per source refused since the last flush (more than once) and starts a new interval. */
    public void flush() {
        for (String source : counts.keySet()) {
            Map<String, AtomicLong> perReason = counts.remove(source);
            if (perReason == null) {
                continue;
            }
            Map<String, Long> sorted = new TreeMap<>();
            long total = 0;
            for (Map.Entry<String, AtomicLong> e : perReason.entrySet()) {
                sorted.put(e.getKey(), e.getValue().get());
                total += e.getValue().get();
            }
            if (total > 1) {
                log.warn("media sockets from {} refused {} times since the last summary: {}", source, total, sorted);
            }
        }
    }

    /** Sources with refusals in the current interval. */
    int sources() {
        return counts.size();
    }
}
