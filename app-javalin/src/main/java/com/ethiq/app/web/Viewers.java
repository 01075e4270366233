package com.ethiq.app.web;

import com.ethiq.core.domain.TenantId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may watch which accounts live: given the bearer access token of a dashboard request, its user and the accounts
 * that user is a member of (with the right to see calls), or empty when the token is not valid now (bad, expired,
 * session closed, password changed, user disabled). Asked when a stream opens and again while it stays open.
 * Implemented over the management API's token verifier and memberships. Thread-safe.
 */
@FunctionalInterface
public interface Viewers {
    Optional<Viewer> viewerOf(String accessToken);

    /** Nobody: the live feed answers 401 to everyone (no management API wired). */
    Viewers NONE = token -> Optional.empty();

    /** @param user an opaque, stable key of the user (for per-user stream caps) */
    record Viewer(String user, Set<TenantId> accounts) {
        public Viewer {
            Objects.requireNonNull(user, "'user' must not be null");
            accounts = Set.copyOf(accounts);
        }
    }
}
