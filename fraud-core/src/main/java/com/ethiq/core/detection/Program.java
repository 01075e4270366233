package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled token pattern: a tiny backtracking machine over tokens (like a regular-expression program whose
 * "characters" are words). Immutable; {@link #run} allocates nothing.
 */
final class Program {

    static final int LIT = 0;
    static final int ANY = 1;
    static final int SPLIT = 2;
    static final int JMP = 3;
    static final int NOT = 4;
    static final int CODE = 5;
    static final int NUM = 6;
    static final int MATCH = 7;

    final int[] op;
    final int[] a;
    final int[] b;
    /** Term-id sets for LIT and NOT, sorted. */
    final int[][] sets;
    /** Term ids that can start a match (union of the first LIT sets). */
    final int[] firstTerms;
    /** True when a match can start on a digit token (#code or #num first). */
    final boolean startsWithNumber;
    /** Sub-patterns of NOT (a NOT fails when its sub-pattern matches at that position). */
    final Program[] subs;
    /** Every match contains a token with one of these terms (sorted); null when no such set is known. */
    int[] requiredTerms;
    /** For each SPLIT: the terms its first branch can start with (sorted), or null when unknown; lets run() skip it. */
    int[][] guards;
    /** Bitset twins of {@link #sets} and {@link #guards}: word {@code i} covers ids {@code (base + i) * 64...}. */
    private long[][] setBits;
    private int[] setBase;
    private long[][] guardBits;
    private int[] guardBase;
    /**
     * Term sets of the LIT instructions every match passes through (whatever branch it takes): a turn none of whose
     * tokens meets one of them cannot match, so the rule is not tried ({@link #mayMatch}).
     */
    private int[][] mandatory = new int[0][];
    /**
     * For a pattern that is an alternation of phrases: per option, the term sets every match through that option
     * meets (rarest first); a turn must meet all the sets of one option. Null when unknown.
     */
    int[][][] alternatives;

    /**
     * True when every path to MATCH goes through a LIT whose terms are all {@link #requiredTerms}: a match then
     * contains a required term at or after its start, so no match starts after the turn's last required term.
     * (Checked on the program, not assumed: a required word the compiler made optional would break it.)
     */
    boolean requiredBoundsStart;

    private long[] firstBits = new long[0];
    private int firstBase;

    /** The first of the token's (sorted) term ids that can start a match, or -1. */
    int firstTermIn(int[] token) {
        for (int id : token) {
            int w = (id >> 6) - firstBase;
            if (w >= 0 && w < firstBits.length && (firstBits[w] & (1L << id)) != 0) {
                return id;
            }
        }
        return -1;
    }

    /** Builds the bitset twins; called once after compilation (a sub-pattern: no candidate term sets). */
    void index() {
        index(new int[0][], new int[0]);
    }

    /**
     * Builds the bitset twins and the term sets {@link #mayMatch} tests; called once after compilation.
     *
     * @param candidates term sets (sorted) that may hold a word of every match, to be proved on the program
     * @param costs      their rarity cost (lower: rarer in speech; see {@code PatternCompiler.required})
     */
    void index(int[][] candidates, int[] costs) {
        firstBase = firstTerms.length == 0 ? 0 : firstTerms[0] >> 6;
        firstBits = bits(firstTerms, firstBase);
        setBits = new long[sets.length][];
        setBase = new int[sets.length];
        for (int i = 0; i < sets.length; i++) {
            setBase[i] = sets[i].length == 0 ? 0 : sets[i][0] >> 6;
            setBits[i] = bits(sets[i], setBase[i]);
        }
        if (requiredTerms != null) {
            requiredBoundsStart = proves(requiredTerms);
        }
        this.mandatory = mandatorySets(candidates, costs);
        guardBits = new long[op.length][];
        guardBase = new int[op.length];
        if (guards != null) {
            for (int i = 0; i < guards.length; i++) {
                if (guards[i] != null) {
                    guardBase[i] = guards[i].length == 0 ? 0 : guards[i][0] >> 6;
                    guardBits[i] = bits(guards[i], guardBase[i]);
                }
            }
        }
    }

    /**
     * The term sets every match meets, rarest first so that a turn lacking one is usually rejected by the first
     * test: the LIT instructions every path to MATCH executes, plus the candidates the program proves (a whole
     * alternation such as "$BANK", whose options are not single words, is one set). A set containing another
     * is implied by it and dropped; a set containing the required terms comes last (a candidate rule has one).
     */
    int[][] mandatorySets(int[][] candidates, int[] costs) {
        List<int[]> found = new ArrayList<>();
        List<Integer> cost = new ArrayList<>();
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i].length > 0 && proves(candidates[i])) {
                found.add(candidates[i]);
                cost.add(costs[i]);
            }
        }
        for (int pc = 0; pc < op.length; pc++) {
            if (op[pc] == LIT && !reachesMatchAvoiding(new boolean[op.length], pc)) {
                found.add(sets[a[pc]]);
                cost.add(Integer.MAX_VALUE - 1); // rarity unknown here: after the candidates it duplicates
            }
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            boolean implied = false;
            for (int j = 0; j < found.size() && !implied; j++) {
                if (j != i && subset(found.get(j), found.get(i))) {
                    // j implies i; of two equal sets keep the one with the lower cost (then the first)
                    boolean equal = found.get(j).length == found.get(i).length;
                    implied = !equal || cost.get(j) < cost.get(i) || (cost.get(j).equals(cost.get(i)) && j < i);
                }
            }
            if (!implied) {
                keep.add(i);
            }
        }
        keep.sort(java.util.Comparator.<Integer>comparingInt(i -> requiredTerms != null
                        && subset(requiredTerms, found.get(i)) ? 1 : 0)
                .thenComparingInt(cost::get)
                .thenComparingInt(i -> found.get(i).length)
                .thenComparingInt(i -> i));
        int[][] out = new int[keep.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = found.get(keep.get(i));
        }
        return out;
    }

    /**
     * True when every path to MATCH executes a LIT whose terms all belong to {@code terms} (sorted): every match
     * then holds a token with one of them.
     */
    private boolean proves(int[] terms) {
        boolean[] cut = new boolean[op.length];
        for (int pc = 0; pc < op.length; pc++) {
            cut[pc] = op[pc] == LIT && sets[a[pc]].length > 0 && subset(sets[a[pc]], terms);
        }
        return !reachesMatchAvoiding(cut, -1);
    }

    private static boolean subset(int[] sortedA, int[] sortedB) {
        for (int x : sortedA) {
            if (java.util.Arrays.binarySearch(sortedB, x) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when some path from the start to MATCH executes neither instruction {@code avoid} nor one marked in
     * {@code seen} (which this fills).
     */
    private boolean reachesMatchAvoiding(boolean[] seen, int avoid) {
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        todo.push(0);
        while (!todo.isEmpty()) {
            int pc = todo.pop();
            if (pc == avoid || seen[pc]) {
                continue;
            }
            seen[pc] = true;
            switch (op[pc]) {
                case MATCH:
                    return true;
                case SPLIT:
                    todo.push(a[pc]);
                    todo.push(b[pc]);
                    break;
                case JMP:
                    todo.push(a[pc]);
                    break;
                default:
                    todo.push(pc + 1);
                    break;
            }
        }
        return false;
    }

    /**
     * False when the turn cannot hold a match: one of the words every match needs is absent. {@code present} is the
     * bitset of the term ids of the turn's tokens.
     */
    boolean mayMatch(long[] present) {
        if (!allMet(mandatory, present)) {
            return false;
        }
        if (alternatives == null) {
            return true;
        }
        for (int[][] option : alternatives) {
            if (allMet(option, present)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMet(int[][] sets, long[] present) {
        for (int[] ids : sets) {
            boolean met = false;
            for (int i = 0; i < ids.length && !met; i++) {
                met = (present[ids[i] >> 6] & (1L << ids[i])) != 0;
            }
            if (!met) {
                return false;
            }
        }
        return true;
    }

    private static long[] bits(int[] sortedIds, int base) {
        if (sortedIds.length == 0) {
            return new long[0];
        }
        long[] b = new long[(sortedIds[sortedIds.length - 1] >> 6) - base + 1];
        for (int id : sortedIds) {
            b[(id >> 6) - base] |= 1L << id;
        }
        return b;
    }

    private static boolean meets(int[] token, long[] bits, int base) {
        for (int id : token) {
            int w = (id >> 6) - base;
            if (w >= 0 && w < bits.length && (bits[w] & (1L << id)) != 0) {
                return true;
            }
        }
        return false;
    }

    Program(int[] op, int[] a, int[] b, int[][] sets, int[] firstTerms, boolean startsWithNumber, Program[] subs) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.sets = sets;
        this.firstTerms = firstTerms;
        this.startsWithNumber = startsWithNumber;
        this.subs = subs;
    }

    /**
     * Failure memo of one thread: a (pc, pos) state of a program that failed once in a turn fails again, whatever
     * the start position. Slots are stamped with a per-(turn, rule) number, so rules sharing the table never read
     * each other's entries (an overwritten entry is only a lost shortcut).
     */
    static final class Memo {
        int[] stamps = new int[4096];
        int next = 1;
        int width;

        /** Largest table kept per thread (4 MB); longer turns run without the memo. */
        static final int MAX_SLOTS = 1 << 20;

        /**
         * Prepares the table for a turn of {@code tokens} tokens and reserves {@code rules} stamps; returns the first,
         * or -1 when the turn is too long for the table (then match without memo).
         */
        int beginTurn(int tokens, int maxProgram, int rules) {
            width = tokens + 1;
            long needed = (long) maxProgram * width;
            if (needed > MAX_SLOTS) {
                return -1;
            }
            int need = (int) needed;
            if (stamps.length < need) {
                stamps = new int[Math.max(need, stamps.length * 2)];
            }
            if (next > Integer.MAX_VALUE - rules - 1) {
                java.util.Arrays.fill(stamps, 0);
                next = 1;
            }
            int first = next;
            next += rules;
            return first;
        }
    }

    private static final ThreadLocal<Memo> MEMO = ThreadLocal.withInitial(Memo::new);

    static Memo memo() {
        return MEMO.get();
    }

    int length() {
        return op.length;
    }

    /** The end (exclusive) of a match starting at {@code pos}, or -1, using {@code memo} slots stamped {@code stamp}. */
    int matchAt(TokenView t, int pos, Memo memo, int stamp) {
        return run(0, pos, t, 0, memo, stamp);
    }

    /** The end (exclusive) of a match starting at {@code pos}, or -1 (no memo; for tests and sub-patterns). */
    int matchAt(TokenView t, int pos) {
        return run(0, pos, t, 0, null, 0);
    }

    private int run(int pc, int pos, TokenView t, int depth, Memo memo, int stamp) {
        if (depth > 4000) {
            return -1;
        }
        while (true) {
            switch (op[pc]) {
                case LIT:
                    if (pos < t.size() && meets(t.ids[pos], setBits[a[pc]], setBase[a[pc]])) {
                        pc++;
                        pos++;
                        continue;
                    }
                    return -1;
                case ANY:
                    if (pos < t.size()) {
                        pc++;
                        pos++;
                        continue;
                    }
                    return -1;
                case SPLIT: {
                    int[] guard = guards == null ? null : guards[pc];
                    if (guard != null && (pos >= t.size() || !meets(t.ids[pos], guardBits[pc], guardBase[pc]))) {
                        pc = b[pc];
                        continue;
                    }
                    int slot = memo == null ? -1 : pc * memo.width + pos;
                    if (slot >= 0 && memo.stamps[slot] == stamp) {
                        return -1;
                    }
                    int r = run(a[pc], pos, t, depth + 1, memo, stamp);
                    if (r < 0) {
                        r = run(b[pc], pos, t, depth + 1, memo, stamp);
                    }
                    if (r < 0 && slot >= 0) {
                        memo.stamps[slot] = stamp;
                    }
                    return r;
                }
                case JMP:
                    pc = a[pc];
                    continue;
                case NOT:
                    if (subs[a[pc]].run(0, pos, t, depth + 1, null, 0) >= 0) {
                        return -1;
                    }
                    pc++;
                    continue;
                case CODE: {
                    int end = t.codeRunEnd(pos);
                    if (end < 0) {
                        return -1;
                    }
                    pc++;
                    pos = end;
                    continue;
                }
                case NUM:
                    if (pos < t.size() && t.isNumber(pos)) {
                        pc++;
                        pos++;
                        continue;
                    }
                    return -1;
                case MATCH:
                    return pos;
                default:
                    throw new IllegalStateException("bad op " + op[pc]);
            }
        }
    }

    /** True when the token's (few) term ids meet a small sorted set of ids. */
    static boolean intersects(int[] token, int[] set) {
        if (token.length == 0 || set.length == 0 || token[0] > set[set.length - 1] || token[token.length - 1] < set[0]) {
            return false;
        }
        for (int id : token) {
            for (int x : set) {
                if (x == id) {
                    return true;
                }
                if (x > id) {
                    break;
                }
            }
        }
        return false;
    }
}
