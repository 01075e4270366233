package com.ethiq.core.family;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a family link shows: one call only. Names (never other numbers) of the protected person, the link's recipient
 * and the other contacts alerted; what kind of scam and why; since when; live or ended; what was done; what may be done
 * now; {@code evidence}: the evidence pack can be downloaded (the call is over and was judged scam or suspect).
 * {@code protectedPhone} is the protected person's own number (for "call her"), empty if the account has none.
 */
public record CallView(String language, String protectedName, String protectedPhone, String recipientName, String scamKind,
                       String why, Instant startedAt, Instant endedAt, boolean live, boolean warningPlayed,
                       List<String> alerted, List<Done> done, String handledBy, Set<String> available,
                       boolean evidence) {
    public CallView {
        Objects.requireNonNull(language, "'language' must not be null");
        Objects.requireNonNull(protectedName, "'protectedName' must not be null");
        protectedPhone = protectedPhone == null ? "" : protectedPhone;
        recipientName = recipientName == null ? "" : recipientName;
        scamKind = scamKind == null ? "" : scamKind;
        why = why == null ? "" : why;
        Objects.requireNonNull(startedAt, "'startedAt' must not be null");
        alerted = List.copyOf(alerted);
        done = List.copyOf(done);
        handledBy = handledBy == null ? "" : handledBy;
        available = Set.copyOf(available);
    }

    /** One action done: which (wire form), by whom (a name), when. */
    public record Done(String action, String by, Instant at) {
    }
}
