package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the pattern language of rule packs (see {@code docs/detection.md}) into {@link Program}s.
 * <pre>
 *   word        a word, normalised like the transcript (accents, case, numbers); one edit tolerated if 7+ letters
 *   =word       the exact word, no tolerance
 *   word*       any word starting with "word"
 *   (a|b c|d)   alternatives, each a sequence
 *   x?          x is optional (x: a word or a group)
 *   ~N          up to N arbitrary words
 *   !x          what follows is not x (x: a word or a group); consumes nothing
 *   #code       a spoken code or card number (a run of digits)
 *   #num        one number
 *   $NAME       a definition made with "@define NAME = pattern"
 * </pre>
 * Not thread-safe: one compiler per pack load.
 */
final class PatternCompiler {

    private final Lexicon.Builder lexicon;
    private final TextNormalizer literalNormalizer;
    private final Map<String, String> defines;

    PatternCompiler(Lexicon.Builder lexicon, TextNormalizer literalNormalizer, Map<String, String> defines) {
        this.lexicon = lexicon;
        this.literalNormalizer = literalNormalizer;
        this.defines = defines;
    }

    // ---- AST ----

    private sealed interface Node permits Lit, Seq, Alt, Opt, Gap, Not, Code, Num {
    }

    /** {@code text} describes the literal; for a single-token alternative group it is empty. */
    private record Lit(int[] ids, String text) implements Node {
    }

    private record Seq(List<Node> items) implements Node {
    }

    private record Alt(List<Node> options) implements Node {
    }

    private record Opt(Node item) implements Node {
    }

    private record Gap(int max) implements Node {
    }

    private record Not(Node inner) implements Node {
    }

    private record Code() implements Node {
    }

    private record Num() implements Node {
    }

    // ---- parsing ----

    private final class Parser {
        private final String src;
        private int pos;
        private final int depth;

        Parser(String src, int depth) {
            this.src = src;
            this.depth = depth;
            if (depth > 20) {
                throw new IllegalArgumentException("definitions nest too deeply (a cycle?)");
            }
        }

        Node parseAll() {
            Node n = parseAlt();
            skipSpace();
            if (pos < src.length()) {
                throw error("unexpected '" + src.charAt(pos) + "'");
            }
            return n;
        }

        private IllegalArgumentException error(String msg) {
            return new IllegalArgumentException(msg + " at column " + (pos + 1) + " of pattern '" + src + "'");
        }

        private void skipSpace() {
            while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
                pos++;
            }
        }

        private Node parseAlt() {
            List<Node> options = new ArrayList<>();
            options.add(parseSeq());
            skipSpace();
            while (pos < src.length() && src.charAt(pos) == '|') {
                pos++;
                options.add(parseSeq());
                skipSpace();
            }
            return options.size() == 1 ? options.get(0) : new Alt(options);
        }

