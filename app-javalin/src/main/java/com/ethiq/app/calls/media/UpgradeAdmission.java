package com.ethiq.app.calls.media;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Who gets a media socket at the upgrade, before any token can be read (Twilio puts the per-call token in the
 * {@code start} message, and its stream URL may carry no query). Vouched upgrades — the signature matched the platform
 * token, or is one this node expects ({@link VouchedUpgrades}) — may use every socket of the node. Anyone else goes
 * through {@link SourceAdmission}: per-source rate and waiting-socket caps, and a node-wide cap on waiting sockets
 * that leaves the rest of {@code ETHIQ_MEDIA_MAX_SOCKETS} to vouched calls. Thread-safe.
 */
public final class UpgradeAdmission {
    /** How the upgrade is admitted. */
    public sealed interface Decision permits Vouched, Waiting, Refused {
    }

    /** Signature known good ({@code platformVerified}: checked against the platform token). */
    public record Vouched(boolean platformVerified) implements Decision {
    }

    /** Admitted on the source's allowance; {@code release} once the start is accepted or the socket is over. */
    public record Waiting(Runnable release) implements Decision {
    }

    /** Refused before the upgrade: answer {@code httpStatus}; {@code reason} is a short code. */
    public record Refused(String reason, int httpStatus) implements Decision {
    }

    private final Predicate<String> platformSignature;
    private final VouchedUpgrades vouched;
    private final SourceAdmission sources;
    private final SourceAddress addresses;
    private final ScheduledExecutorService timers;
    private final Duration ticketLimit;
    private final LongSupplier nanoClock;

    /**
     * @param platformSignature checks a signature against the platform token, or null when none is configured
     * @param ticketLimit       a waiting place is given back after this at the latest (the start deadline, plus slack),
     *                          even if the socket never reported back (an upgrade that failed half-way)
     */
    public UpgradeAdmission(Predicate<String> platformSignature, VouchedUpgrades vouched, SourceAdmission sources,
                            SourceAddress addresses, ScheduledExecutorService timers, Duration ticketLimit, LongSupplier nanoClock) {
        this.platformSignature = platformSignature;
        this.vouched = Objects.requireNonNull(vouched, "'vouched' must not be null");
        this.sources = Objects.requireNonNull(sources, "'sources' must not be null");
        this.addresses = Objects.requireNonNull(addresses, "'addresses' must not be null");
        this.timers = Objects.requireNonNull(timers, "'timers' must not be null");
        this.ticketLimit = Objects.requireNonNull(ticketLimit, "'ticketLimit' must not be null");
        this.nanoClock = Objects.requireNonNull(nanoClock, "'nanoClock' must not be null");
    }

    /** The source key of a request (peer, or client behind a trusted proxy). */
    public String source(String peer, List<String> forwardedFor) {
        return addresses.of(peer, forwardedFor);
    }

    public boolean hasPlatformToken() {
        return platformSignature != null;
    }

    /**
     * Decides an upgrade carrying {@code signature} (present, at most 256 characters) from {@code source}. With a
     * platform token configured, a signature that does not match it is refused outright (403).
     */
    public Decision decide(String signature, String source) {
        if (platformSignature != null) {
            return platformSignature.test(signature) ? new Vouched(true) : new Refused("bad_signature", 403);
        }
        if (vouched.vouched(signature)) {
            return new Vouched(false);
        }
        SourceAdmission.Outcome outcome = sources.admit(source, nanoClock.getAsLong());
        if (outcome instanceof SourceAdmission.Refused r) {
            return new Refused(r.reason(), r.httpStatus());
        }
        SourceAdmission.Ticket ticket = ((SourceAdmission.Admitted) outcome).ticket();
        ScheduledFuture<?> backstop;
        try {
            backstop = timers.schedule(ticket::release, ticketLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            ticket.release();
            return new Refused("shutting_down", 503);
        }
        return new Waiting(() -> {
            ticket.release();
            backstop.cancel(false);
        });
    }

    /** A start whose upgrade carried {@code signature} was authenticated: later upgrades with it are vouched. */
    public void learned(String signature) {
        vouched.learn(signature);
    }

    /** Unvouched sockets waiting for their start. */
    public int waiting() {
        return sources.pending();
    }

    /** Forgets idle sources (run periodically). */
    public void sweep() {
        sources.sweep(nanoClock.getAsLong());
    }
}
