package com.ethiq.adapter.supabase;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static com.ethiq.core.contract.ContractFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.adapter.supabase.testkit.TestDatabase;
import com.ethiq.core.contract.AlertOutcomesContract;
import com.ethiq.core.domain.Alert;
import com.ethiq.core.domain.AlertRecipient;
import com.ethiq.core.domain.AlertStatus;
import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.AlertOutcomes;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on PostgreSQL, in a database of its own: a trigger there refuses the contract's poisoned usage rows,
 * as a failing write inside the outcome's transaction would (kept out of the shared database, whose catalog other
 * tests check). Plus what only a transactional store promises: a refused batch writes none of its outcomes.
 */
class JdbiAlertOutcomesContractTest extends AlertOutcomesContract {
    private static TestDatabase.Database db;

    @BeforeAll
    static void database() throws Exception {
        db = TestDatabase.shared().freshDatabase();
        try (Connection c = db.superuserDataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    create function ethiq.contract_refuse_usage() returns trigger language plpgsql as $$
                    begin
                        raise exception 'refused by the contract test';
                    end $$""");
            st.execute("create trigger contract_refuse_usage before insert on ethiq.usage_events for each row"
                    + " when (new.detail = '" + POISONED_DETAIL + "') execute function ethiq.contract_refuse_usage()");
        }
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @Override
    protected Subject create() {
        var store = db.store();
        return new Subject(store.alertOutcomes(), store.alertOutbox(), store.usageLedger(), store.auditTrail());
    }

    @Override
    protected TenantId newTenant() {
        return db.newTenant();
    }

    @Test
    void aRefusedBatchWritesNoneOfItsOutcomes() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        Alert good = claimed(a);
        Alert poisoned = claimed(b);

        assertThatThrownBy(() -> s.outcomes().recordAll(List.of(sent(good, "sms"), sent(poisoned, POISONED_DETAIL))))
                .isInstanceOf(RuntimeException.class);

        assertThat(s.outbox().forCall(a, good.callSid())).singleElement().extracting(Alert::status).isEqualTo(AlertStatus.PENDING);
        assertThat(s.usage().events(a, YearMonth.from(T0.atZone(ZoneOffset.UTC)))).isEmpty();
        assertThat(s.audit().recent(a, 10)).noneMatch(e -> e.target().equals(good.id().toString()));
        // recorded one by one, as the dispatcher falls back to: the good one goes in
        assertThat(s.outcomes().record(sent(good, "sms"))).isTrue();
    }

    private Alert claimed(TenantId tenant) {
        Alert alert = new Alert(UUID.randomUUID(), tenant, callSid(), new AlertRecipient.Phone(phone()), "Alerte",
                Language.FRENCH, AlertStatus.PENDING, 1, T0, T0, null, null, null);
        s.outbox().enqueueClaimed(List.of(alert), T0.plusSeconds(60));
        return alert;
    }

    private static AlertOutcomes.Sent sent(Alert alert, String detail) {
        return new AlertOutcomes.Sent(alert, T0.plusSeconds(1), "SM" + alert.id(),
                new UsageEvent(UUID.randomUUID(), alert.tenant(), alert.callSid(), UsageKind.SMS_SENT, 1, T0.plusSeconds(1), detail),
                AuditEvent.system(UUID.randomUUID(), alert.tenant(), "alert.sent", alert.id().toString(), T0.plusSeconds(1),
                        Map.of("kind", "sms")));
    }
}
