package com.ethiq.core.port;

import com.ethiq.core.domain.CallSid;
import com.ethiq.core.domain.TenantId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Outgoing port: which node streams each live call, with a heartbeat, shared by every node of a cluster. A node
 * holds the lease of each call it streams and renews all of them in one write every few seconds; when a node dies its
 * leases lapse and a survivor claims them (once: concurrent claimers never get the same lease) to stream the call
 * again or close it. Cross-tenant (a platform job), not scoped to one tenant. Thread-safe.
 */
public interface CallLeases {

    /**
     * {@code node} streams the call from now on (taken over from whoever held it); heartbeat {@code now}. False when the
     * store does not know the call (yet): its log may still be being written.
     */
    boolean hold(TenantId tenant, CallSid callSid, String node, Instant now);

    /** Renews, in one write, the heartbeat of those of {@code calls} that {@code node} holds; returns how many. */
    int renew(String node, Collection<CallSid> calls, Instant now);

    /** The call no longer streams on {@code node}: its lease goes, unless another node holds it by now. */
    void release(TenantId tenant, CallSid callSid, String node);

    /**
     * Takes up to {@code max} leases whose heartbeat is older than {@code lapsedBefore}: each is then held by
     * {@code node}, heartbeat {@code now}, its generation one more than before. Concurrent claimers on any node
     * never get the same lease; a lease renewed meanwhile is not taken. Oldest heartbeat first.
     */
    List<Lapsed> claimLapsed(String node, Instant lapsedBefore, Instant now, int max);

    /** The lease this store has for a call, if any. */
    java.util.Optional<Lease> find(TenantId tenant, CallSid callSid);

    /** A lease as stored: who holds it, its last heartbeat, and the generation of the call's current stream. */
    record Lease(TenantId tenant, CallSid callSid, String node, Instant heartbeatAt, int generation) {
        public Lease {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            requireNode(node);
            Objects.requireNonNull(heartbeatAt, "'heartbeatAt' must not be null");
        }
    }

    /** A lapsed lease claimed by this node: whose it was, and the generation the call's next stream carries. */
    record Lapsed(TenantId tenant, CallSid callSid, String previousNode, int generation) {
        public Lapsed {
            Objects.requireNonNull(tenant, "'tenant' must not be null");
            Objects.requireNonNull(callSid, "'callSid' must not be null");
            Objects.requireNonNull(previousNode, "'previousNode' must not be null");
            if (generation < 1) {
                throw new IllegalArgumentException("'generation' of a claimed lease must be >= 1, got " + generation);
            }
        }
    }

    /** Node ids are short printable names (host name + process, or configured). */
    static String requireNode(String node) {
        if (node == null || !node.matches("[A-Za-z0-9._:@-]{1,100}")) {
            throw new IllegalArgumentException("'node' must be 1-100 characters of [A-Za-z0-9._:@-], got " + node);
        }
        return node;
    }
}
