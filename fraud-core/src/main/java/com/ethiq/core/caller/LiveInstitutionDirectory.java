package com.ethiq.core.caller;

import com.ethiq.core.port.InstitutionDirectories;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The institution directory every node uses: the newest version published in the store, re-read at most every
 * {@code ttl} (so an operator's update reaches every node within that delay, with no message between nodes), the
 * bundled directory until one is published. A store that cannot be read, or a stored text that no longer parses, keeps
 * the last good directory: the claim check never stops for it. Thread-safe.
 */
public final class LiveInstitutionDirectory implements Supplier<InstitutionDirectory> {
    private static final Logger log = LoggerFactory.getLogger(LiveInstitutionDirectory.class);
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);

    private final InstitutionDirectories store;
    private final InstitutionDirectory seed;
    private final Duration ttl;
    private final Clock clock;
    private volatile InstitutionDirectory current;
    private volatile Instant checkedUntil = Instant.MIN;

    public LiveInstitutionDirectory(InstitutionDirectories store, InstitutionDirectory seed, Duration ttl, Clock clock) {
        this.store = Objects.requireNonNull(store, "'store' must not be null");
        this.seed = Objects.requireNonNull(seed, "'seed' must not be null");
        this.ttl = Objects.requireNonNull(ttl, "'ttl' must not be null");
        this.clock = Objects.requireNonNull(clock, "'clock' must not be null");
        this.current = seed;
    }

    @Override
    public InstitutionDirectory get() {
        Instant now = clock.instant();
        if (now.isBefore(checkedUntil)) {
            return current;
        }
        synchronized (this) {
            if (now.isBefore(checkedUntil)) {
                return current;
            }
            checkedUntil = now.plus(ttl);
            try {
                Optional<InstitutionDirectories.Published> published = store.current();
                if (published.isPresent() && !published.get().version().equals(current.version())) {
                    current = InstitutionDirectory.parse(published.get().text());
                    log.info("institution directory {} in use ({} institutions)", current.version(), current.institutions().size());
                } else if (published.isEmpty()) {
                    current = seed;
                }
            } catch (RuntimeException e) {
                log.warn("institution directory not refreshed, keeping {}: {}", current.version(), e.toString());
            }
            return current;
        }
    }
}
