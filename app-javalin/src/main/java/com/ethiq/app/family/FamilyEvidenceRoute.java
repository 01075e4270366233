package com.ethiq.app.family;

import com.ethiq.app.evidence.EvidencePdf;
import com.ethiq.core.family.FamilyResponse;
import com.ethiq.core.management.backoffice.evidence.EvidencePack;
import com.ethiq.core.management.backoffice.evidence.EvidencePackService;
import com.ethiq.core.management.identity.NotFoundException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/family/{token}/evidence.pdf}: the evidence pack of the link's call, for the relative to hand to the
 * bank or the police, once the call is over and was judged scam or suspect. The link's own check stands in for a
 * membership ({@link FamilyResponse#evidenceAccess}); the download is audited with the contact as actor. Anything
 * else (unknown, expired or revoked link, call still live, call judged clear) gets the plain expiry page as a 404,
 * and counts as a miss in the source's budget, like the page's own lookups. A GET never acts beyond that audit entry.
 */
public final class FamilyEvidenceRoute {
    public static final String PATH = "/api/family/{token}/evidence.pdf";
    /** A PDF is heavier than the page's state: a few per minute per source are plenty for a person. */
    static final int REQUESTS_PER_MINUTE = 10;

    private final FamilyResponse family;
    private final java.util.function.Function<Context, String> clientIp;
    private final EvidencePackService evidence;
    private final FamilyBudget requests;
    private final FamilyBudget misses;
    private final byte[] gonePage;

    /** {@code clientIp}: the API's (proxy-aware) client address, the key of the per-address budgets. */
    public FamilyEvidenceRoute(FamilyResponse family, EvidencePackService evidence, Clock clock,
                               java.util.function.Function<Context, String> clientIp) {
        this.clientIp = Objects.requireNonNull(clientIp, "'clientIp' must not be null");
        this.family = Objects.requireNonNull(family, "'family' must not be null");
        this.evidence = Objects.requireNonNull(evidence, "'evidence' must not be null");
        this.requests = new FamilyBudget(REQUESTS_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.misses = new FamilyBudget(FamilyRoutes.MISSES_PER_MINUTE, Duration.ofMinutes(1), clock);
        this.gonePage = FamilyRoutes.resource("/web/family-gone.html");
    }

    public void register(JavalinConfig c) {
        c.routes.get(PATH, this::pdf);
    }

    private void pdf(Context ctx) {
        FamilyRoutes.secure(ctx);
        String source = clientIp.apply(ctx);
        Optional<Duration> wait = misses.exhausted(source).or(() -> requests.take(source));
        if (wait.isPresent()) {
            ctx.status(429).header("Retry-After", Long.toString(Math.max(1, wait.get().toSeconds())))
                    .contentType("text/html; charset=utf-8").result(gonePage);
            return;
        }
        Optional<FamilyResponse.EvidenceAccess> access = family.evidenceAccess(ctx.pathParam("token"));
        EvidencePack pack = null;
        if (access.isPresent()) {
            FamilyResponse.EvidenceAccess a = access.get();
            try {
                pack = evidence.downloadForFamilyLink(a.tenant(), a.callSid(), a.actor(), "pdf");
            } catch (NotFoundException e) {
                pack = null; // erased since the link was resolved
            }
        }
        if (pack == null) {
            misses.take(source);
            ctx.status(404).contentType("text/html; charset=utf-8").result(gonePage);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"ethiq-evidence-" + pack.call().callSid() + ".pdf\"");
        ctx.status(200).contentType("application/pdf").result(EvidencePdf.render(pack));
    }
}
