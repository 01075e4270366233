package com.ethiq.core.management.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.AuditEvent;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditChainVerifierTest {
    private final InMemoryChainedAuditTrail trail = new InMemoryChainedAuditTrail();
    private final AuditChainVerifier verifier = new AuditChainVerifier(trail);
    private final TenantId t = TenantId.random();

    @BeforeEach
    void fill() {
        // More than one verifier batch (500), to exercise batching.
        for (int i = 0; i < 1203; i++) {
            trail.append(new AuditEvent(UUID.randomUUID(), t, "user:" + i, "contact.added", "c" + i, "198.51.100.1", "JUnit",
                    Instant.parse("2025-01-01T00:00:00Z").plusSeconds(i), Map.of("n", Integer.toString(i))));
        }
    }

    @Test
    void anUntouchedChainIsIntactAndReportsItsHead() {
        ChainVerification v = verifier.verify(t, Optional.empty());
        assertThat(v.intact()).isTrue();
        assertThat(v.eventsChecked()).isEqualTo(1203);
        assertThat(v.headHash()).isEqualTo(trail.head(t).orElseThrow().hash());
    }

    @Test
    void anEditedFieldIsCaughtAtItsSequence() {
        trail.tamper(t, 700, e -> new AuditEvent(e.id(), e.tenant(), "user:someone-else", e.action(), e.target(), e.ip(),
                e.userAgent(), e.at(), e.details()));
        ChainVerification v = verifier.verify(t, Optional.empty());
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(700);
        assertThat(v.eventsChecked()).isEqualTo(699);
        assertThat(v.problem()).contains("hash");
    }

    @Test
    void anEditedDetailOrTimeIsCaught() {
        trail.tamper(t, 3, e -> {
            Map<String, String> d = new HashMap<>(e.details());
            d.put("n", "changed");
            return new AuditEvent(e.id(), e.tenant(), e.actor(), e.action(), e.target(), e.ip(), e.userAgent(), e.at(), d);
        });
        assertThat(verifier.verify(t, Optional.empty()).brokenAt()).isEqualTo(3);
    }

    @Test
    void aDeletedRowIsCaught() {
        trail.delete(t, 42);
        ChainVerification v = verifier.verify(t, Optional.empty());
        assertThat(v.intact()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(42);
        assertThat(v.problem()).contains("missing");
    }

    @Test
    void aTruncatedTailIsCaughtOnlyByTheAnchor() {
        var head = trail.head(t).orElseThrow();
        trail.delete(t, head.sequence());
        assertThat(verifier.verify(t, Optional.empty()).intact()).isTrue();
        ChainVerification anchored = verifier.verify(t, Optional.of(new AuditChainVerifier.Anchor(head.sequence(), head.hash())));
        assertThat(anchored.intact()).isFalse();
        assertThat(anchored.problem()).contains("anchored head is missing");
    }

    @Test
    void aRewrittenChainIsCaughtByTheAnchor() {
        var head = trail.head(t).orElseThrow();
        // An attacker who recomputes every hash after an edit produces a consistent chain with a different head.
        InMemoryChainedAuditTrail forged = new InMemoryChainedAuditTrail();
        for (var e : trail.read(t, 0, 10_000)) {
            AuditEvent ev = e.sequence() == 10 ? new AuditEvent(e.event().id(), t, "user:forged", e.event().action(),
                    e.event().target(), e.event().ip(), e.event().userAgent(), e.event().at(), e.event().details()) : e.event();
            forged.append(ev);
        }
        AuditChainVerifier v = new AuditChainVerifier(forged);
        assertThat(v.verify(t, Optional.empty()).intact()).isTrue();
        assertThat(v.verify(t, Optional.of(new AuditChainVerifier.Anchor(head.sequence(), head.hash()))).intact()).isFalse();
    }

    @Test
    void theCanonicalTextIsPostgresJsonbRendering() {
        AuditEvent e = new AuditEvent(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                TenantId.of("00000000-0000-4000-8000-0000000000aa"), "user:1", "contact.added", "c\"1\n", "203.0.113.1", "ua",
                Instant.parse("2025-03-01T10:00:00.123Z"), Map.of("zz", "1", "b", "\u0001é", "aa", "2"));
        assertThat(AuditHashing.canonical(e.tenant(), 7, e)).isEqualTo("{\"id\": \"00000000-0000-4000-8000-000000000001\", "
                + "\"seq\": 7, \"actor\": \"user:1\", \"action\": \"contact.added\", \"target\": \"c\\\"1\\n\", "
                + "\"details\": {\"b\": \"\\u0001é\", \"aa\": \"2\", \"zz\": \"1\"}, "
                + "\"account_id\": \"00000000-0000-4000-8000-0000000000aa\", \"occurred_at\": \"2025-03-01T10:00:00.123000Z\"}");
        AuditEvent platform = new AuditEvent(e.id(), null, "system", "x", "", "", "", Instant.EPOCH, Map.of());
        assertThat(AuditHashing.canonical(null, 1, platform)).contains("\"details\": {}, \"account_id\": null");
    }

    @Test
    void ipAndUserAgentAreNotPartOfTheLinkButEverythingElseIs() {
        AuditEvent a = new AuditEvent(UUID.randomUUID(), t, "a", "x", "b", "198.51.100.1", "ua1", Instant.EPOCH, Map.of());
        AuditEvent b = new AuditEvent(a.id(), t, "a", "x", "b", "", "", Instant.EPOCH, Map.of());
        AuditEvent c = new AuditEvent(a.id(), t, "a", "x", "b ", "", "", Instant.EPOCH, Map.of());
        assertThat(AuditHashing.link(AuditHashing.GENESIS, 1, a)).isEqualTo(AuditHashing.link(AuditHashing.GENESIS, 1, b));
        assertThat(AuditHashing.link(AuditHashing.GENESIS, 1, a)).isNotEqualTo(AuditHashing.link(AuditHashing.GENESIS, 1, c));
        assertThat(AuditHashing.link(AuditHashing.GENESIS, 1, a)).isNotEqualTo(AuditHashing.link(AuditHashing.GENESIS, 2, a));
    }
}
