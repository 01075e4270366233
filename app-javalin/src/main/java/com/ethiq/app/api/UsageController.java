package com.ethiq.app.api;

import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.management.backoffice.UsageService;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Monthly usage figures and their CSV export. */
final class UsageController {
    private final UsageService usage;
    private final Clock clock;

    UsageController(UsageService usage, Clock clock) {
        this.usage = usage;
        this.clock = clock;
    }

    ApiResult monthly(ApiCall call) {
        var tenant = call.account();
        return ApiResult.ok(ApiViews.Usage.of(usage.monthly(call.actor(), tenant, month(call))));
    }

    ApiResult export(ApiCall call) {
        var tenant = call.account();
        YearMonth month = month(call);
        List<UsageEvent> events = usage.export(call.actor(), tenant, month);
        CsvWriter csv = new CsvWriter().row(List.of("event_id", "occurred_at", "kind", "quantity", "unit", "call_sid", "detail"));
        for (UsageEvent e : events) {
            csv.row(List.of(e.id().toString(), e.at().toString(), e.kind().wire(), Long.toString(e.quantity()), unit(e),
                    e.callSid() == null ? "" : e.callSid().value(), e.detail()));
        }
        return ApiResult.raw(csv.bytes(), "text/csv; charset=utf-8", Map.of("Content-Disposition",
                "attachment; filename=\"usage-" + tenant.value() + "-" + month + ".csv\""));
    }

    private static String unit(UsageEvent e) {
        return switch (e.kind()) {
            case SPEECH_MILLIS, CALL_MILLIS -> "ms";
            case AI_PROMPT_TOKENS, AI_COMPLETION_TOKENS -> "tokens";
            default -> "count";
        };
    }

    private YearMonth month(ApiCall call) {
        String m = call.query("month");
        if (m == null) {
            return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        }
        try {
            return YearMonth.parse(m);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'month' must look like 2025-03");
        }
    }
}
