package com.ethiq.core.management.backoffice;

import com.ethiq.core.management.identity.AccessPolicy;
import com.ethiq.core.management.identity.AttemptCounters;
import com.ethiq.core.management.identity.AttemptState;
import com.ethiq.core.management.identity.Throttle;
import com.ethiq.core.management.identity.TooManyAttemptsException;
import com.ethiq.core.management.identity.Actor;
import com.ethiq.core.management.identity.AuditRecorder;
import com.ethiq.core.management.identity.IdentitySettings;
import com.ethiq.core.management.identity.Invitations;
import com.ethiq.core.management.identity.Membership;
import com.ethiq.core.management.identity.Memberships;
import com.ethiq.core.management.identity.NotFoundException;
import com.ethiq.core.management.identity.Permission;
import com.ethiq.core.management.identity.Role;
import com.ethiq.core.domain.AccountStatus;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.PhoneNumber;
import com.ethiq.core.domain.SipAddress;
import com.ethiq.core.domain.Tenant;
import com.ethiq.core.domain.TenantId;
import com.ethiq.core.domain.TenantSettings;
import com.ethiq.core.port.ConflictException;
import com.ethiq.core.port.IdGenerator;
import com.ethiq.core.port.NumberPool;
import com.ethiq.core.port.Tenants;
import com.ethiq.core.port.VendorException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Use cases on accounts: create (a number from the pool of the requested region), read, list the caller's,
 * suspend, resume, cancel (the number goes to quarantine) and erase (personal data gone, audit trail kept).
 * Thread-safe.
 */
public final class AccountService {
    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    private final Tenants tenants;
    private final Memberships memberships;
    private final Invitations invitations;
    private final NumberPool numbers;
    private final NumberProvisioner provisioner;
    private final TenantEraser eraser;
    private final AccessPolicy access;
    private final AuditRecorder audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final IdentitySettings settings;
    private final AttemptCounters counters;
    private final NumberQuota quota;

    public AccountService(Tenants tenants, Memberships memberships, Invitations invitations, NumberPool numbers,
                   NumberProvisioner provisioner, TenantEraser eraser, AccessPolicy access, AuditRecorder audit,
                   IdGenerator ids, Clock clock, IdentitySettings settings, AttemptCounters counters, NumberQuota quota) {
        this.counters = java.util.Objects.requireNonNull(counters, "'counters' must not be null");
        this.quota = java.util.Objects.requireNonNull(quota, "'quota' must not be null");
        this.tenants = tenants;
        this.memberships = memberships;
        this.invitations = invitations;
        this.numbers = numbers;
        this.provisioner = provisioner;
        this.eraser = eraser;
        this.access = access;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    /** What a caller asks for when creating an account. */
    public record CreateAccount(String displayName, String region, String sipAddress, String language) {
        public CreateAccount {
            if (displayName == null || displayName.isBlank() || displayName.strip().length() > 120) {
                throw new IllegalArgumentException("'displayName' must be 1-120 characters");
            }
            displayName = displayName.strip();
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("'region' must be an upper-case ISO country code like 'FR', got '" + region + "'");
            }
            if (sipAddress == null) {
                throw new IllegalArgumentException("'sipAddress' is required");
            }
        }
    }

    /** An account as one caller sees it, with the caller's role (null for operators). */
    public record AccountView(Tenant tenant, Role role) {
    }

    /**
     * Creates the account in PROVISIONING, makes the caller its owner, takes a number of the region and goes ACTIVE
     * once the provisioner has set the number up. At most {@link NumberQuota} creations per user and per client
     * address in its window ({@link TooManyAttemptsException} beyond, nothing created). With no free number the
     * account is erased at once — cancelled, its SIP address released, membership gone, so the same SIP address can be
     * registered again — and {@link NoNumberAvailableException} says so.
     */
    public AccountView create(Actor actor, CreateAccount cmd) {
        SipAddress sip = SipAddress.of(cmd.sipAddress());
        Language language = cmd.language() == null ? Language.FRENCH : Language.parse(cmd.language());
        long owned = memberships.ofUser(actor.user()).stream().filter(m -> m.role() == Role.OWNER).count();
        if (owned >= settings.maxOwnedAccounts()) {
            throw new ConflictException("you already own " + owned + " accounts, the most allowed");
        }
        Instant now = clock.instant();
        takeQuota(actor, now);
        TenantId id = new TenantId(ids.newId());
        tenants.create(new Tenant(id, cmd.displayName(), AccountStatus.PROVISIONING, null, sip,
                TenantSettings.defaults().withLanguage(language), now));
        memberships.add(new Membership(id, actor.user(), Role.OWNER, now));
        Optional<PhoneNumber> number = numbers.assign(id, cmd.region(), now);
        if (number.isEmpty()) {
            // Compensation: nothing of the failed account may keep holding its SIP address (a unique key).
            tenants.updateStatus(id, AccountStatus.CANCELLED);
            memberships.removeAll(id);
            eraser.erase(id, actor.auditName());
            audit.record(actor, id, "account.create_failed", id.toString(), Map.of("reason", "no_number", "region", cmd.region()));
            throw new NoNumberAvailableException(cmd.region());
        }
        AccountStatus status = AccountStatus.ACTIVE;
        try {
            provisioner.provision(id, number.get());
            tenants.updateStatus(id, AccountStatus.ACTIVE);
        } catch (VendorException e) {
            status = AccountStatus.PROVISIONING;
            log.warn("number {} of account {} not provisioned yet: {}", number.get().masked(), id, e.getMessage());
        }
        audit.record(actor, id, "account.created", id.toString(), Map.of("region", cmd.region(), "status", status.wire()));
        return new AccountView(tenants.findById(id).orElseThrow(), Role.OWNER);
    }

