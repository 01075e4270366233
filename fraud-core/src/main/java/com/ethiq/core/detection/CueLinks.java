package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * Cues that only mean something together, across turns: "vous allez recevoir un message" in one turn and "vous
 * pouvez me le lire" two turns later is a request for the code, though the second alone is only a pronoun. A link
 * (pack directive {@code @link}) names a first family of rules and a later one; when a cue of the second follows a
 * cue of the first within {@link #MAX_GAP} turns, a linked cue is added to the window: its evidence is both heard
 * texts, its rule id the link's, so the verdict stays explainable. Immutable and thread-safe.
 */
final class CueLinks {

    /** Turns allowed between the two cues (the antecedent must still be what "le"/"it" refers to). */
    static final int MAX_GAP = 6;
    static final CueLinks NONE = new CueLinks(List.of());

    record Link(String id, CueKind kind, double weight, List<String> first, List<String> then) {
        Link {
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("link weight must be in (0, 1]");
            }
            if (first.isEmpty() || then.isEmpty()) {
                throw new IllegalArgumentException("a link needs rules on both sides of '>'");
            }
            first = List.copyOf(first);
            then = List.copyOf(then);
        }
    }

    private final List<Link> links;

    CueLinks(List<Link> links) {
        this.links = List.copyOf(links);
    }

    int size() {
        return links.size();
    }

    /**
     * Parses {@code ID KIND WEIGHT = RULE | RULE* > RULE | RULE*} (a trailing {@code *} is a rule-id prefix).
     */
    static Link parse(String spec) {
        int eq = spec.indexOf('=');
        int gt = spec.indexOf('>');
        if (eq < 0 || gt < eq) {
            throw new IllegalArgumentException("@link needs 'id kind weight = first | first > then | then'");
        }
        String[] head = spec.substring(0, eq).strip().split("\\s+");
        if (head.length != 3) {
            throw new IllegalArgumentException("@link needs 'id kind weight' before '='");
        }
        double w;
        try {
            w = Double.parseDouble(head[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad link weight '" + head[2] + "'", e);
        }
        return new Link(head[0], CueKind.fromWire(head[1]), w, sides(spec.substring(eq + 1, gt)),
                sides(spec.substring(gt + 1)));
    }

    private static List<String> sides(String s) {
        List<String> out = new ArrayList<>();
        for (String r : s.split("\\|")) {
            if (!r.isBlank()) {
                out.add(r.strip());
            }
        }
        return out;
    }

    static boolean matches(List<String> ids, String ruleId) {
        for (String id : ids) {
            // a prefix is compared in place: this runs for every pair of cues of the window, at every re-score
            if (id.endsWith("*") ? ruleId.regionMatches(0, id, 0, id.length() - 1) : ruleId.equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** The window plus one linked cue per link that holds (the latest pair). Returns the window itself if none. */
    List<FraudCue> apply(List<FraudCue> window) {
        List<FraudCue> out = null;
        for (Link link : links) {
            FraudCue linked = link(link, window);
            if (linked != null) {
                if (out == null) {
                    out = new ArrayList<>(window);
                }
                out.add(linked);
            }
        }
        return out == null ? window : out;
    }

    private static FraudCue link(Link link, List<FraudCue> window) {
        FraudCue best = null;
        FraudCue bestFirst = null;
        for (FraudCue then : window) {
            if (!matches(link.then(), then.ruleId())) {
                continue;
            }
            for (FraudCue first : window) {
                int gap = then.turn() - first.turn();
                if (gap >= 0 && gap <= MAX_GAP && first != then && matches(link.first(), first.ruleId())
                        && (best == null || then.turn() > best.turn())) {
                    best = then;
                    bestFirst = first;
                }
            }
        }
        if (best == null) {
            return null;
        }
        return new FraudCue(link.kind(), best.category(), link.id(),
                bestFirst.evidence() + " ... " + best.evidence(), best.turn(), best.speaker(), link.weight());
    }
}
