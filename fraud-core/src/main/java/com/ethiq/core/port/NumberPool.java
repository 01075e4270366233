package com.ethiq.core.port;

import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing port: the platform's pool of telephony numbers by region. Assignment is atomic (two concurrent sign-ups
 * never get the same number); released numbers rest in quarantine before reuse so a former tenant's callers do not
 * reach a new tenant. Platform path (operators and account creation). Thread-safe.
 */
public interface NumberPool {

    /** How long a released number rests by default before reuse (three months): the one place this default is written. */
    Duration DEFAULT_QUARANTINE = Duration.ofDays(90);

    /**
     * The {@code availableAt} of a retired number: released but never to be assigned again (a country whose numbers are
     * not re-assigned between end users, see {@code PoolReassignment}); the operator returns it to the provider.
     * A real instant (not {@link Instant#MAX}) so every store can hold it.
     */
    Instant RETIRED = Instant.parse("9999-12-31T00:00:00Z");

    /** Adds a number the platform owns; adding it again changes nothing. */
    void add(PhoneNumber number, String region);

    /** Takes a free number of the region (out of quarantine at {@code now}), binds it to the tenant and sets it as the tenant's number. */
    Optional<PhoneNumber> assign(TenantId tenant, String region, Instant now);

    /** Unbinds the tenant's number; it becomes assignable again at {@code availableAt}. */
    boolean release(TenantId tenant, PhoneNumber number, Instant availableAt);

    List<PoolEntry> entries();

    record PoolEntry(PhoneNumber number, String region, TenantId assignedTo, Instant availableAt) {
        /** Released for good: never assignable again. */
        public boolean retired() {
            return assignedTo == null && !availableAt.isBefore(RETIRED);
        }
    }
}
