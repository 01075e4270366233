package com.ethiq.core.management.backoffice.evidence;

import com.ethiq.core.domain.Speaker;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the cues back from a stored verdict explanation (the detection engine's "kind 'words' (turn N, speaker,
 * rule)" list, the same text the dashboard parses) and finds where their words were said in a transcript line.
 * Cue evidence is the engine's normalised tokens (lower case, no accents, elisions expanded, fillers dropped), so the
 * search folds the spoken line the same way and tolerates a skipped filler or an elided article. Stateless.
 */
public final class CueSpans {
    private static final Pattern CUE = Pattern.compile("([a-z][a-z ]*?) '(.*?)' \\(turn (\\d+), (caller|callee), ([^)]*)\\)");
    /** Filler words the engine drops between the words of a cue. */
    private static final int MAX_SKIPPED = 2;

    private CueSpans() {
    }

    /** One cue as the verdict explained it. */
    public record CueRef(String kind, String evidence, int turn, Speaker speaker, String ruleId) {
    }

    /** Characters {@code [start, end)} of a line. */
    public record Span(int start, int end) {
        public Span {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("'start'/'end' must satisfy 0 <= start <= end, got " + start + ", " + end);
            }
        }
    }

    /** The cues listed in {@code explanation}, in its order (strongest first); empty when there are none. */
    public static List<CueRef> parse(String explanation) {
        List<CueRef> out = new ArrayList<>();
        if (explanation == null) {
            return out;
        }
        Matcher m = CUE.matcher(explanation);
        while (m.find()) {
            String kind = m.group(1).strip().replace(' ', '_');
            out.add(new CueRef(kind, m.group(2), Integer.parseInt(m.group(3)), Speaker.fromWire(m.group(4)), m.group(5).strip()));
        }
        return out;
    }

    /**
     * Where the words of {@code evidence} appear in {@code line}; a linked cue ("a ... b") may give one span per part.
     * Empty when the words cannot be found (the recogniser's text was normalised beyond recognition, e.g. spelt numbers).
     */
    public static List<Span> locate(String line, String evidence) {
        List<Span> spans = new ArrayList<>();
        for (String part : evidence.split(" \\.\\.\\. ")) {
            find(line, part).ifPresent(spans::add);
        }
        return spans;
    }

    private static Optional<Span> find(String line, String evidence) {
        List<Token> words = tokens(line);
        List<Token> wanted = tokens(evidence);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        for (int start = 0; start < words.size(); start++) {
            if (!same(words.get(start).text(), wanted.get(0).text())) {
                continue;
            }
            int at = start;
            int matched = 1;
            while (matched < wanted.size()) {
                int next = -1;
                for (int k = at + 1; k <= Math.min(words.size() - 1, at + 1 + MAX_SKIPPED); k++) {
                    if (same(words.get(k).text(), wanted.get(matched).text())) {
                        next = k;
                        break;
                    }
                }
                if (next < 0) {
                    break;
                }
                at = next;
                matched++;
            }
            if (matched == wanted.size()) {
                return Optional.of(new Span(words.get(start).start(), words.get(at).end()));
            }
        }
        return Optional.empty();
    }

    /** Equal, or an elided article / pronoun the engine expanded ("l" said, "le" matched). */
    private static boolean same(String said, String cue) {
        return said.equals(cue) || (said.length() <= 3 && cue.length() > said.length() && cue.startsWith(said)
                && cue.length() <= 7);
    }

    private record Token(String text, int start, int end) {
    }

    /** Lower-case, accent-free letter/digit runs with their position in the original text. */
    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            String folded = fold(c);
            if (!folded.isEmpty()) {
                if (start < 0) {
                    start = i;
                }
                word.append(folded);
            } else if (start >= 0) {
                out.add(new Token(word.toString(), start, i));
                word.setLength(0);
                start = -1;
            }
        }
        return out;
    }

    private static String fold(char c) {
        if (!Character.isLetterOrDigit(c)) {
            return "";
        }
        String base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return base.toLowerCase(Locale.ROOT);
    }
}
