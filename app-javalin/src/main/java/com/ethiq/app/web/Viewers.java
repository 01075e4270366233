package com.ethiq.app.web;

import com.ethiq.core.domain.TenantId;
import java.util.Optional;
import java.util.Set;

/**
 * Who may watch which accounts live: given the bearer access token of a dashboard request, the accounts its user is a
 * member of (with the right to see calls), or empty when the token is not valid now. Implemented over the management
 * API's token verifier and memberships. Thread-safe.
 */
@FunctionalInterface
public interface Viewers {
    Optional<Set<TenantId>> accountsOf(String accessToken);

    /** Nobody: the live feed answers 401 to everyone (no management API wired). */
    Viewers NONE = token -> Optional.empty();
}
