package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.AuditChainVerifier;
import com.ethiq.core.management.backoffice.AuditService;
import com.ethiq.core.management.backoffice.Page;
import com.ethiq.core.management.backoffice.ChainedAuditEvent;
import java.util.Optional;
import java.util.regex.Pattern;

/** The audit log of an account and the verification of its hash chain. */
final class AuditController {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    ApiResult list(ApiCall call) {
        var tenant = call.account();
        Page<ChainedAuditEvent> page = audit.list(call.actor(), tenant, call.longQuery("before"),
                call.intQuery("limit", 100, 1, AuditService.MAX_LIMIT));
        return ApiResult.ok(new ApiViews.AuditPage(page.items().stream().map(ApiViews.AuditEntry::of).toList(), page.nextCursor()));
    }

    ApiResult verify(ApiCall call) {
        var tenant = call.account();
        Optional<AuditChainVerifier.Anchor> anchor = call.optionalBody(ApiRequests.VerifyAudit.class).map(b -> {
            if (b.anchorSequence() == null || b.anchorHash() == null || b.anchorSequence() < 1 || !HEX64.matcher(b.anchorHash()).matches()) {
                throw ApiException.badRequest("'anchorSequence' (>= 1) and 'anchorHash' (64 hex digits) go together");
            }
            return new AuditChainVerifier.Anchor(b.anchorSequence(), b.anchorHash());
        });
        return ApiResult.ok(ApiViews.Verification.of(audit.verify(call.actor(), tenant, anchor)));
    }
}
