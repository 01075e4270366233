package com.ethiq.core.port;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Outgoing port: the institution directory as versioned platform data (issue 18), so that operators can correct an
 * institution's numbers without a release. Each published version is kept (who, when); the newest is current. Not
 * tenant data: no account reads or writes it. Thread-safe.
 */
public interface InstitutionDirectories {

    /** One published version: its text in the directory format ({@code com.ethiq.core.caller.InstitutionDirectory#parse}). */
    record Published(String version, String text, Instant at, String actor) {
        public Published {
            Objects.requireNonNull(version, "'version' must not be null");
            if (!version.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("'version' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            Objects.requireNonNull(text, "'text' must not be null");
            Objects.requireNonNull(at, "'at' must not be null");
            Objects.requireNonNull(actor, "'actor' must not be null");
        }
    }

    /** The newest published version; empty until an operator publishes one (the bundled directory applies). */
    Optional<Published> current();

    /** Publishes a version; false (and nothing changes) if that version was already published. */
    boolean publish(Published version);
}
