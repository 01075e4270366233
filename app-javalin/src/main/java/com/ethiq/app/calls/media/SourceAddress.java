package com.ethiq.app.calls.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

/**
 * Who an upgrade comes from, as a key for per-source limits. The peer address, unless the peer is one of the trusted
 * proxies (the load balancer): then the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy
 * (entries further left are written by the client and could be anything). IPv6 addresses are keyed by their /64, the
 * block one subscriber usually holds, so rotating addresses within it gains nothing. Thread-safe.
 */
public final class SourceAddress {
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private final Set<String> trustedProxies;

    /** @param trustedProxies literal IP addresses of the proxies in front of the node (empty: trust no header) */
    public SourceAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(SourceAddress::normalise).toList());
    }

    /** The source key for a peer address and the request's {@code X-Forwarded-For} values (possibly empty). */
    public String of(String peer, List<String> forwardedFor) {
        String p = normalise(peer);
        if (!trustedProxies.contains(p) || forwardedFor.isEmpty()) {
            return key(p);
        }
        String candidate = p;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String[] hops = forwardedFor.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = normalise(hops[j].strip());
                if (hop.isEmpty()) {
                    continue;
                }
                candidate = hop;
                if (!trustedProxies.contains(hop)) {
                    return key(hop);
                }
            }
        }
        return key(candidate);
    }

    /** A literal address in canonical form; anything that is not an IP literal is kept as it is (never resolved). */
    static String normalise(String address) {
        if (address == null) {
            return "";
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!looksLikeIp(a)) {
            return a;
        }
        try {
            return InetAddress.getByName(a).getHostAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return a;
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Only strict literals reach {@link InetAddress#getByName}, which then parses without any DNS lookup. */
    private static boolean looksLikeIp(String a) {
        return IPV4.matcher(a).matches() || (a.indexOf(':') >= 0 && IPV6.matcher(a).matches());
    }

    private static String key(String address) {
        int colon = address.indexOf(':');
        if (colon < 0) {
            return address;
        }
        // IPv6 (canonical, uncompressed groups from getHostAddress): the first four groups are the /64.
        String[] groups = address.split(":", -1);
        if (groups.length < 8) {
            return address;
        }
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }
}
