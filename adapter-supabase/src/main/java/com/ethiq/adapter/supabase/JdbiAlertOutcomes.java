package com.ethiq.adapter.supabase;

import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AlertOutcomes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@link AlertOutcomes} on PostgreSQL: every outcome of a call to {@link #recordAll} in one transaction (one commit,
 * one fsync, however many sends and tenants), each tenant's statements under its own row-level-security context
 * ({@link TenantTransactions#actAs}). An outcome is the conditional mark ({@code … where status = 'pending'}, as
 * {@link JdbiAlertOutbox}'s), then, only if that mark applied, its usage row and its signed audit entry: all in or,
 * with the transaction, all out. {@link #recordWithAlert} is one transaction in the alert's tenant: the alert inserted
 * as sent ({@code on conflict do nothing}, as {@link JdbiAlertOutbox#enqueueClaimed}'s insert) with its usage row and
 * audit entry, or, if a row is there already, the same conditional mark as above. Thread-safe.
 */
public final class JdbiAlertOutcomes implements AlertOutcomes {
    /**
     * Tenant, then alert: two batches committing at once take the alerts' row locks and the tenants' audit chain locks
     * in the same order, so they never deadlock.
     */
    private static final Comparator<Outcome> LOCK_ORDER = Comparator
            .comparing((Outcome o) -> o.alert().tenant().value())
            .thenComparing(o -> o.alert().id());

    private final TenantTransactions tx;

    JdbiAlertOutcomes(TenantTransactions tx) {
        this.tx = tx;
    }

    @Override
    public List<Outcome> recordAll(List<? extends Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        List<Outcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(LOCK_ORDER);
        return tx.acrossTenants(h -> {
            List<Outcome> recorded = new ArrayList<>();
            TenantId scoped = null;
            for (Outcome outcome : ordered) {
                TenantId tenant = outcome.alert().tenant();
                if (!tenant.equals(scoped)) {
                    tx.actAs(h, tenant);
                    scoped = tenant;
                }
                if (apply(h, outcome)) {
                    recorded.add(outcome);
                }
            }
            return recorded;
        });
    }

    @Override
    public boolean recordWithAlert(Sent outcome) {
        Alert alert = outcome.alert();
        return tx.inTenant(alert.tenant(), h -> {
            // A row being inserted by a write that hung makes this insert wait for its commit (then do nothing), so
            // the mark below sees it. Same order of locks as a batch: the alert's row, then the tenant's audit chain.
            if (!JdbiAlertOutbox.insert(h, outcome.sentAlert(), null)) {
                return apply(h, outcome);
            }
            JdbiUsageLedger.insert(h, outcome.usage());
            AuditRows.appendSigned(h, tx.contextKeys(), outcome.audit());
            return true;
        });
    }

    private boolean apply(Handle h, Outcome outcome) {
        Alert alert = outcome.alert();
        if (outcome instanceof Sent sent) {
            if (!JdbiAlertOutbox.markSent(h, alert.tenant(), alert.id(), sent.at(), sent.providerReference())) {
                return false;
            }
            JdbiUsageLedger.insert(h, sent.usage());
            AuditRows.appendSigned(h, tx.contextKeys(), sent.audit());
            return true;
        }
        if (outcome instanceof Failed failed) {
            if (!JdbiAlertOutbox.markFailed(h, alert.tenant(), alert.id(), failed.at(), failed.error())) {
                return false;
            }
            AuditRows.appendSigned(h, tx.contextKeys(), failed.audit());
            return true;
        }
        Retry retry = (Retry) outcome;
        return JdbiAlertOutbox.markRetry(h, alert.tenant(), alert.id(), retry.nextAttemptAt(), retry.error());
    }
}
