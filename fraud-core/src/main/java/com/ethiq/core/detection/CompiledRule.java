package com.ethiq.core.detection;

import com.ethiq.core.domain.Speaker;

/**
 * One rule of a pack, compiled: the cue it yields, whose speech it reads ({@code speaker} null for both) and
 * whether a nearby negation ("je ne vous demanderai jamais...") cancels it. Immutable.
 */
record CompiledRule(String id, CueKind kind, ScamCategory category, double weight, Speaker speaker,
                    boolean negatable, Program program) {

    boolean hears(Speaker who) {
        return speaker == null || speaker == who;
    }
}
