package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutbox;
import java.util.List;

/** Use case: an account's recent alerts, newest first. Thread-safe. */
public final class AlertQueryService {
    public static final int MAX_LIMIT = 500;
    private final AlertOutbox alerts;
    private final AccessPolicy access;

    public AlertQueryService(AlertOutbox alerts, AccessPolicy access) {
        this.alerts = alerts;
        this.access = access;
    }

    /** The alerts and whether the caller reads them as an operator (then recipients are masked by the host). */
    public record AlertList(List<Alert> alerts, boolean viaOperator) {
        public AlertList {
            alerts = List.copyOf(alerts);
        }
    }

    public AlertList recent(Actor actor, TenantId tenant, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("'limit' must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        AccessPolicy.Access a = access.require(actor, tenant, Permission.ALERTS_READ);
        return new AlertList(alerts.recent(tenant, limit), a.viaOperator());
    }
}
