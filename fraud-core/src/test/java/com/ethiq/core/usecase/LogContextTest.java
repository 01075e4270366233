package com.ethiq.core.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
    private final TenantId tenantA = TenantId.of(UUID.randomUUID().toString());
    private final TenantId tenantB = TenantId.of(UUID.randomUUID().toString());

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void setsTheIdsForTheScopeAndRemovesThemAfter() {
        try (LogContext ignored = LogContext.of(tenantA, CallSid.of("CA0001"))) {
            assertThat(MDC.get(LogContext.TENANT)).isEqualTo(tenantA.toString());
            assertThat(MDC.get(LogContext.CALL)).isEqualTo("CA0001");
        }
        assertThat(MDC.get(LogContext.TENANT)).isNull();
        assertThat(MDC.get(LogContext.CALL)).isNull();
    }

    @Test
    void nestedScopesRestoreTheOuterOneSoAPooledThreadNeverKeepsAnotherCallsIds() {
        try (LogContext outer = LogContext.of(tenantA, CallSid.of("CA0001"))) {
            try (LogContext inner = LogContext.of(tenantB)) {
                assertThat(MDC.get(LogContext.TENANT)).isEqualTo(tenantB.toString());
                assertThat(MDC.get(LogContext.CALL)).as("a tenant-only scope hides the outer call").isNull();
            }
            assertThat(MDC.get(LogContext.TENANT)).isEqualTo(tenantA.toString());
            assertThat(MDC.get(LogContext.CALL)).isEqualTo("CA0001");
        }
        assertThat(MDC.getCopyOfContextMap()).doesNotContainKeys(LogContext.TENANT, LogContext.CALL);
    }
}
