package com.ethiq.core.management.backoffice;

import com.ethiq.core.caller.InstitutionDirectory;
import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.ForbiddenException;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.InstitutionDirectories;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The platform operator's use cases on the institution directory the claim check uses: read which version is in use,
 * publish a new one without a release. Operators only ({@link ForbiddenException} for anyone else, whatever their
 * account roles); publishing also needs a recent step-up, is validated in full before anything is stored (the
 * directory format, E.164 numbers, non-empty names, unique ids, a new version) and is audited. Every node picks the new
 * version up within its {@code LiveInstitutionDirectory} refresh delay. Thread-safe.
 */
public final class InstitutionDirectoryService {
    private final InstitutionDirectories store;
    private final InstitutionDirectory seed;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final Clock clock;

    /** {@code seed}: the bundled directory, in use until a version is published. */
    public InstitutionDirectoryService(InstitutionDirectories store, InstitutionDirectory seed, AccessPolicy access,
                                       AuditRecorder audit, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.seed = Objects.requireNonNull(seed, "'seed' must not be null");
        this.access = Objects.requireNonNull(access, "'access' must not be null");
        this.audit = Objects.requireNonNull(audit, "'audit' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
    }

    /** The version in use and where it came from ("bundled" or the operator who published it). */
    public record Current(String version, int institutions, String source, java.time.Instant publishedAt) {
    }

    public Current current(Actor actor) {
        requireOperator(actor, "read the institution directory");
        return store.current().map(p -> new Current(p.version(), InstitutionDirectory.parse(p.text()).institutions().size(),
                p.actor(), p.at())).orElseGet(() -> new Current(seed.version(), seed.institutions().size(), "bundled", null));
    }

    /**
     * Replaces the directory with {@code text} (the bundled file's format, with a new {@code @version}).
     *
     * @throws IllegalArgumentException the text does not parse or breaks a rule (the message names what and where)
     * @throws ConflictException        the version is the one in use or was published before
     */
    public Current publish(Actor actor, String text) {
        requireOperator(actor, "publish an institution directory");
        access.requireRecentAuthentication(actor);
        InstitutionDirectory parsed = InstitutionDirectory.parse(Objects.requireNonNull(text, "'text' must not be null"));
        String previous = store.current().map(InstitutionDirectories.Published::version).orElse(seed.version());
        if (parsed.version().equals(previous)
                || !store.publish(new InstitutionDirectories.Published(parsed.version(), text, clock.instant(), actor.auditName()))) {
            throw new ConflictException("institution directory version '" + parsed.version() + "' was already published");
        }
        audit.record(actor, null, "institutions.published", parsed.version(), Map.of("previous", previous,
                "institutions", Integer.toString(parsed.institutions().size())));
        return new Current(parsed.version(), parsed.institutions().size(), actor.auditName(), clock.instant());
    }

    private static void requireOperator(Actor actor, String what) {
        Objects.requireNonNull(actor, "'actor' must not be null");
        if (!actor.operator()) {
            throw new ForbiddenException("only platform operators may " + what);
        }
    }
}
