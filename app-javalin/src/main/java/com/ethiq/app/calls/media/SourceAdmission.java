package com.ethiq.app.calls.media;

import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of media upgrades nobody vouches for yet (no platform-verified signature, no signature this node expects):
 * per source address a token bucket of upgrades and a cap on sockets still waiting for their {@code start}, and a
 * node-wide cap on such waiting sockets, so one source (or many) can never hold the slots that vouched calls need.
 * A {@link Ticket} is held from the upgrade until the socket's start is accepted or the socket ends; releasing it
 * twice is harmless. Thread-safe.
 */
public final class SourceAdmission {
    /** Sources tracked at once; beyond this, new sources are refused until idle ones are swept. */
    static final int MAX_SOURCES = 100_000;

    /**
     * @param upgradesPerSecond unvouched upgrades accepted per second from one source (bursts of twice that)
     * @param pendingPerSource  unvouched sockets of one source waiting for their start
     * @param pendingTotal      unvouched sockets of all sources waiting for their start on this node
     */
    public record Limits(int upgradesPerSecond, int pendingPerSource, int pendingTotal) {
        public Limits {
            if (upgradesPerSecond < 1 || pendingPerSource < 1 || pendingTotal < 1) {
                throw new IllegalArgumentException("media source limits must be >= 1");
            }
        }

        public static Limits defaults() {
            return new Limits(50, 100, 1000);
        }
    }

    /** Outcome of one upgrade. */
    public sealed interface Outcome permits Admitted, Refused {
    }

    /** Go ahead; release the ticket once the start is accepted or the socket is over. */
    public record Admitted(Ticket ticket) implements Outcome {
    }

    /** Refuse the upgrade with {@code httpStatus}; {@code reason} is a short code safe to log and count. */
    public record Refused(String reason, int httpStatus) implements Outcome {
    }

    /** One waiting socket's place; {@link #release} is idempotent. */
    public static final class Ticket {
        private final Source source;
        private final AtomicInteger total;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(Source source, AtomicInteger total) {
            this.source = source;
            this.total = total;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                source.leave();
                total.decrementAndGet();
            }
        }

        public boolean released() {
            return released.get();
        }
    }

    private static final class Source {
        private final long capacity;
        private final long refillNanosPerToken;
        private long tokensTimesNanos; // tokens * refillNanosPerToken, so refills stay integral
        private long lastNanos;
        private int pending;

        Source(int perSecond, long now) {
            this.capacity = 2L * perSecond;
            this.refillNanosPerToken = 1_000_000_000L / perSecond;
            this.tokensTimesNanos = capacity * refillNanosPerToken;
            this.lastNanos = now;
        }

        /** Null when admitted, else the reason. */
        synchronized String enter(long now, int maxPending) {
            long max = capacity * refillNanosPerToken;
            tokensTimesNanos = Math.min(max, tokensTimesNanos + Math.max(0, now - lastNanos));
            lastNanos = now;
            if (tokensTimesNanos < refillNanosPerToken) {
                return "source_rate";
            }
            if (pending >= maxPending) {
                return "source_pending";
            }
            tokensTimesNanos -= refillNanosPerToken;
            pending++;
            return null;
        }

        synchronized void leave() {
            pending--;
        }

        synchronized boolean idle(long now) {
            return pending == 0 && tokensTimesNanos + (now - lastNanos) >= capacity * refillNanosPerToken;
        }
    }

    private final Limits limits;
    private final ConcurrentHashMap<String, Source> sources = new ConcurrentHashMap<>();
    private final AtomicInteger pendingTotal = new AtomicInteger();

    public SourceAdmission(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "'limits' must not be null");
    }

    public Limits limits() {
        return limits;
    }

    /** Decides one unvouched upgrade from {@code source} (an address key, see {@link SourceAddress}) at {@code nowNanos}. */
    public Outcome admit(String source, long nowNanos) {
        Source s = sources.get(source);
        if (s == null) {
            if (sources.size() >= MAX_SOURCES) {
                return new Refused("too_many_sources", 503);
            }
            s = sources.computeIfAbsent(source, k -> new Source(limits.upgradesPerSecond(), nowNanos));
        }
        if (pendingTotal.incrementAndGet() > limits.pendingTotal()) {
            pendingTotal.decrementAndGet();
            return new Refused("node_pending", 503);
        }
        String refused = s.enter(nowNanos, limits.pendingPerSource());
        if (refused != null) {
            pendingTotal.decrementAndGet();
            return new Refused(refused, 429);
        }
        return new Admitted(new Ticket(s, pendingTotal));
    }

    /** Unvouched sockets waiting for their start on this node. */
    public int pending() {
        return pendingTotal.get();
    }

    /** Sources currently tracked. */
    public int sources() {
        return sources.size();
    }

    /** Forgets sources with nothing pending and a full bucket (they would start afresh anyway). */
    public void sweep(long nowNanos) {
        for (Iterator<Map.Entry<String, Source>> it = sources.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Source> e = it.next();
            if (e.getValue().idle(nowNanos)) {
                // A ticket taken between the check and the removal still releases its own Source object: harmless.
                it.remove();
            }
        }
    }
}