    /** Counts this creation for the user and the client address first (atomic, shared by nodes), then checks both. */
    private void takeQuota(Actor actor, Instant now) {
        AttemptState byUser = counters.recordFailure("numbers:user:" + actor.user(), now, quota.window());
        String ip = actor.origin().ip();
        AttemptState byOrigin = ip == null || ip.isBlank() ? AttemptState.NONE
                : counters.recordFailure("numbers:" + Throttle.ipKey(ip), now, quota.window());
        Instant until = null;
        if (byUser.failures() > quota.perUser()) {
            until = byUser.windowStart().plus(quota.window());
        }
        if (byOrigin.failures() > quota.perOrigin()) {
            Instant other = byOrigin.windowStart().plus(quota.window());
            until = until == null || other.isAfter(until) ? other : until;
        }
        if (until != null) {
            audit.record(actor, null, "account.create_refused", actor.user().toString(), Map.of("reason", "number_quota"));
            throw new TooManyAttemptsException(java.time.Duration.between(now, until));
        }
    }

    public AccountView get(Actor actor, TenantId tenant) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.ACCOUNT_READ);
        return new AccountView(load(tenant), a.role());
    }

    /** The accounts the caller is a member of, oldest membership first. */
    public List<AccountView> mine(Actor actor) {
        List<AccountView> out = new ArrayList<>();
        for (Membership m : memberships.ofUser(actor.user())) {
            tenants.findById(m.tenant()).ifPresent(t -> out.add(new AccountView(t, m.role())));
        }
        return out;
    }

    public AccountView suspend(Actor actor, TenantId tenant) {
        return move(actor, tenant, Permission.ACCOUNT_SUSPEND, AccountStatus.ACTIVE, AccountStatus.SUSPENDED, "account.suspended");
    }

    public AccountView resume(Actor actor, TenantId tenant) {
        return move(actor, tenant, Permission.ACCOUNT_SUSPEND, AccountStatus.SUSPENDED, AccountStatus.ACTIVE, "account.resumed");
    }

    /** Cancels: calls to the number are rejected from now on and the number rests in quarantine before reuse. */
    public AccountView cancel(Actor actor, TenantId tenant) {
        AccessPolicy.Access a = access.require(actor, tenant, Permission.ACCOUNT_CANCEL);
        Tenant t = load(tenant);
        if (t.status() == AccountStatus.CANCELLED) {
            throw new ConflictException("the account is already cancelled");
        }
        cancelAndRelease(t);
        audit.record(actor, tenant, "account.cancelled", tenant.toString(), Map.of());
        return new AccountView(load(tenant), a.role());
    }

    /**
     * Erases the account's personal data (GDPR Art. 17): cancels it if needed, then contacts, calls, transcripts,
     * alerts, secrets, invitations and memberships go. The audit trail stays (ids only) and records the erasure.
     */
    public Map<String, Integer> erase(Actor actor, TenantId tenant) {
        access.require(actor, tenant, Permission.ACCOUNT_ERASE);
        Tenant t = load(tenant);
        if (t.status() != AccountStatus.CANCELLED) {
            cancelAndRelease(t);
        }
        Map<String, Integer> counts = new HashMap<>(eraser.erase(tenant, actor.auditName()));
        counts.merge("invitations", invitations.removeAll(tenant), Integer::sum);
        counts.merge("memberships", memberships.removeAll(tenant), Integer::sum);
        Map<String, String> details = new HashMap<>();
        counts.forEach((k, v) -> details.put(k, Integer.toString(v)));
        audit.record(actor, tenant, "account.erased", tenant.toString(), details);
        return Map.copyOf(counts);
    }

    private void cancelAndRelease(Tenant t) {
        tenants.updateStatus(t.id(), AccountStatus.CANCELLED);
        t.number().ifPresent(n -> numbers.release(t.id(), n, clock.instant().plus(settings.numberQuarantine())));
    }

    private AccountView move(Actor actor, TenantId tenant, Permission p, AccountStatus from, AccountStatus to, String action) {
        AccessPolicy.Access a = access.require(actor, tenant, p);
        Tenant t = load(tenant);
        if (t.status() != from) {
            throw new ConflictException("the account is " + t.status().wire() + ", not " + from.wire());
        }
        tenants.updateStatus(tenant, to);
        audit.record(actor, tenant, action, tenant.toString(), Map.of());
        return new AccountView(load(tenant), a.role());
    }

    private Tenant load(TenantId tenant) {
        return tenants.findById(tenant).orElseThrow(() -> new NotFoundException("account"));
    }
}
