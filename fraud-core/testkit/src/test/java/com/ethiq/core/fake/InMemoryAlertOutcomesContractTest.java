package com.ethiq.core.fake;

import com.ethiq.core.contract.AlertOutcomesContract;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageSummary;
import com.ethiq.core.port.UsageLedger;
import com.ethiq.core.usecase.ComposedAlertOutcomes;
import java.time.YearMonth;
import java.util.List;

/** The in-memory stores' unit of work: {@link ComposedAlertOutcomes} over the in-memory outbox, ledger and trail. */
class InMemoryAlertOutcomesContractTest extends AlertOutcomesContract {
    @Override
    protected Subject create() {
        InMemoryAlertOutbox outbox = new InMemoryAlertOutbox();
        UsageLedger usage = new RefusingLedger(new InMemoryUsageLedger());
        InMemoryAuditTrail audit = new InMemoryAuditTrail();
        return new Subject(new ComposedAlertOutcomes(outbox, usage, audit), outbox, usage, audit);
    }

    @Override
    protected TenantId newTenant() {
        return TenantId.random();
    }

    /** The in-memory ledger, refusing the contract's poisoned events as a failing store would. */
    private record RefusingLedger(UsageLedger ledger) implements UsageLedger {
        @Override
        public void record(UsageEvent event) {
            if (POISONED_DETAIL.equals(event.detail())) {
                throw new IllegalStateException("refused: " + event.detail());
            }
            ledger.record(event);
        }

        @Override
        public UsageSummary monthly(TenantId tenant, YearMonth month) {
            return ledger.monthly(tenant, month);
        }

        @Override
        public List<UsageEvent> events(TenantId tenant, YearMonth month) {
            return ledger.events(tenant, month);
        }
    }
}
