package com.ethiq.core.management.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ethiq.core.caller.Attestation;
import com.ethiq.core.caller.CallerContext;
import com.ethiq.core.caller.CallerScreening;
import com.ethiq.core.caller.CallerTrust;
import com.ethiq.core.caller.ClaimCheck;
import com.ethiq.core.caller.InstitutionDirectory;
import com.ethiq.core.caller.LiveInstitutionDirectory;
import com.ethiq.core.caller.Reputation;
import com.ethiq.core.detection.CueKind;
import com.ethiq.core.detection.FraudCue;
import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.detection.Verdict;
import com.ethiq.core.fake.InMemoryChainedAuditTrail;
import com.ethiq.core.fake.InMemoryInstitutionDirectories;
import com.ethiq.core.fake.InMemoryMemberships;
import com.ethiq.core.fake.InMemoryTenants;
import com.ethiq.core.fake.InMemoryTwoFactorSecrets;
import com.ethiq.core.fake.MutableClock;
import com.ethiq.core.fake.SequentialIdGenerator;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.AuthMethod;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.management.identity.RequestOrigin;
import com.ethiq.core.management.identity.StepUpRequiredException;
import com.ethiq.core.management.identity.UserId;
import com.ethiq.core.port.ConflictException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Operators publish the institution directory without a release: who may, what is refused, and every node picks it up. */
class InstitutionDirectoryServiceTest {
    private static final String CA_NEW = "+33140000001";

    private final MutableClock clock = MutableClock.at("2026-12-06T10:00:00Z");
    private final InMemoryInstitutionDirectories store = new InMemoryInstitutionDirectories();
    private final InMemoryChainedAuditTrail audit = new InMemoryChainedAuditTrail();
    private final AuditRecorder recorder = new AuditRecorder(audit, new SequentialIdGenerator(1), clock);
    private final AccessPolicy access = new AccessPolicy(new InMemoryMemberships(), new InMemoryTenants(), new InMemoryTwoFactorSecrets(),
            recorder, clock, Duration.ofMinutes(5));
    private final InstitutionDirectoryService service = new InstitutionDirectoryService(store, InstitutionDirectory.bundled(), access,
            recorder, clock);

    private Actor actor(boolean operator, Duration authAge) {
        return new Actor(new UserId(UUID.randomUUID()), operator, UUID.randomUUID(), clock.instant().minus(authAge),
                Set.of(AuthMethod.PWD), new RequestOrigin("198.51.100.7", "curl/8"));
    }

    private static String directory(String version, String caNumbers, String caName) {
        return "@version " + version + "\n[credit_agricole]\nname = " + caName + "\nclaims = fake_bank_adviser\n"
                + "aliases = credit agricole\nnumbers = " + caNumbers + "\nunsolicited = yes\n";
    }

    private static boolean matches(ClaimCheck check, String from) {
        Verdict rules = new Verdict.Suspicious(0.5, ScamCategory.FAKE_BANK_ADVISER,
                List.of(new FraudCue(CueKind.IDENTITY_CLAIM, ScamCategory.FAKE_BANK_ADVISER, "id.test", "service fraude", 0,
                        com.ethiq.core.domain.Speaker.CALLER, 0.3)), "");
        CallerContext caller = new CallerContext(CallerScreening.parse(from), CallerTrust.STRANGER, Attestation.ABSENT, Reputation.NONE);
        return check.check(rules, "ici le service fraude du crédit agricole", caller).orElseThrow().match();
    }

    @Test
    void aPublishedVersionReachesEveryNodeWithinTheRefreshDelayAndIsAudited() {
        ClaimCheck nodeA = new ClaimCheck(new LiveInstitutionDirectory(store, InstitutionDirectory.bundled(), Duration.ofSeconds(30), clock));
        ClaimCheck nodeB = new ClaimCheck(new LiveInstitutionDirectory(store, InstitutionDirectory.bundled(), Duration.ofSeconds(30), clock));
        assertThat(matches(nodeA, CA_NEW)).isFalse();
        assertThat(nodeB.directory().version()).isEqualTo(InstitutionDirectory.bundled().version());
        Actor op = actor(true, Duration.ZERO);

        InstitutionDirectoryService.Current published = service.publish(op, directory("2026-12-07", CA_NEW, "Crédit Agricole"));

        assertThat(published.version()).isEqualTo("2026-12-07");
        assertThat(matches(nodeA, CA_NEW)).as("cached until the refresh delay").isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(matches(nodeA, CA_NEW)).isTrue();
        assertThat(nodeB.directory().version()).isEqualTo("2026-12-07");
        assertThat(service.current(op).source()).isEqualTo(op.auditName());
        assertThat(audit.all()).filteredOn(e -> e.action().equals("institutions.published")).singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("previous", InstitutionDirectory.bundled().version()));
    }

    @Test
    void nonOperatorsAreRefusedAndNothingIsStored() {
        Actor owner = actor(false, Duration.ZERO);

        assertThatThrownBy(() -> service.publish(owner, directory("2026-12-07", CA_NEW, "Crédit Agricole")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.current(owner)).isInstanceOf(ForbiddenException.class);
        assertThat(store.current()).isEmpty();
    }

    @Test
    void publishingNeedsARecentStepUp() {
        assertThatThrownBy(() -> service.publish(actor(true, Duration.ofHours(1)), directory("2026-12-07", CA_NEW, "Crédit Agricole")))
                .isInstanceOf(StepUpRequiredException.class);
        assertThat(store.current()).isEmpty();
    }

    @Test
    void invalidNumbersEmptyNamesAndRepeatedVersionsAreRefusedWithTheReason() {
        Actor op = actor(true, Duration.ZERO);

        assertThatThrownBy(() -> service.publish(op, directory("2026-12-07", "0140000001", "Crédit Agricole")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credit_agricole").hasMessageContaining("E.164");
        assertThatThrownBy(() -> service.publish(op, directory("2026-12-07", CA_NEW, " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'name' must not be empty");
        assertThatThrownBy(() -> service.publish(op, directory(InstitutionDirectory.bundled().version(), CA_NEW, "CA")))
                .isInstanceOf(ConflictException.class);
        service.publish(op, directory("2026-12-07", CA_NEW, "Crédit Agricole"));
        assertThatThrownBy(() -> service.publish(op, directory("2026-12-07", CA_NEW, "Crédit Agricole")))
                .isInstanceOf(ConflictException.class);
        assertThat(audit.all()).filteredOn(e -> e.action().equals("institutions.published")).hasSize(1);
    }

    @Test
    void aNodeKeepsItsLastGoodDirectoryWhenTheStoreCannotBeRead() {
        var failing = new com.ethiq.core.port.InstitutionDirectories() {
            @Override
            public java.util.Optional<Published> current() {
                throw new com.ethiq.core.port.PersistenceException("store away", null);
            }

            @Override
            public boolean publish(Published version) {
                return false;
            }
        };
        LiveInstitutionDirectory live = new LiveInstitutionDirectory(failing, InstitutionDirectory.bundled(), Duration.ofSeconds(30), clock);

        assertThat(live.get()).isSameAs(InstitutionDirectory.bundled());
    }
}
