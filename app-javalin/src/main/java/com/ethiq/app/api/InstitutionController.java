package com.ethiq.app.api;

import com.ethiq.core.management.backoffice.InstitutionDirectoryService;

/** The platform operators' institution directory (the claim check's data): which version is in use, publish one. */
final class InstitutionController {
    private final InstitutionDirectoryService institutions;

    InstitutionController(InstitutionDirectoryService institutions) {
        this.institutions = institutions;
    }

    ApiResult get(ApiCall call) {
        return ApiResult.ok(ApiViews.InstitutionDirectory.of(institutions.current(call.actor())));
    }

    ApiResult put(ApiCall call) {
        ApiRequests.InstitutionDirectory b = call.body(ApiRequests.InstitutionDirectory.class);
        if (b.text() == null || b.text().isBlank()) {
            throw new IllegalArgumentException("'text' is required: the whole directory, in the bundled file's format");
        }
        return ApiResult.ok(ApiViews.InstitutionDirectory.of(institutions.publish(call.actor(), b.text())));
    }
}
