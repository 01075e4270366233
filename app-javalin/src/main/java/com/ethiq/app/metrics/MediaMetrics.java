package com.ethiq.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the media WebSocket path. Per-frame counts are plain {@link LongAdder}s exposed as function counters
 * (a frame costs one add, no meter lookup); rarer events use tagged counters created on first use. Thread-safe.
 */
public final class MediaMetrics {
    private final MeterRegistry registry;
    private final LongAdder frames = new LongAdder();
    private final LongAdder audioBytes = new LongAdder();
    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicInteger streaming = new AtomicInteger();
    private final Timer frameLag;
    private final Map<String, Counter> problems = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Map<String, Counter> closes = new ConcurrentHashMap<>();
    private final Map<String, Counter> events = new ConcurrentHashMap<>();

    public MediaMetrics(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder("ethiq.media.frames", frames, LongAdder::sum)
                .description("media frames received on authenticated streams").register(registry);
        FunctionCounter.builder("ethiq.media.audio.bytes", audioBytes, LongAdder::sum)
                .description("decoded mu-law bytes handed to recognisers").register(registry);
        Gauge.builder("ethiq.media.sockets.open", openSockets, AtomicInteger::get)
                .description("media WebSockets open on this node").register(registry);
        Gauge.builder("ethiq.media.streams.live", streaming, AtomicInteger::get)
                .description("authenticated media streams feeding a call session").register(registry);
        this.frameLag = Timer.builder("ethiq.media.frame.lag")
                .description("delay of a frame behind the stream's own clock (sampled)")
                .publishPercentiles(0.5, 0.9, 0.99, 0.999)
                .distributionStatisticExpiry(Duration.ofSeconds(20))
                .distributionStatisticBufferLength(2)
                .register(registry);
    }

    public void frame() {
        frames.increment();
    }

    /** Audio handed to a recogniser (counted per batch, not per frame). */
    public void audio(int bytes) {
        audioBytes.add(bytes);
    }

    public long framesTotal() {
        return frames.sum();
    }

    public void recordLag(long nanos) {
        frameLag.record(nanos, TimeUnit.NANOSECONDS);
    }

    public Timer frameLag() {
        return frameLag;
    }

    public void socketOpened() {
        openSockets.incrementAndGet();
    }

    public void socketClosed(int code) {
        openSockets.decrementAndGet();
        closes.computeIfAbsent(Integer.toString(code), c -> Counter.builder("ethiq.media.sockets.closed")
                .tag("code", c).description("media sockets closed, by WebSocket close code").register(registry)).increment();
    }

    public int openSockets() {
        return openSockets.get();
    }

    public void streamStarted() {
        streaming.incrementAndGet();
    }

    public void streamEnded() {
        streaming.decrementAndGet();
    }

    /** A message that could not be used (kind: malformed_json, bad_base64, unknown_track, binary_frame...). */
    public void problem(String kind) {
        problems.computeIfAbsent(kind, k -> Counter.builder("ethiq.media.problems").tag("kind", k)
                .description("unusable media messages, by kind").register(registry)).increment();
    }

    public double problems(String kind) {
        Counter c = problems.get(kind);
        return c == null ? 0 : c.count();
    }

    /** A socket refused before or at its start message (reason: bad_signature, expired, replayed...). */
    public void refused(String reason) {
        refusals.computeIfAbsent(reason, r -> Counter.builder("ethiq.media.refused").tag("reason", r)
                .description("media sockets refused, by reason").register(registry)).increment();
    }

    public double refusals(String reason) {
        Counter c = refusals.get(reason);
        return c == null ? 0 : c.count();
    }

    /** A non-audio event on a live stream (mark, dtmf, stop...). */
    public void event(String name) {
        events.computeIfAbsent(name, n -> Counter.builder("ethiq.media.events").tag("event", n)
                .description("non-audio media events").register(registry)).increment();
    }
}
