package com.ethiq.adapter.speech;

import com.ethiq.core.concurrent.DaemonThreads;
import com.ethiq.core.port.SpeechTranscriber;
import com.ethiq.core.port.TenantSecrets;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speech transcriber on Google Cloud Speech-to-Text v1 streaming: one gRPC stream per call track, restarted
 * seamlessly before Google's ~5 minute limit and after errors, so a track looks like one endless stream. One
 * {@code SpeechClient} per credential set (process-wide for application default credentials, cached per tenant for a
 * tenant's own service account); a few shared worker threads for every track. Thread-safe. Close it at shutdown.
 */
public final class GoogleSpeechTranscriber implements SpeechTranscriber, AutoCloseable {
    /** Numbers each transcriber's pool in thread names (tests build several). */
    private static final AtomicInteger POOLS = new AtomicInteger();
    private final GoogleSpeechSettings settings;
    private final SpeechCounters counters = new SpeechCounters();
    private final ScheduledThreadPoolExecutor workers;
    private final SpeechClients clients;
    private final ServiceBreaker breaker;
    private final TrackContext context;
    private final Set<TrackSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Every tenant uses the process's application default credentials. */
    public GoogleSpeechTranscriber(GoogleSpeechSettings settings) {
        this(settings, null, Clock.systemUTC());
    }

    /** @param secrets tenants' own service accounts ({@link TenantSecrets#speechServiceAccount}); null for none */
    public GoogleSpeechTranscriber(GoogleSpeechSettings settings, TenantSecrets secrets) {
        this(settings, secrets, Clock.systemUTC());
    }

    public GoogleSpeechTranscriber(GoogleSpeechSettings settings, TenantSecrets secrets, Clock clock) {
        this(settings, secrets, clock, SpeechTransport.of(Objects.requireNonNull(settings, "'settings' must not be null")));
    }

    GoogleSpeechTranscriber(GoogleSpeechSettings settings, TenantSecrets secrets, Clock clock, SpeechTransport transport) {
        this.settings = Objects.requireNonNull(settings, "'settings' must not be null");
        Objects.requireNonNull(clock, "'clock' must not be null");
        this.workers = new ScheduledThreadPoolExecutor(settings.workerThreads(),
                DaemonThreads.named("ethiq-speech-" + POOLS.incrementAndGet()));
        workers.setRemoveOnCancelPolicy(true); // close timers are usually cancelled: don't keep them queued
        this.clients = new SpeechClients(transport, secrets, workers, clock, settings.credentialsCacheTtl(), settings.channels());
        this.breaker = new ServiceBreaker(settings.circuitBreaker().failureThreshold(), settings.circuitBreaker().openFor(), clock);
        this.context = new TrackContext(settings, clients, new RecognitionConfigs(settings),
                new ModelChoice(settings.model(), settings.fallbackModel()), breaker, counters, workers, clock,
                sessions::remove);
    }

    @Override
    public TranscriptionStream open(TranscriptionRequest request, TranscriptListener listener) {
        Objects.requireNonNull(request, "'request' must not be null");
        Objects.requireNonNull(listener, "'listener' must not be null");
        if (closed) {
            throw new IllegalStateException("the speech transcriber is closed");
        }
        TrackSession session = new TrackSession(request, listener, context);
        sessions.add(session);
        counters.openStreams.incrementAndGet();
        return new TrackStream(session);
    }

    public SpeechMetrics metrics() {
        return counters.snapshot(breaker.isOpen());
    }

    public GoogleSpeechSettings settings() {
        return settings;
    }

    /** Clients alive now (diagnostics, leak tests). */
    int liveClients() {
        return clients.liveClients();
    }

    int createdClients() {
        return clients.createdClients();
    }

    int liveSessions() {
        return sessions.size();
    }

    /**
     * Closes every open track (each gets its last results and onClosed, within the close timeout), then the clients
     * and the worker threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sessions.forEach(TrackSession::close);
        long deadline = System.nanoTime() + settings.closeTimeout().plusSeconds(1).toNanos();
        while (!sessions.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        clients.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
