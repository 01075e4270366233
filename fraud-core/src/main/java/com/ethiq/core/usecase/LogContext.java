package com.ethiq.core.usecase;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import org.slf4j.MDC;

/**
 * Puts the tenant and call ids in the logging context (SLF4J MDC keys {@value #TENANT} and {@value #CALL}) for the
 * time of one piece of work, so every log line of a call — whichever thread writes it — can be filtered per tenant
 * and per call; the JSON log layout emits them as fields. Restores what the thread had before on close, so nested and
 * pooled use never leak ids to the next task. Use with try-with-resources; not shared between threads.
 */
public final class LogContext implements AutoCloseable {
    public static final String TENANT = "tenant";
    public static final String CALL = "call";

    private final String previousTenant;
    private final String previousCall;

    private LogContext(String tenant, String call) {
        this.previousTenant = MDC.get(TENANT);
        this.previousCall = MDC.get(CALL);
        put(TENANT, tenant);
        put(CALL, call);
    }

    /** The context of one call of one tenant; either may be null when not known yet. */
    public static LogContext of(TenantId tenant, CallSid call) {
        return new LogContext(tenant == null ? null : tenant.toString(), call == null ? null : call.value());
    }

    /** The context of one tenant's work outside any call. */
    public static LogContext of(TenantId tenant) {
        return of(tenant, null);
    }

    @Override
    public void close() {
        put(TENANT, previousTenant);
        put(CALL, previousCall);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