        private Node parseSeq() {
            List<Node> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= src.length() || src.charAt(pos) == '|' || src.charAt(pos) == ')') {
                    break;
                }
                Node item = parseItem();
                skipSpace();
                if (pos < src.length() && src.charAt(pos) == '?') {
                    pos++;
                    item = new Opt(item);
                }
                items.add(item);
            }
            if (items.isEmpty()) {
                throw error("empty alternative");
            }
            return items.size() == 1 ? items.get(0) : new Seq(items);
        }

        private Node parseItem() {
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                Node inner = parseAlt();
                skipSpace();
                if (pos >= src.length() || src.charAt(pos) != ')') {
                    throw error("missing ')'");
                }
                pos++;
                return inner;
            }
            if (c == '~') {
                pos++;
                int start = pos;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                if (start == pos) {
                    throw error("'~' needs a number of words, e.g. ~3");
                }
                int max = Integer.parseInt(src.substring(start, pos));
                if (max < 1 || max > 20) {
                    throw error("gap must be 1..20 words");
                }
                return new Gap(max);
            }
            if (c == '!') {
                pos++;
                return new Not(parseItem());
            }
            if (c == '#') {
                String word = readWord(pos + 1);
                if (word.equals("code")) {
                    return new Code();
                }
                if (word.equals("num")) {
                    return new Num();
                }
                throw error("unknown class '#" + word + "' (use #code or #num)");
            }
            if (c == '$') {
                String name = readWord(pos + 1);
                String body = defines.get(name);
                if (body == null) {
                    throw error("unknown definition '$" + name + "'");
                }
                return new Parser(body, depth + 1).parseAll();
            }
            boolean exact = false;
            if (c == '=') {
                exact = true;
                pos++;
            }
            String word = readWord(pos);
            if (word.isEmpty()) {
                throw error("expected a word");
            }
            boolean prefix = false;
            if (pos < src.length() && src.charAt(pos) == '*') {
                prefix = true;
                pos++;
            }
            return literal(word, exact, prefix);
        }

        /** Reads a word starting at {@code from}; leaves {@code pos} after it. */
        private String readWord(int from) {
            pos = from;
            int start = pos;
            while (pos < src.length()) {
                char ch = src.charAt(pos);
                if (Character.isWhitespace(ch) || "()|?~!#$*".indexOf(ch) >= 0) {
                    break;
                }
                pos++;
            }
            return src.substring(start, pos);
        }

        private Node literal(String word, boolean exact, boolean prefix) {
            if (prefix) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < word.length(); i++) {
                    char f = TextNormalizer.fold(word.charAt(i));
                    if (f != 0) {
                        sb.append(f);
                    }
                }
                if (sb.length() < 2) {
                    throw error("prefix '" + word + "*' is too short");
                }
                return new Lit(new int[] {lexicon.prefix(sb.toString())}, sb + "*");
            }
            String[] toks = literalNormalizer.tokens(word);
            if (toks.length == 0) {
                throw error("word '" + word + "' normalises to nothing (a filler?)");
            }
            List<Node> seq = new ArrayList<>();
            for (String t : toks) {
                seq.add(new Lit(new int[] {lexicon.exact(t, !exact)}, t));
            }
            return seq.size() == 1 ? seq.get(0) : new Seq(seq);
        }
    }

    /**
     * Articles and prepositions that a telephone recogniser often deletes and whose absence does not change who
     * asks what. Never pronouns or possessives (they say who gives to whom: "votre compte") nor negations.
     */
    static final Set<String> DROPPABLE = Set.of("de", "du", "des", "le", "la", "les", "un", "une", "a", "au", "aux",
            "en", "et", "the", "an", "of", "to", "and");

    /** True when a word that must be there (not optional, not droppable) comes both before and after {@code i}. */
    private static boolean anchored(List<Node> items, int i) {
        boolean before = false;
        for (int k = 0; k < i && !before; k++) {
            before = isAnchor(items.get(k));
        }
        boolean after = false;
        for (int k = i + 1; k < items.size() && !after; k++) {
            after = isAnchor(items.get(k));
        }
        return before && after;
    }

    private static boolean isAnchor(Node n) {
        return !(n instanceof Opt) && !(n instanceof Gap) && !(n instanceof Not) && !droppable(n);
    }

    /** True for a function word, or a group whose options are all function words ("(le|votre)"). */
    private static boolean droppable(Node n) {
        if (n instanceof Lit lit) {
            return DROPPABLE.contains(lit.text());
        }
        if (n instanceof Alt alt) {
            for (Node o : alt.options()) {
                if (!droppable(o)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Term ids of a node made only of single-word alternatives, else null. */
    private static int[] singleTokenIds(Node n) {
        if (n instanceof Lit lit) {
            return lit.ids();
        }
        if (n instanceof Alt alt) {
            Set<Integer> all = new TreeSet<>();
            for (Node o : alt.options()) {
                int[] ids = singleTokenIds(o);
                if (ids == null) {
                    return null;
                }
                for (int id : ids) {
                    all.add(id);
                }
            }
            return all.stream().mapToInt(Integer::intValue).toArray();
        }
        return null;
    }

    // ---- code generation ----

    private final class Emitter {
        final List<int[]> code = new ArrayList<>(); // {op, a, b}
        final List<int[]> sets = new ArrayList<>();
        final List<Program> subs = new ArrayList<>();

        int emit(int op, int a, int b) {
            code.add(new int[] {op, a, b});
            return code.size() - 1;
        }

        int set(int[] ids) {
            sets.add(ids);
            return sets.size() - 1;
        }

        void gen(Node n) {
            if (n instanceof Lit lit) {
                emit(Program.LIT, set(lit.ids()), 0);
            } else if (n instanceof Seq seq) {
                List<Node> items = seq.items();
                for (int i = 0; i < items.size(); i++) {
                    Node item = items.get(i);
                    // recognisers drop short function words first: inside a phrase, one may be missing
                    gen(tolerant && droppable(item) && anchored(items, i) ? new Opt(item) : item);
                }
            } else if (n instanceof Alt alt) {
                int[] single = singleTokenIds(alt);
                if (single != null) {
                    emit(Program.LIT, set(single), 0);
                    return;
                }
                List<Integer> jumps = new ArrayList<>();
                List<Node> options = alt.options();
                for (int i = 0; i < options.size(); i++) {
                    if (i < options.size() - 1) {
                        int split = emit(Program.SPLIT, 0, 0);
                        code.get(split)[1] = code.size();
                        gen(options.get(i));
                        jumps.add(emit(Program.JMP, 0, 0));
                        code.get(split)[2] = code.size();
                    } else {
                        gen(options.get(i));
                    }
                }
                for (int j : jumps) {
                    code.get(j)[1] = code.size();
                }
            } else if (n instanceof Opt opt) {
                int split = emit(Program.SPLIT, 0, 0);
                code.get(split)[1] = code.size();
                gen(opt.item());
                code.get(split)[2] = code.size();
            } else if (n instanceof Gap gap) {
                // lazy: prefer skipping as few words as possible
                List<Integer> splits = new ArrayList<>();
                for (int i = 0; i < gap.max(); i++) {
                    int split = emit(Program.SPLIT, 0, 0);
                    splits.add(split);
                    code.get(split)[2] = code.size();
                    emit(Program.ANY, 0, 0);
                }
                for (int s : splits) {
                    code.get(s)[1] = code.size();
                }
            } else if (n instanceof Not not) {
                subs.add(build(not.inner(), null));
                emit(Program.NOT, subs.size() - 1, 0);
            } else if (n instanceof Code) {
                emit(Program.CODE, 0, 0);
            } else if (n instanceof Num) {
                emit(Program.NUM, 0, 0);
            } else {
                throw new IllegalStateException(String.valueOf(n));
            }
        }
    }

    /** Compiles one pattern. Errors are {@link IllegalArgumentException}s naming the column. */
    Program compile(String pattern) {
        return compile(pattern, true);
    }

    /**
     * Compiles one pattern; {@code tolerant} lets a function word inside it be missing (off for legitimacy rules,
     * whose small words carry the meaning: "rien <b>à</b> payer" is not "sans rien payer").
     */
    Program compile(String pattern, boolean tolerant) {
        this.tolerant = tolerant;
        return build(new Parser(pattern, 0).parseAll(), pattern);
    }

    private boolean tolerant = true;

    /** Generates the program of {@code ast}; the start set is computed only for a whole pattern (non-null text). */
    private Program build(Node ast, String pattern) {
        Emitter e = new Emitter();
        e.gen(ast);
        e.emit(Program.MATCH, 0, 0);
        int n = e.code.size();
        int[] op = new int[n];
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            op[i] = e.code.get(i)[0];
            a[i] = e.code.get(i)[1];
            b[i] = e.code.get(i)[2];
        }
        int[][] sets = e.sets.toArray(int[][]::new);
        Program[] subs = e.subs.toArray(Program[]::new);
        int[][] guards = new int[n][];
        for (int pc = 0; pc < n; pc++) {
            if (op[pc] == Program.SPLIT) {
                Set<Integer> g = new TreeSet<>();
                if (guard(a[pc], op, a, b, sets, g, new java.util.HashSet<>())) {
                    guards[pc] = g.stream().mapToInt(Integer::intValue).toArray();
                }
            }
        }
        if (pattern == null) {
            Program sub = new Program(op, a, b, sets, Lexicon.NONE, false, subs);
            sub.guards = guards;
            sub.index();
            return sub;
        }
        Set<Integer> first = new TreeSet<>();
        boolean[] number = new boolean[1];
        first(0, op, a, b, sets, first, number, new LinkedHashSet<>(), pattern);
        Program program = new Program(op, a, b, sets, first.stream().mapToInt(Integer::intValue).toArray(), number[0], subs);
        program.guards = guards;
        Required req = required(ast);
        program.requiredTerms = req == null ? null : req.ids.stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Required> candidates = new ArrayList<>();
        mandatoryCandidates(ast, candidates);
        int[][] sets2 = new int[candidates.size()][];
        int[] costs = new int[candidates.size()];
        for (int i = 0; i < sets2.length; i++) {
            sets2[i] = candidates.get(i).ids().stream().mapToInt(Integer::intValue).sorted().toArray();
            costs[i] = candidates.get(i).cost();
        }
        program.index(sets2, costs);
        program.alternatives = alternativeSets(ast);
        return program;
    }

    /**
     * For a pattern that is an alternation of phrases ("en urgence | pas le temps | ..."), the term sets each
     * option proves mandatory on its own program: a turn where no option finds all of its words cannot match.
     * (The union of the options' words, all {@link Program#mayMatch} knows otherwise, is met by almost any turn.)
     * Null when the pattern is not such an alternation or some option proves no set.
     */
    private int[][][] alternativeSets(Node ast) {
        if (!(ast instanceof Alt alt) || singleTokenIds(alt) != null) {
            return null;
        }
        int[][][] out = new int[alt.options().size()][][];
        for (int i = 0; i < out.length; i++) {
            Node option = alt.options().get(i);
            List<Required> candidates = new ArrayList<>();
            mandatoryCandidates(option, candidates);
            int[][] sets = new int[candidates.size()][];
            int[] costs = new int[candidates.size()];
            for (int k = 0; k < sets.length; k++) {
                sets[k] = candidates.get(k).ids().stream().mapToInt(Integer::intValue).sorted().toArray();
                costs[k] = candidates.get(k).cost();
            }
            out[i] = build(option, null).mandatorySets(sets, costs);
            if (out[i].length == 0) {
                return null;
            }
        }
        return out;
    }

    /**
     * Term sets that may be mandatory (one of their words in every match), with their rarity cost: what
     * {@link #required} says of every node. Only candidates: {@link Program#index} keeps those the compiled program
     * proves (tolerance makes some words optional after this analysis), so a wrong guess costs nothing.
     */
    private void mandatoryCandidates(Node n, List<Required> out) {
        Required r = required(n);
        if (r != null) {
            out.add(r);
        }
        if (n instanceof Seq seq) {
            // an option of an alternation is needed only by its own branch: not searched
            seq.items().forEach(i -> mandatoryCandidates(i, out));
        }
    }

    /**
     * Collects the terms a run from {@code pc} must start with; false when that is unknown (the run can consume any
     * word, a number, or match without consuming anything).
     */
    private static boolean guard(int pc, int[] op, int[] a, int[] b, int[][] sets, Set<Integer> out, Set<Integer> seen) {
        if (!seen.add(pc)) {
            return true;
        }
        switch (op[pc]) {
            case Program.LIT:
                for (int id : sets[a[pc]]) {
                    out.add(id);
                }
                return true;
            case Program.SPLIT:
                return guard(a[pc], op, a, b, sets, out, seen) && guard(b[pc], op, a, b, sets, out, seen);
            case Program.JMP:
                return guard(a[pc], op, a, b, sets, out, seen);
            case Program.NOT:
                return guard(pc + 1, op, a, b, sets, out, seen);
            default:
                return false; // ANY, CODE, NUM, MATCH
        }
    }

    /** A set of terms one of which every match must contain, with a cost: common or short words cost more. */
    private record Required(Set<Integer> ids, int cost) {
    }

    private static final Set<String> COMMON = Set.of("de", "le", "la", "les", "un", "une", "des", "du", "a", "au", "ce",
            "est", "je", "vous", "tu", "il", "on", "nous", "me", "te", "se", "ne", "pas", "que", "qui", "et", "en", "pour",
            "sur", "votre", "vos", "ton", "ta", "mon", "ma", "the", "you", "your", "to", "is", "it", "of", "and",
            "i", "we", "my", "this", "that", "for", "in", "be", "will", "have", "do", "not");

    private Required required(Node n) {
        if (n instanceof Lit lit) {
            String text = lit.text();
            int cost;
            if (text.endsWith("*") || COMMON.contains(text)) {
                cost = 100;
            } else if (text.length() <= 3) {
                cost = 20;
            } else {
                cost = Math.max(1, 12 - text.length()); // longer words are rarer
            }
            Set<Integer> ids = new TreeSet<>();
            for (int id : lit.ids()) {
                ids.add(id);
            }
            return new Required(ids, cost);
        }
        if (n instanceof Seq seq) {
            Required best = null;
            for (Node item : seq.items()) {
                Required r = required(item);
                if (r != null && (best == null || r.cost() < best.cost())) {
                    best = r;
                }
            }
            return best;
        }
        if (n instanceof Alt alt) {
            Set<Integer> ids = new TreeSet<>();
            int cost = 0;
            for (Node o : alt.options()) {
                Required r = required(o);
                if (r == null) {
                    return null;
                }
                ids.addAll(r.ids());
                cost += r.cost();
            }
            return new Required(ids, cost);
        }
        return null; // optional, gap, negation, numbers: nothing required
    }

    private static void first(int pc, int[] op, int[] a, int[] b, int[][] sets, Set<Integer> out, boolean[] number,
                              Set<Integer> seen, String pattern) {
        if (!seen.add(pc)) {
            return;
        }
        switch (op[pc]) {
            case Program.LIT -> {
                for (int id : sets[a[pc]]) {
                    out.add(id);
                }
            }
            case Program.SPLIT -> {
                first(a[pc], op, a, b, sets, out, number, seen, pattern);
                first(b[pc], op, a, b, sets, out, number, seen, pattern);
            }
            case Program.JMP -> first(a[pc], op, a, b, sets, out, number, seen, pattern);
            case Program.NOT -> first(pc + 1, op, a, b, sets, out, number, seen, pattern);
            case Program.CODE, Program.NUM -> number[0] = true;
            case Program.ANY -> throw new IllegalArgumentException("pattern must not start with a gap: '" + pattern + "'");
            case Program.MATCH -> throw new IllegalArgumentException("pattern can match nothing at all: '" + pattern + "'");
            default -> throw new IllegalStateException();
        }
    }
}
