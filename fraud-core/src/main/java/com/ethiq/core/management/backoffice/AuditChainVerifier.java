package com.ethiq.core.management.backoffice;

import com.ethiq.core.domain.TenantId;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes an audit chain link by link with {@link AuditHashing}: sequences must run 1, 2, 3… without gaps, each row
 * must point at its predecessor's hash and its own hash must match its content. Reads in batches, so chains of any length verify in
 * constant memory. Used by the API and by the command line. Thread-safe.
 */
public final class AuditChainVerifier {
    private static final int BATCH = 500;
    private final AuditChain chain;

    public AuditChainVerifier(AuditChain chain) {
        this.chain = chain;
    }

    /** Verifies the chain of {@code tenant} (null = platform chain); {@code expectedHead} optionally pins an anchor. */
    public ChainVerification verify(TenantId tenant, Optional<Anchor> expectedHead) {
        long expectedSeq = 1;
        String previous = AuditHashing.GENESIS;
        long checked = 0;
        boolean anchorSeen = expectedHead.isEmpty();
        while (true) {
            List<ChainedAuditEvent> batch = chain.read(tenant, expectedSeq - 1, BATCH);
            for (ChainedAuditEvent e : batch) {
                if (e.sequence() != expectedSeq) {
                    return broken(checked, expectedSeq - 1, previous, expectedSeq,
                            "sequence " + expectedSeq + " is missing (next stored is " + e.sequence() + ")");
                }
                if (!same(e.previousHash(), previous)) {
                    return broken(checked, expectedSeq - 1, previous, e.sequence(), "link to the previous event does not match");
                }
                String recomputed = AuditHashing.link(previous, e.sequence(), e.event());
                if (!same(recomputed, e.hash())) {
                    return broken(checked, expectedSeq - 1, previous, e.sequence(), "content does not match its hash");
                }
                if (expectedHead.isPresent() && expectedHead.get().sequence() == e.sequence()) {
                    if (!same(expectedHead.get().hash(), e.hash())) {
                        return broken(checked, expectedSeq - 1, previous, e.sequence(), "differs from the anchored head");
                    }
                    anchorSeen = true;
                }
                previous = e.hash();
                expectedSeq++;
                checked++;
            }
            if (batch.size() < BATCH) {
                break;
            }
        }
        if (!anchorSeen) {
            return broken(checked, expectedSeq - 1, previous, expectedHead.get().sequence(), "the anchored head is missing");
        }
        return new ChainVerification(true, checked, expectedSeq - 1, previous, null, null);
    }

    private static ChainVerification broken(long checked, long headSeq, String headHash, long at, String problem) {
        return new ChainVerification(false, checked, headSeq, headHash, at, problem);
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** A head recorded outside the database earlier: the chain must still contain it unchanged. */
    public record Anchor(long sequence, String hash) {
    }
}
