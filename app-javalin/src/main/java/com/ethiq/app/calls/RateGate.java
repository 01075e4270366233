package com.ethiq.app.calls;

import java.time.Duration;

/** A token bucket: {@code permits} per {@code period}, refilled continuously. Thread-safe. */
final class RateGate {
    private final double capacity;
    private final double perNano;
    private double available;
    private long last;

    RateGate(int permits, Duration period) {
        if (permits < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("'permits' must be >= 1 and 'period' positive");
        }
        this.capacity = permits;
        this.perNano = permits / (double) period.toNanos();
        this.available = permits;
        this.last = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        available = Math.min(capacity, available + (now - last) * perNano);
        last = now;
        if (available >= 1) {
            available -= 1;
            return true;
        }
        return false;
    }
}
