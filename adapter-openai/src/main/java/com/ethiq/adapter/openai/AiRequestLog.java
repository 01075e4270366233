package com.ethiq.adapter.openai;

/**
 * Listener told about every AI analysis request, successful or not, so the application can keep a per-tenant request
 * log for billing and monitoring. Called synchronously on the analysing thread after the outcome is known: keep it
 * fast (enqueue, don't write to a database inline). Exceptions it throws are logged and ignored. Implementations must
 * be thread-safe.
 */
@FunctionalInterface
public interface AiRequestLog {

    /** Ignores every record. */
    AiRequestLog NONE = record -> {
    };

    void record(AiRequestRecord record);
}
