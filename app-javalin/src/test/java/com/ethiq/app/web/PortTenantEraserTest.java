package com.ethiq.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.CallerListing;
import com.ethiq.core.domain.KnownCaller;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryCallLogs;
import com.ethiq.core.fake.InMemoryEmergencyContacts;
import com.ethiq.core.fake.InMemoryKnownCallers;
import com.ethiq.core.fake.InMemoryTenantSecrets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PortTenantEraserTest {
    @Test
    void erasingAnAccountRemovesItsTrustedAndBlockedCallersOnly() {
        InMemoryKnownCallers known = new InMemoryKnownCallers();
        TenantId erased = TenantId.random();
        TenantId other = TenantId.random();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        known.add(new KnownCaller(UUID.randomUUID(), erased, PhoneNumber.of("+33611111111"), "Dr", CallerListing.TRUSTED, t0));
        known.add(new KnownCaller(UUID.randomUUID(), erased, PhoneNumber.of("+33622222222"), "", CallerListing.BLOCKED_REJECT, t0));
        known.add(new KnownCaller(UUID.randomUUID(), other, PhoneNumber.of("+33611111111"), "Dr", CallerListing.TRUSTED, t0));
        PortTenantEraser eraser = new PortTenantEraser(new InMemoryEmergencyContacts(), new InMemoryTenantSecrets(Clock.systemUTC()),
                new InMemoryCallLogs(), known);

        assertThat(eraser.erase(erased, "operator")).containsEntry("knownCallers", 2);

        assertThat(known.list(erased)).isEmpty();
        assertThat(known.list(other)).hasSize(1);
    }

    @Test
    void erasingAnAccountRemovesItsReputationReportsAndOptInAsTheDatabaseEraserDoes() {
        var reports = new com.ethiq.core.fake.InMemoryCallerReports();
        TenantId erased = TenantId.random();
        TenantId other = TenantId.random();
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        String fingerprint = "A".repeat(43);
        reports.setOptIn(erased, true, t0);
        reports.report(new com.ethiq.core.port.CallerReports.Report(erased, com.ethiq.core.domain.CallSid.of("CA1"), fingerprint,
                com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER, java.time.LocalDate.of(2026, 3, 1), t0));
        reports.report(new com.ethiq.core.port.CallerReports.Report(other, com.ethiq.core.domain.CallSid.of("CA2"), fingerprint,
                com.ethiq.core.detection.ScamCategory.FAKE_BANK_ADVISER, java.time.LocalDate.of(2026, 3, 1), t0));
        PortTenantEraser eraser = new PortTenantEraser(new InMemoryEmergencyContacts(), new InMemoryTenantSecrets(Clock.systemUTC()),
                new InMemoryCallLogs(), new InMemoryKnownCallers(), reports);

        assertThat(eraser.erase(erased, "operator")).containsEntry("callerReports", 1);

        assertThat(reports.optedIn(erased)).isFalse();
        assertThat(reports.lookup(fingerprint, java.time.LocalDate.of(2026, 1, 1), 1).accounts()).isEqualTo(1);
    }
}
