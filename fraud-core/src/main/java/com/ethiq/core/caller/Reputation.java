package com.ethiq.core.caller;

import com.ethiq.core.detection.ScamCategory;
import java.util.Set;

/** What the platform-wide reputation says about a number: how many distinct accounts reported it, for which scams. */
public record Reputation(int accounts, Set<ScamCategory> categories) {
    public static final Reputation NONE = new Reputation(0, Set.of());

    public Reputation {
        if (accounts < 0) {
            throw new IllegalArgumentException("'accounts' must be >= 0, got " + accounts);
        }
        categories = Set.copyOf(categories);
    }
}
