package com.ethiq.core.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every word a rule pack mentions, each with a term id, and the lookup from one input token to the ids it matches:
 * exact words, prefixes ({@code rembours*}) and, for long words, one edit of tolerance (a recognition slip such
 * as {@code confidentiel}/{@code confidenciel}). Built once per pack; immutable and thread-safe afterwards.
 * Lookup walks a character trie and two small buckets, so it allocates only the result array.
 */
final class Lexicon {

    static final int[] NONE = new int[0];
    /** Words (and tokens) at least this long tolerate one edit (insertion, deletion or substitution). */
    static final int FUZZY_MIN_LENGTH = 7;

    private final Node root;
    private final String[] fuzzyWord;
    private final int[][] byHead;
    private final int[][] byTail;
    private final String[] describe;

    private Lexicon(Node root, String[] fuzzyWord, int[][] byHead, int[][] byTail, String[] describe) {
        this.root = root;
        this.fuzzyWord = fuzzyWord;
        this.byHead = byHead;
        this.byTail = byTail;
        this.describe = describe;
    }

    int size() {
        return describe.length;
    }

    String describe(int termId) {
        return describe[termId];
    }

    /**
     * What one input token is to the pack, looked up once: its term ids and where its characters leave the trie
     * (so that joining it with the next token is tested without walking it again). Immutable.
     */
    static final class Token {
        final int[] ids;
        /** The token's characters pass a pack prefix (what {@link #spells} says of the token alone). */
        private final boolean prefixHit;
        /** The trie node after the token's characters, null when they leave the trie. */
        private final Node node;

        private Token(int[] ids, boolean prefixHit, Node node) {
            this.ids = ids;
            this.prefixHit = prefixHit;
            this.node = node;
        }

        boolean known() {
            return ids.length > 0;
        }

        /** The token's characters are a path of the trie (a pack word or the start of one). */
        boolean inTrie() {
            return node != null;
        }
    }

    /** Memo of {@link #token}: speech vocabulary repeats a lot. A pure function's cache, bounded in size. */
    private final java.util.concurrent.ConcurrentHashMap<String, Token> memo = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_LIMIT = 100_000;

    /** The sorted term ids that {@code token} matches (a shared array: do not modify). */
    int[] termsOf(String token) {
        return token(token).ids;
    }

    /** The token's term ids and trie position, memoised. */
    Token token(String token) {
        Token t = memo.get(token);
        if (t == null) {
            t = walk(token);
            if (memo.size() < MEMO_LIMIT) {
                memo.putIfAbsent(token, t);
            }
        }
        return t;
    }

    private Token walk(String token) {
        Node node = root;
        boolean prefixHit = false;
        for (int i = 0; i < token.length() && node != null; i++) {
            node = node.child(token.charAt(i));
            prefixHit |= node != null && node.prefixIds.length > 0;
        }
        return new Token(lookup(token), prefixHit, node);
    }

    /** {@link #spells} for a token already looked up: its characters then {@code b}'s. */
    boolean spells(Token a, String b) {
        if (b.isEmpty()) {
            return a.prefixHit || (a.node != null && a.node.exactIds.length > 0);
        }
        // a prefix complete within a says nothing about a + b (see spells(String, String)): walk on from a's end
        Node node = a.node;
        if (node == null) {
            return false;
        }
        for (int i = 0; i < b.length(); i++) {
            node = node.child(b.charAt(i));
            if (node == null) {
                return false;
            }
            if (node.prefixIds.length > 0) {
                return true;
            }
        }
        return node.exactIds.length > 0;
    }

    /**
     * True when the characters of {@code a} then {@code b} spell a pack word or start with a pack prefix, without
     * the edit tolerance and without the memo (used to test candidate joins and splits, which must not fill it).
     * A pack prefix counts only once it takes letters of {@code b}: a prefix already complete within {@code a}
     * ("confidentiel*" in "confidentielle") says nothing about {@code a + b}, and joining on it would glue a known
     * word to whatever unknown word follows it ("confidentielle soumise" → one token).
     */
    boolean spells(String a, String b) {
        Node node = root;
        int la = a.length();
        int len = la + b.length();
        for (int i = 0; i < len; i++) {
            node = node.child(i < la ? a.charAt(i) : b.charAt(i - la));
            if (node == null) {
                return false;
            }
            if (node.prefixIds.length > 0 && (i >= la || b.isEmpty())) {
                return true;
            }
        }
        return node.exactIds.length > 0;
    }

    private int[] lookup(String token) {
        int[] buf = null;
        int count = 0;
        Node node = root;
        int len = token.length();
        for (int i = 0; i < len && node != null; i++) {
            node = node.child(token.charAt(i));
            if (node == null) {
                break;
            }
            if (node.prefixIds.length > 0) {
                buf = grow(buf, count, node.prefixIds.length);
                System.arraycopy(node.prefixIds, 0, buf, count, node.prefixIds.length);
                count += node.prefixIds.length;
            }
            if (i == len - 1 && node.exactIds.length > 0) {
                buf = grow(buf, count, node.exactIds.length);
                System.arraycopy(node.exactIds, 0, buf, count, node.exactIds.length);
                count += node.exactIds.length;
            }
        }
        if (len >= FUZZY_MIN_LENGTH && isLetters(token)) {
            int head = code3(token, 0);
            int tail = code3(token, len - 3);
            for (int pass = 0; pass < 2; pass++) {
                int[] cands = pass == 0 ? byHead[head] : byTail[tail];
                if (cands == null) {
                    continue;
                }
                for (int id : cands) {
                    String w = fuzzyWord[id];
                    if (Math.abs(w.length() - len) <= 1 && !contains(buf, count, id) && withinOneEdit(token, w)) {
                        buf = grow(buf, count, 1);
                        buf[count++] = id;
                    }
                }
            }
        }
        if (count == 0) {
            return NONE;
        }
        int[] out = Arrays.copyOf(buf, count);
        Arrays.sort(out);
        return out;
    }

