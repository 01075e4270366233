package com.ethiq.core.contract;

import static com.ethiq.core.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.port.AuditTrail;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditTrail} must do. Unique ids per test, so it can run against a shared database. A store may
 * write entries of its own (a durable store audits the platform work that created the tenant), always older than
 * the test's: assertions look at the entries this test appended.
 */
public abstract class AuditTrailContract {

    protected abstract AuditTrail create();

    /** A tenant that exists in the store the events belong to. */
    protected abstract TenantId newTenant();

    protected AuditTrail trail;
    private TenantId a;
    private TenantId b;

    @BeforeEach
    void setUpTrail() {
        trail = create();
        a = newTenant();
        b = newTenant();
    }

    /** The tenant's recent entries that this test appended (the store's own entries left out). */
    private List<AuditEvent> appended(TenantId tenant, int limit, AuditEvent... ours) {
        Set<UUID> ids = Arrays.stream(ours).map(AuditEvent::id).collect(Collectors.toSet());
        List<AuditEvent> recent = trail.recent(tenant, limit);
        assertThat(recent).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(tenant));
        return recent.stream().filter(e -> ids.contains(e.id())).toList();
    }

    private static AuditEvent event(TenantId tenant, String action, int secondsAfterT0) {
        return new AuditEvent(UUID.randomUUID(), tenant, "user:" + UUID.randomUUID(), action, "contact:42", "203.0.113.7",
                "Mozilla/5.0", T0.plusSeconds(secondsAfterT0), Map.of("field", "phone", "result", "ok"));
    }

    @Test
    void recentListsTheTenantsEventsNewestAppendedFirst() {
        AuditEvent e1 = event(a, "contact.added", 0);
        AuditEvent e2 = event(a, "contact.updated", 1);
        AuditEvent e3 = AuditEvent.system(UUID.randomUUID(), a, "alert.sent", "alert:1", T0.plusSeconds(2), Map.of());
        trail.append(e1);
        trail.append(e2);
        trail.append(e3);

        assertThat(appended(a, 10, e1, e2, e3)).containsExactly(e3, e2, e1);
        assertThat(trail.recent(a, 2)).containsExactly(e3, e2);
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        AuditEvent e = new AuditEvent(UUID.randomUUID(), a, "user:7", "credentials.changed", "telephony", "2001:db8::1",
                "curl/8.0 \"quoted\"", T0, Map.of("kind", "telephony_auth_token", "note", "é, ü, 'quote'", "empty", ""));
        trail.append(e);

        assertThat(trail.recent(a, 1)).containsExactly(e);
    }

    @Test
    void appendingTheSameEventTwiceKeepsOne() {
        AuditEvent e = event(a, "login", 0);
        trail.append(e);
        trail.append(e);

        assertThat(appended(a, 10, e)).containsExactly(e);
    }

    @Test
    void eachTenantSeesOnlyItsOwnEvents() {
        AuditEvent mine = event(a, "contact.added", 0);
        AuditEvent theirs = event(b, "contact.added", 0);
        trail.append(mine);
        trail.append(theirs);

        assertThat(appended(a, 10, mine, theirs)).containsExactly(mine);
        assertThat(appended(b, 10, mine, theirs)).containsExactly(theirs);
        assertThat(trail.recent(TenantId.random(), 10)).isEmpty();
    }

    @Test
    void platformEventsHaveTheirOwnTrail() {
        AuditEvent platform = new AuditEvent(UUID.randomUUID(), null, "system", "call.unknown_number", "", "", "", T0,
                Map.of("to", "+33*******12"));
        trail.append(platform);

        assertThat(trail.recent(null, 1)).containsExactly(platform);
        assertThat(appended(a, 10, platform)).isEmpty();
    }
}
