package com.ethiq.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * The node's meter registry (Prometheus format) and the meters of the call path. One per app instance, so two
 * instances in one JVM (tests) never mix their counts. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry;
    private final MediaMetrics media;
    private final CallMetrics calls;
    private final JvmGcMetrics gc;

    public Metrics(String nodeId) {
        Objects.requireNonNull(nodeId, "'nodeId' must not be null");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("node", nodeId);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        this.media = new MediaMetrics(registry);
        this.calls = new CallMetrics(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public MediaMetrics media() {
        return media;
    }

    public CallMetrics calls() {
        return calls;
    }

    /** Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