    private static boolean isLetters(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(int[] buf, int count, int id) {
        for (int i = 0; i < count; i++) {
            if (buf[i] == id) {
                return true;
            }
        }
        return false;
    }

    private static int[] grow(int[] buf, int count, int extra) {
        if (buf == null) {
            return new int[Math.max(4, extra)];
        }
        if (count + extra > buf.length) {
            return Arrays.copyOf(buf, Math.max(buf.length * 2, count + extra));
        }
        return buf;
    }

    /** 5 bits per letter, 3 letters: an index into a 32768-slot table. */
    private static int code3(String s, int from) {
        int c = 0;
        for (int i = from; i < from + 3; i++) {
            char ch = s.charAt(i);
            int v = ch >= 'a' && ch <= 'z' ? ch - 'a' + 1 : 31;
            c = (c << 5) | v;
        }
        return c;
    }

    /** True when {@code a} and {@code b} differ by at most one insertion, deletion or substitution. */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        if (la < lb) {
            String t = a;
            a = b;
            b = t;
            int tl = la;
            la = lb;
            lb = tl;
        }
        int i = 0;
        while (i < lb && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == lb) {
            return true;
        }
        if (la == lb) {
            return a.regionMatches(i + 1, b, i + 1, la - i - 1);
        }
        return a.regionMatches(i + 1, b, i, lb - i);
    }

    private static final class Node {
        char[] keys = new char[0];
        Node[] kids = new Node[0];
        int[] exactIds = NONE;
        int[] prefixIds = NONE;

        Node child(char c) {
            char[] k = keys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return kids[i];
                }
            }
            return null;
        }
    }

    /** Collects words while the packs compile. Not thread-safe; used by one compiler. */
    static final class Builder {
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> describe = new ArrayList<>();
        private final TreeMap<String, List<Integer>> exact = new TreeMap<>();
        private final TreeMap<String, List<Integer>> prefix = new TreeMap<>();
        private final Map<Integer, String> fuzzy = new HashMap<>();

        /** Id of an exact word; tolerant of one edit when {@code fuzzy} and the word is long enough. */
        int exact(String word, boolean fuzzy) {
            boolean tolerant = fuzzy && word.length() >= FUZZY_MIN_LENGTH && isLetters(word);
            String key = (tolerant ? "~" : "=") + word;
            Integer id = ids.get(key);
            if (id != null) {
                return id;
            }
            int newId = describe.size();
            ids.put(key, newId);
            describe.add(tolerant ? word + "~" : word);
            exact.computeIfAbsent(word, k -> new ArrayList<>()).add(newId);
            if (tolerant) {
                this.fuzzy.put(newId, word);
            }
            return newId;
        }

        /** Id of a prefix: matches every token that starts with it. */
        int prefix(String start) {
            String key = "*" + start;
            Integer id = ids.get(key);
            if (id != null) {
                return id;
            }
            int newId = describe.size();
            ids.put(key, newId);
            describe.add(start + "*");
            prefix.computeIfAbsent(start, k -> new ArrayList<>()).add(newId);
            return newId;
        }

        Lexicon build() {
            Map<String, MutableNode> all = new HashMap<>();
            MutableNode root = new MutableNode();
            exact.forEach((w, list) -> node(root, w).exact.addAll(list));
            prefix.forEach((w, list) -> node(root, w).prefix.addAll(list));
            int n = describe.size();
            String[] fuzzyWord = new String[n];
            int[][] byHead = new int[32768][];
            int[][] byTail = new int[32768][];
            fuzzy.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                int id = e.getKey();
                String w = e.getValue();
                fuzzyWord[id] = w;
                add(byHead, code3(w, 0), id);
                add(byTail, code3(w, w.length() - 3), id);
            });
            all.clear();
            return new Lexicon(root.freeze(), fuzzyWord, byHead, byTail, describe.toArray(String[]::new));
        }

        private static void add(int[][] table, int slot, int id) {
            int[] cur = table[slot];
            if (cur == null) {
                table[slot] = new int[] {id};
            } else {
                int[] next = Arrays.copyOf(cur, cur.length + 1);
                next[cur.length] = id;
                table[slot] = next;
            }
        }

        private static MutableNode node(MutableNode root, String word) {
            MutableNode cur = root;
            for (int i = 0; i < word.length(); i++) {
                cur = cur.kids.computeIfAbsent(word.charAt(i), c -> new MutableNode());
            }
            return cur;
        }
    }

    private static final class MutableNode {
        final TreeMap<Character, MutableNode> kids = new TreeMap<>();
        final List<Integer> exact = new ArrayList<>();
        final List<Integer> prefix = new ArrayList<>();

        Node freeze() {
            Node n = new Node();
            n.keys = new char[kids.size()];
            n.kids = new Node[kids.size()];
            int i = 0;
            for (Map.Entry<Character, MutableNode> e : kids.entrySet()) {
                n.keys[i] = e.getKey();
                n.kids[i] = e.getValue().freeze();
                i++;
            }
            n.exactIds = exact.stream().mapToInt(Integer::intValue).sorted().toArray();
            n.prefixIds = prefix.stream().mapToInt(Integer::intValue).sorted().toArray();
            return n;
        }
    }
}
