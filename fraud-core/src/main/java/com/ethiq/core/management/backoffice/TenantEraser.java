package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.TenantId;
import java.util.Map;

/**
 * Outgoing port: erases one account's personal data in the store (contacts, call logs and transcripts, alerts,
 * vendor credentials and the account's data key, invitations, memberships) in one transaction. Keeps what the law
 * or billing needs and that holds no personal data: the audit trail (ids only) and usage events. Thread-safe.
 */
public interface TenantEraser {

    /** Erases on behalf of {@code actor} (audit name) and returns how many rows went, per kind. Erasing twice is not an error. */
    Map<String, Integer> erase(TenantId tenant, String actor);
}
