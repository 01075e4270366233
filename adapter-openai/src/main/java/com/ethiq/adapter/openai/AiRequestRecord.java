package com.ethiq.adapter.openai;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One AI analysis request, for a per-tenant request log and billing. Holds ids, counts and timings only: never the
 * transcript, the prompt, the answer text or a key.
 *
 * @param model       the model that answered (as the vendor reports it), else the configured one
 * @param attempts    HTTP requests sent (0 when refused before sending)
 * @param tenantKey   whether the tenant's own API key was used (its own vendor bill) rather than the platform's
 * @param vendorCode  the vendor's error code or ours (see {@link AiOutcome#code()}); null on success
 * @param redactions  personal-data values replaced before sending
 */
public record AiRequestRecord(TenantId tenant, CallSid callSid, Instant at, String model, Duration latency, int attempts,
                              long promptTokens, long completionTokens, AiOutcome outcome, String vendorCode,
                              boolean tenantKey, int redactions) {
    public AiRequestRecord {
        Objects.requireNonNull(tenant, "'tenant' must not be null");
        Objects.requireNonNull(callSid, "'callSid' must not be null");
        Objects.requireNonNull(at, "'at' must not be null");
        Objects.requireNonNull(model, "'model' must not be null");
        Objects.requireNonNull(latency, "'latency' must not be null");
        Objects.requireNonNull(outcome, "'outcome' must not be null");
        if (attempts < 0 || promptTokens < 0 || completionTokens < 0 || redactions < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
