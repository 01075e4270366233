package com.ethiq.adapter.speech;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The transcriber's counters, updated from any thread. Thread-safe. */
final class SpeechCounters {
    final AtomicInteger openStreams = new AtomicInteger();
    final AtomicInteger vendorStreams = new AtomicInteger();
    final LongAdder queuedAudioBytes = new LongAdder();
    final LongAdder restarts = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder droppedAudioBytes = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder billedMillis = new LongAdder();

    SpeechMetrics snapshot(boolean circuitOpen) {
        return new SpeechMetrics(openStreams.get(), vendorStreams.get(), queuedAudioBytes.sum(), restarts.sum(),
                retries.sum(), droppedAudioBytes.sum(), failures.sum(), billedMillis.sum(), circuitOpen);
    }
}
