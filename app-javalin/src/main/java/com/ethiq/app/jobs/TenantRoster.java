package com.ethiq.app.jobs;

import com.ethiq.core.domain.Tenant;
import java.util.List;

/** Every tenant of the platform, for platform jobs (retention). The platform path: never used to serve a tenant. */
@FunctionalInterface
public interface TenantRoster {

    List<Tenant> all();

    TenantRoster NONE = List::of;
}
