package com.ethiq.core.family;

import java.util.List;
import java.util.Optional;

/**
 * What a relative (from their family link) or a member (from the dashboard) can do about one call. Each action is done
 * at most once per call: the store's unique (tenant, call, action) row is the anchor, not a flag in memory.
 */
public sealed interface FamilyAction permits FamilyAction.Join, FamilyAction.EndCall, FamilyAction.Handling,
        FamilyAction.FalseAlarm, FamilyAction.Block {

    /** The path segment and stored form: join, end, handling, false-alarm, block. */
    String wire();

    /** Whether it only makes sense while the call is live (join and end do; the others also after the call). */
    default boolean needsLiveCall() {
        return false;
    }

    /** Add the relative's phone to the live call, announced. */
    record Join() implements FamilyAction {
        @Override
        public String wire() {
            return "join";
        }

        @Override
        public boolean needsLiveCall() {
            return true;
        }
    }

    /** Say a short sentence to the protected person, then hang up the caller. */
    record EndCall() implements FamilyAction {
        @Override
        public String wire() {
            return "end";
        }

        @Override
        public boolean needsLiveCall() {
            return true;
        }
    }

    /** "I'm on it": the other contacts are told (one short SMS each) and see it on their page. */
    record Handling() implements FamilyAction {
        @Override
        public String wire() {
            return "handling";
        }
    }

    /** The alert was wrong: recorded with who and when. */
    record FalseAlarm() implements FamilyAction {
        @Override
        public String wire() {
            return "false-alarm";
        }
    }

    /** The caller's number goes on the account's block list. */
    record Block() implements FamilyAction {
        @Override
        public String wire() {
            return "block";
        }
    }

    FamilyAction JOIN = new Join();
    FamilyAction END = new EndCall();
    FamilyAction HANDLING = new Handling();
    FamilyAction FALSE_ALARM = new FalseAlarm();
    FamilyAction BLOCK = new Block();

    /** Every action, in the order the page shows them. */
    List<FamilyAction> ALL = List.of(JOIN, END, HANDLING, FALSE_ALARM, BLOCK);

    static Optional<FamilyAction> fromWire(String text) {
        return ALL.stream().filter(a -> a.wire().equals(text)).findFirst();
    }
}
