package com.ethiq.core.management.backoffice;

/**
 * Result of walking one audit chain. {@code headHash} is the last good link: anchor it outside the database
 * (ticket, e-mail, object store) so that a rewrite of the whole chain is detectable too. When the chain is broken,
 * {@code brokenAt} is the first bad sequence and {@code problem} says what was wrong.
 */
public record ChainVerification(boolean intact, long eventsChecked, long headSequence, String headHash, Long brokenAt,
                                String problem) {
}
