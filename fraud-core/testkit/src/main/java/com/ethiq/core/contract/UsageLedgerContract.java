package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.callSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.UsageEvent;
import com.ethiq.core.domain.UsageKind;
import com.ethiq.core.port.UsageLedger;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link UsageLedger} must do. Unique ids per test, so it can run against a shared database. */
public abstract class UsageLedgerContract {

    protected abstract UsageLedger create();

    /** A tenant that exists in the store the usage belongs to. */
    protected abstract TenantId newTenant();

    private static final YearMonth MARCH = YearMonth.of(2026, 3);

    protected UsageLedger ledger;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpLedger() {
        ledger = create();
        a = newTenant();
        b = newTenant();
    }

    private static UsageEvent event(TenantId tenant, UsageKind kind, long quantity, String at) {
        return new UsageEvent(UUID.randomUUID(), tenant, callSid(), kind, quantity, Instant.parse(at), "test");
    }

    @Test
    void monthlyTotalsAddUpEachKindOfTheMonth() {
        ledger.record(event(a, UsageKind.SPEECH_MILLIS, 60_000, "2026-03-02T10:00:00Z"));
        ledger.record(event(a, UsageKind.SPEECH_MILLIS, 30_500, "2026-03-20T10:00:00Z"));
        ledger.record(event(a, UsageKind.AI_PROMPT_TOKENS, 812, "2026-03-20T10:00:01Z"));
        ledger.record(event(a, UsageKind.SMS_SENT, 2, "2026-03-20T10:00:02Z"));
        ledger.record(event(a, UsageKind.SMS_SENT, 5, "2026-04-01T00:00:00Z"));
        ledger.record(event(b, UsageKind.SMS_SENT, 9, "2026-03-20T10:00:02Z"));

        var march = ledger.monthly(a, MARCH);
        assertThat(march.tenant()).isEqualTo(a);
        assertThat(march.month()).isEqualTo(MARCH);
        assertThat(march.total(UsageKind.SPEECH_MILLIS)).isEqualTo(90_500);
        assertThat(march.total(UsageKind.AI_PROMPT_TOKENS)).isEqualTo(812);
        assertThat(march.total(UsageKind.SMS_SENT)).isEqualTo(2);
        assertThat(march.total(UsageKind.CALLS)).isZero();
        assertThat(ledger.monthly(a, MARCH.plusMonths(1)).total(UsageKind.SMS_SENT)).isEqualTo(5);
    }

    @Test
    void everyKindIsKeptAndSummedOnItsOwn() {
        UsageKind[] kinds = UsageKind.values();
        for (int i = 0; i < kinds.length; i++) {
            ledger.record(event(a, kinds[i], 1000L + i, "2026-03-02T10:00:00Z"));
        }
        var march = ledger.monthly(a, MARCH);
        for (int i = 0; i < kinds.length; i++) {
            assertThat(march.total(kinds[i])).as(kinds[i].wire()).isEqualTo(1000L + i);
        }
        assertThat(ledger.events(a, MARCH)).extracting(UsageEvent::kind).containsExactlyInAnyOrder(kinds);
    }

    @Test
    void monthsAreCalendarMonthsInUtc() {
        UsageEvent lastSecondOfMarch = event(a, UsageKind.CALLS, 1, "2026-03-31T23:59:59Z");
        UsageEvent firstSecondOfApril = event(a, UsageKind.CALLS, 1, "2026-04-01T00:00:00Z");
        UsageEvent lastSecondOfFebruary = event(a, UsageKind.CALLS, 1, "2026-02-28T23:59:59Z");
        ledger.record(lastSecondOfMarch);
        ledger.record(firstSecondOfApril);
        ledger.record(lastSecondOfFebruary);

        assertThat(ledger.events(a, MARCH)).containsExactly(lastSecondOfMarch);
        assertThat(ledger.events(a, MARCH.plusMonths(1))).containsExactly(firstSecondOfApril);
        assertThat(ledger.events(a, MARCH.minusMonths(1))).containsExactly(lastSecondOfFebruary);
    }

    @Test
    void eventsAreListedOldestFirstWhateverTheOrderTheyWereRecordedIn() {
        UsageEvent second = event(a, UsageKind.AI_REQUESTS, 1, "2026-03-10T10:00:00Z");
        UsageEvent first = event(a, UsageKind.CALLS, 1, "2026-03-05T10:00:00Z");
        UsageEvent third = new UsageEvent(UUID.randomUUID(), a, null, UsageKind.ANNOUNCEMENTS, 1,
                Instant.parse("2026-03-15T10:00:00Z"), null);
        ledger.record(second);
        ledger.record(first);
        ledger.record(third);

        assertThat(ledger.events(a, MARCH)).containsExactly(first, second, third);
    }

    @Test
    void recordingTheSameEventTwiceKeepsOne() {
        UsageEvent e = event(a, UsageKind.SPEECH_MILLIS, 1000, "2026-03-02T10:00:00Z");
        ledger.record(e);
        ledger.record(e);

        assertThat(ledger.events(a, MARCH)).containsExactly(e);
        assertThat(ledger.monthly(a, MARCH).total(UsageKind.SPEECH_MILLIS)).isEqualTo(1000);
    }

    @Test
    void eventIdsAreScopedToTheirTenant() {
        UsageEvent mine = event(a, UsageKind.SMS_SENT, 1, "2026-03-02T10:00:00Z");
        UsageEvent theirsWithSameId = new UsageEvent(mine.id(), b, null, UsageKind.SMS_SENT, 4,
                Instant.parse("2026-03-02T10:00:00Z"), "");
        ledger.record(mine);
        ledger.record(theirsWithSameId);

        assertThat(ledger.events(a, MARCH)).containsExactly(mine);
        assertThat(ledger.events(b, MARCH)).containsExactly(theirsWithSameId);
    }

    @Test
    void anotherTenantsUsageIsInvisible() {
        ledger.record(event(b, UsageKind.SMS_SENT, 3, "2026-03-02T10:00:00Z"));

        assertThat(ledger.events(a, MARCH)).isEmpty();
        assertThat(ledger.monthly(a, MARCH).total(UsageKind.SMS_SENT)).isZero();
    }
}
