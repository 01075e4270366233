package com.ethiq.app.api;

import com.ethiq.app.evidence.EvidencePdf;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.management.backoffice.evidence.EvidencePack;
import com.ethiq.core.management.backoffice.evidence.EvidencePackService;
import java.util.Map;

/** The evidence pack of a scam call, as PDF or JSON (both audited by the use case). */
final class EvidenceController {
    private final EvidencePackService evidence;

    EvidenceController(EvidencePackService evidence) {
        this.evidence = evidence;
    }

    ApiResult pdf(ApiCall call) {
        CallSid sid = call.callSid();
        EvidencePack pack = evidence.download(call.actor(), call.account(), sid, "pdf");
        return ApiResult.raw(EvidencePdf.render(pack), "application/pdf", headers(sid, "pdf"));
    }

    ApiResult json(ApiCall call) {
        CallSid sid = call.callSid();
        EvidencePack pack = evidence.download(call.actor(), call.account(), sid, "json");
        return new ApiResult(200, pack, null, null, headers(sid, "json"));
    }

    private static Map<String, String> headers(CallSid sid, String ext) {
        // Evidence holds transcript excerpts: never cached by a browser or a proxy.
        return Map.of("Content-Disposition", "attachment; filename=\"ethiq-evidence-" + sid.value() + "." + ext + "\"",
                "Cache-Control", "no-store");
    }
}
