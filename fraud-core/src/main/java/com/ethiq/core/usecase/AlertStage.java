package com.ethiq.core.usecase;

/**
 * Where a scam's alerts are between the verdict and the provider, for latency metrics ({@link CallObserver#alertStage}):
 * the tail of "verdict → SMS request" is the sum of these waits, and each one has its own queue.
 */
public enum AlertStage {
    /** The alerts' write began on a store thread: what was before is the call's earlier writes and the store pool's queue. */
    RECORD_STARTED,
    /** The alerts' transaction committed and the raising thread saw it (or gave up waiting: sent from memory). */
    RECORDED,
    /** One alert's send began on a send thread: what was before is the send pool's queue. */
    SEND_STARTED
}
