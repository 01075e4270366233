package com.ethiq.app.api;

import com.ethiq.app.security.HashingBusyException;
import com.ethiq.core.management.identity.AuthenticationFailedException;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.backoffice.NoNumberAvailableException;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.StepUpRequiredException;
import com.ethiq.core.management.identity.TooManyAttemptsException;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.PersistenceException;
import com.ethiq.core.port.VendorException;
import com.ethiq.core.management.onboarding.OnboardingUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps what a use case threw to a status, a problem body and headers (Retry-After, WWW-Authenticate). Unexpected
 * failures become a bare 500 with an incident id that is also logged; nothing internal reaches the client.
 * Stateless.
 */
final class ProblemMapper {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);

    private ProblemMapper() {
    }

    /** The status, body and extra headers of one failure. */
    record Mapped(Problem problem, Map<String, String> headers) {
    }

    static Mapped map(Throwable t, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        Problem p;
        if (t instanceof FieldProblem e) {
            p = Problem.of(400, e.slug(), "Invalid request", e.getMessage(), path).withErrors(e.errors());
        } else if (t instanceof ApiException e) {
            p = Problem.of(e.status(), e.slug(), e.status() == 413 ? "Payload too large" : "Invalid request", e.getMessage(), path);
            if (e.status() == 400 && "validation".equals(e.slug())) {
                p = p.withErrors(FieldErrors.of(e.getMessage()));
            }
        } else if (t instanceof IllegalArgumentException e) {
            p = Problem.of(400, "validation", "Invalid request", e.getMessage(), path).withErrors(FieldErrors.of(e.getMessage()));
        } else if (t instanceof StepUpRequiredException e) {
            headers.put("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", max_age=" + e.maxAge().toSeconds());
            p = Problem.of(401, "step-up-required", "Re-authentication required", e.getMessage(), path);
        } else if (t instanceof AuthenticationFailedException) {
            headers.put("WWW-Authenticate", "Bearer");
            p = Problem.of(401, "unauthenticated", "Unauthenticated", AuthenticationFailedException.MESSAGE, path);
        } else if (t instanceof ForbiddenException e) {
            p = Problem.of(403, "forbidden", "Forbidden", e.getMessage(), path);
        } else if (t instanceof NotFoundException e) {
            p = Problem.of(404, "not-found", "Not found", e.getMessage(), path);
        } else if (t instanceof ConflictException e) {
            p = Problem.of(409, "conflict", "Conflict", e.getMessage(), path);
        } else if (t instanceof TooManyAttemptsException e) {
            headers.put("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            p = Problem.of(429, "too-many-attempts", "Too many attempts", e.getMessage(), path);
        } else if (t instanceof NoNumberAvailableException e) {
            headers.put("Retry-After", "3600");
            p = Problem.of(503, "no-number-available", "No phone number available", e.getMessage(), path);
        } else if (t instanceof OnboardingUnavailableException e) {
            p = Problem.of(503, "onboarding-off", "Number onboarding not configured", e.getMessage(), path);
        } else if (t instanceof VendorException e) {
            // adapter messages are redacted (numbers masked, no credentials); the operator needs the reason
            log.warn("telephony provider failure on {}: {}", path, e.getMessage());
            p = Problem.of(502, "telephony-provider", "Telephony provider error", e.getMessage()
                    + (e.vendorCode() == null ? "" : " (code " + e.vendorCode() + ")"), path);
        } else if (t instanceof HashingBusyException e) {
            headers.put("Retry-After", "2");
            p = Problem.of(503, "busy", "Service busy", e.getMessage(), path);
        } else if (t instanceof PersistenceException) {
            String incident = UUID.randomUUID().toString();
            log.error("store unavailable (incident {}) on {}", incident, path, t);
            headers.put("Retry-After", "5");
            p = Problem.of(503, "unavailable", "Service unavailable", "please retry; incident " + incident, path);
        } else {
            String incident = UUID.randomUUID().toString();
            log.error("unexpected failure (incident {}) on {}", incident, path, t);
            p = Problem.of(500, "internal", "Internal error", "incident " + incident, path);
        }
        return new Mapped(p, headers);
    }
}
