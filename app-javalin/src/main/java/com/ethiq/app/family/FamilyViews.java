package com.ethiq.app.family;

import com.ethiq.core.family.CallView;
import com.ethiq.core.family.FamilyOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the family page: one call's view, and the answer to an action. Instants as ISO-8601 text. */
final class FamilyViews {
    private FamilyViews() {
    }

    static Map<String, Object> view(CallView v, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", v.language());
        m.put("protectedName", v.protectedName());
        m.put("protectedPhone", v.protectedPhone());
        m.put("recipientName", v.recipientName());
        m.put("scamKind", v.scamKind());
        m.put("why", v.why());
        m.put("startedAt", v.startedAt().toString());
        m.put("endedAt", v.endedAt() == null ? null : v.endedAt().toString());
        m.put("live", v.live());
        m.put("warningPlayed", v.warningPlayed());
        m.put("alerted", v.alerted());
        m.put("done", v.done().stream().map(d -> Map.of("action", d.action(), "by", d.by(), "at", d.at().toString())).toList());
        m.put("handledBy", v.handledBy());
        m.put("available", List.copyOf(v.available()).stream().sorted().toList());
        m.put("evidence", v.evidence());
        m.put("now", now.toString());
        return m;
    }

    /** {@code result}: done, already-done, not-now or failed; {@code reason} for the last two. */
    static Map<String, Object> action(FamilyOutcome outcome, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (outcome instanceof FamilyOutcome.Done d) {
            m.put("result", "done");
            m.put("action", d.action());
            m.put("view", view(d.view(), now));
        } else if (outcome instanceof FamilyOutcome.AlreadyDone d) {
            m.put("result", "already-done");
            m.put("action", d.action());
            m.put("view", view(d.view(), now));
        } else if (outcome instanceof FamilyOutcome.NotNow n) {
            m.put("result", "not-now");
            m.put("action", n.action());
            m.put("reason", n.reason());
            m.put("view", view(n.view(), now));
        } else if (outcome instanceof FamilyOutcome.Failed f) {
            m.put("result", "failed");
            m.put("action", f.action());
            m.put("reason", f.reason());
            m.put("view", view(f.view(), now));
        }
        return m;
    }

    static int status(FamilyOutcome outcome) {
        if (outcome instanceof FamilyOutcome.NotNow) {
            return 409;
        }
        if (outcome instanceof FamilyOutcome.Failed) {
            return 502;
        }
        if (outcome instanceof FamilyOutcome.Gone) {
            return 410;
        }
        if (outcome instanceof FamilyOutcome.Unknown) {
            return 404;
        }
        return 200;
    }
}
