package com.ethiq.core.family;

/** What became of a family link request: shown, acted on, refused, or nothing to show. */
public sealed interface FamilyOutcome permits FamilyOutcome.Shown, FamilyOutcome.Done, FamilyOutcome.AlreadyDone,
        FamilyOutcome.NotNow, FamilyOutcome.Failed, FamilyOutcome.Gone, FamilyOutcome.Unknown {

    /** The page's state (a read). */
    record Shown(CallView view) implements FamilyOutcome {
    }

    /** The action was done now, by this request. */
    record Done(String action, CallView view) implements FamilyOutcome {
    }

    /** Someone (maybe the same person, pressing twice) did it already: nothing was done again. */
    record AlreadyDone(String action, CallView view) implements FamilyOutcome {
    }

    /** The action makes no sense now (call over, joining not allowed for this contact, no number to block...). */
    record NotNow(String action, String reason, CallView view) implements FamilyOutcome {
    }

    /** The telephony refused or failed; nothing is recorded as done, the action may be tried again. */
    record Failed(String action, String reason, CallView view) implements FamilyOutcome {
    }

    /** The link expired or was revoked: the expiry page, nothing else. */
    record Gone() implements FamilyOutcome {
    }

    /** No such link (or no such call for a member). Same page, same work as {@link Gone} up to the lookup. */
    record Unknown() implements FamilyOutcome {
    }
}
