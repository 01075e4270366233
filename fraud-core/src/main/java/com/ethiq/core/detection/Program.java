package com.ethiq.core.detection;

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

    Program(int[] op, int[] a, int[] b, int[][] sets, int[] firstTerms, boolean startsWithNumber, Program[] subs) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.sets = sets;
        this.firstTerms = firstTerms;
        this.startsWithNumber = startsWithNumber;
        this.subs = subs;
    }

    /** The end (exclusive) of a match starting at {@code pos}, or -1. */
    int matchAt(TokenView t, int pos) {
        return run(0, pos, t, 0);
    }

    private int run(int pc, int pos, TokenView t, int depth) {
        if (depth > 4000) {
            return -1;
        }
        while (true) {
            switch (op[pc]) {
                case LIT:
                    if (pos < t.size() && intersects(t.ids[pos], sets[a[pc]])) {
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
                    int r = run(a[pc], pos, t, depth + 1);
                    if (r >= 0) {
                        return r;
                    }
                    pc = b[pc];
                    continue;
                }
                case JMP:
                    pc = a[pc];
                    continue;
                case NOT:
                    if (subs[a[pc]].run(0, pos, t, depth + 1) >= 0) {
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

    static boolean intersects(int[] x, int[] y) {
        int i = 0;
        int j = 0;
        while (i < x.length && j < y.length) {
            int d = x[i] - y[j];
            if (d == 0) {
                return true;
            }
            if (d < 0) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
