package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static com.ethiq.core.contract.ContractFixtures.callSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.CallerReports;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CallerReports} must do. Unique fingerprints per test, so it can run against a shared database. */
public abstract class CallerReportsContract {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    protected abstract CallerReports create();

    /** A tenant that exists in the store the reports belong to. */
    protected abstract TenantId newTenant();

    protected CallerReports reports;
    private String fingerprint;

    @BeforeEach
    void setUpReports() {
        reports = create();
        fingerprint = fingerprint();
    }

    protected static String fingerprint() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private CallSid report(TenantId tenant, ScamCategory category, LocalDate day) {
        CallSid sid = callSid();
        assertThat(reports.report(new CallerReports.Report(tenant, sid, fingerprint, category, day, T0))).isTrue();
        return sid;
    }

    @Test
    void countsDistinctAccountsPerDayAndPerCategory() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        TenantId c = newTenant();
        report(a, ScamCategory.FAKE_BANK_ADVISER, DAY);
        report(a, ScamCategory.FAKE_BANK_ADVISER, DAY.plusDays(1));
        report(b, ScamCategory.FAKE_BANK_ADVISER, DAY.plusDays(1));
        report(c, ScamCategory.FAKE_POLICE, DAY.plusDays(2));

        CallerReports.Counts counts = reports.lookup(fingerprint, DAY, 3);

        assertThat(counts.accounts()).isEqualTo(3);
        assertThat(counts.perDay()).isEqualTo(Map.of(DAY, 1, DAY.plusDays(1), 2, DAY.plusDays(2), 1));
        assertThat(counts.categories()).isEqualTo(Map.of(ScamCategory.FAKE_BANK_ADVISER, 3, ScamCategory.FAKE_POLICE, 1));
        assertThat(reports.lookup(fingerprint(), DAY, 1)).isEqualTo(CallerReports.Counts.NONE);
    }

    @Test
    void belowTheAccountThresholdNothingIsRevealedHoweverManyReportsOneAccountMakes() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        for (int i = 0; i < 5; i++) {
            report(a, ScamCategory.FAKE_BANK_ADVISER, DAY);
        }
        report(b, ScamCategory.FAKE_BANK_ADVISER, DAY);

        assertThat(reports.lookup(fingerprint, DAY, 3)).isEqualTo(CallerReports.Counts.NONE);
        assertThat(reports.lookup(fingerprint, DAY, 2).accounts()).isEqualTo(2);
    }

    @Test
    void reportsBeforeTheWindowNoLongerCount() {
        report(newTenant(), ScamCategory.FAKE_BANK_ADVISER, DAY.minusDays(40));
        report(newTenant(), ScamCategory.FAKE_BANK_ADVISER, DAY);
        report(newTenant(), ScamCategory.FAKE_BANK_ADVISER, DAY);

        assertThat(reports.lookup(fingerprint, DAY.minusDays(29), 3)).isEqualTo(CallerReports.Counts.NONE);
        assertThat(reports.lookup(fingerprint, DAY.minusDays(40), 3).accounts()).isEqualTo(3);
    }

    @Test
    void aCallIsReportedOnceAndAWithdrawalRemovesOnlyThatAccountsReport() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        TenantId c = newTenant();
        CallSid sid = report(a, ScamCategory.FAKE_BANK_ADVISER, DAY);
        assertThat(reports.report(new CallerReports.Report(a, sid, fingerprint, ScamCategory.FAKE_POLICE, DAY, T0))).isFalse();
        CallSid bSid = report(b, ScamCategory.FAKE_BANK_ADVISER, DAY);
        report(c, ScamCategory.FAKE_BANK_ADVISER, DAY);
        assertThat(reports.lookup(fingerprint, DAY, 3).accounts()).isEqualTo(3);

        assertThat(reports.withdraw(a, bSid)).as("another account's call").isFalse();
        assertThat(reports.withdraw(a, sid)).isTrue();
        assertThat(reports.withdraw(a, sid)).isFalse();

        assertThat(reports.lookup(fingerprint, DAY, 3)).isEqualTo(CallerReports.Counts.NONE);
    }

    @Test
    void erasingAnAccountRemovesItsReportsAndOptInAndNothingOfOthers() {
        TenantId erased = newTenant();
        TenantId b = newTenant();
        TenantId c = newTenant();
        TenantId d = newTenant();
        reports.setOptIn(erased, true, T0);
        reports.setOptIn(b, true, T0);
        report(erased, ScamCategory.FAKE_BANK_ADVISER, DAY);
        report(erased, ScamCategory.FAKE_POLICE, DAY.plusDays(1));
        report(b, ScamCategory.FAKE_BANK_ADVISER, DAY);
        report(c, ScamCategory.FAKE_BANK_ADVISER, DAY);
        assertThat(reports.lookup(fingerprint, DAY, 3).accounts()).isEqualTo(3);

        assertThat(reports.erase(erased)).isEqualTo(2);

        assertThat(reports.lookup(fingerprint, DAY, 3)).as("below the threshold without the erased account").isEqualTo(CallerReports.Counts.NONE);
        assertThat(reports.lookup(fingerprint, DAY, 2).accounts()).isEqualTo(2);
        assertThat(reports.optedIn(erased)).isFalse();
        assertThat(reports.optedIn(b)).isTrue();
        assertThat(reports.erase(erased)).isZero();
        assertThat(reports.erase(d)).isZero();
    }

    @Test
    void accountsAreOptedOutUntilTheyOptIn() {
        TenantId a = newTenant();
        TenantId b = newTenant();
        assertThat(reports.optedIn(a)).isFalse();

        reports.setOptIn(a, true, T0);
        reports.setOptIn(a, true, T0);

        assertThat(reports.optedIn(a)).isTrue();
        assertThat(reports.optedIn(b)).isFalse();
        reports.setOptIn(a, false, T0);
        assertThat(reports.optedIn(a)).isFalse();
    }
}
