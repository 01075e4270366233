package com.ethiq.core.detection;

import com.ethiq.core.text.SpokenNumberWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns spoken numbers into digit tokens. A run of single digits stays a run ({@code quatre huit deux} gives
 * {@code 4 8 2}, as people read codes), compound numbers are added up ({@code mille huit cent cinquante} gives
 * {@code 1850}). The ambiguous "un"/"une"/"one"... only count as a number next to another number. Immutable.
 */
final class NumberWords {

    private enum Type { UNIT, TEEN, TENS, HUNDRED, THOUSAND }

    private record Word(long value, Type type) {
    }

    static final NumberWords FRENCH = new NumberWords(typed(SpokenNumberWords.FRENCH, Map.of("une", 1L)),
            Set.of("un", "une"), "et", Set.of("euro", "euros", "centime", "centimes", "chiffre", "chiffres"));

    static final NumberWords ENGLISH = new NumberWords(typed(SpokenNumberWords.ENGLISH, Map.of()), Set.of(), "and", Set.of());

    private final Map<String, Word> words;
    private final Set<String> ambiguous;
    private final String joiner;
    /** Words after which an ambiguous "un"/"une" is a number ("un euro", "une chiffre"...). */
    private final Set<String> units;

    /** The shared words and this language's own, each typed by its value (dix to dix-neuf are teens). */
    private static Map<String, Word> typed(Map<String, Long> shared, Map<String, Long> own) {
        Map<String, Word> typed = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, Long> add = (word, v) -> typed.put(word, new Word(v,
                v < 10 ? Type.UNIT : v < 20 ? Type.TEEN : v < 100 ? Type.TENS : v < 1000 ? Type.HUNDRED : Type.THOUSAND));
        shared.forEach(add);
        own.forEach(add);
        return typed;
    }

    private NumberWords(Map<String, Word> words, Set<String> ambiguous, String joiner, Set<String> units) {
        this.words = new java.util.HashMap<>(words);
        this.ambiguous = ambiguous;
        this.joiner = joiner;
        this.units = units;
    }

    private static boolean isDigits(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The words this converter may turn into digits (the normaliser skips its pass for a turn without one). */
    Set<String> vocabulary() {
        return java.util.Collections.unmodifiableSet(words.keySet());
    }

    private boolean isNumberish(String[] tokens, int n, int i) {
        if (i < 0 || i >= n) {
            return false;
        }
        String t = tokens[i];
        return isDigits(t) || (words.containsKey(t) && !ambiguous.contains(t));
    }

    private boolean isNumberWord(String[] tokens, int n, int i) {
        String t = tokens[i];
        Word w = words.get(t);
        if (w == null) {
            return false;
        }
        if (ambiguous.contains(t)) {
            return isNumberish(tokens, n, i - 1) || isNumberish(tokens, n, i + 1)
                    || (i + 1 < n && units.contains(tokens[i + 1]))
                    || (i >= 2 && tokens[i - 1].equals(joiner) && isNumberish(tokens, n, i - 2));
        }
        return true;
    }

    List<String> convert(List<String> in) {
        String[] tokens = in.toArray(new String[0]);
        String[] out = new String[tokens.length];
        int n = convert(tokens, tokens.length, out);
        return n < 0 ? in : new ArrayList<>(java.util.Arrays.asList(out).subList(0, n));
    }

    /**
     * Converts {@code in[0..n)} into {@code out} (at least {@code n} long: a run of k number words gives at most k
     * numbers) and returns the count, or -1 when the tokens hold no number word ({@code out} untouched).
     */
    int convert(String[] in, int n, String[] out) {
        boolean any = false;
        for (int k = 0; k < n; k++) {
            if (words.containsKey(in[k])) {
                any = true;
                break;
            }
        }
        if (!any) {
            return -1;
        }
        int w = 0;
        int i = 0;
        while (i < n) {
            if (!isNumberWord(in, n, i)) {
                out[w++] = in[i];
                i++;
                continue;
            }
            int j = i;
            List<Word> run = new ArrayList<>();
            while (j < n) {
                if (isNumberWord(in, n, j)) {
                    run.add(words.get(in[j]));
                    j++;
                } else if (in[j].equals(joiner) && !run.isEmpty() && j + 1 < n && isNumberWord(in, n, j + 1)
                        && run.get(run.size() - 1).type != Type.UNIT) {
                    j++;
                } else {
                    break;
                }
            }
            for (long v : parse(run)) {
                out[w++] = Long.toString(v);
            }
            i = j;
        }
        return w;
    }

    private static List<Long> parse(List<Word> run) {
        List<Long> out = new ArrayList<>(run.size());
        long total = 0;
        long current = -1;
        Type last = null;
        long lastValue = -1;
        for (Word w : run) {
            long v = w.value;
            switch (w.type) {
                case UNIT -> {
                    if (current < 0) {
                        current = v;
                    } else if (last == Type.TENS && current % 10 == 0 && v > 0) {
                        current += v;
                    } else if (last == Type.TEEN && lastValue == 10 && v >= 7 && current % 100 >= 10) {
                        current += v;
                    } else if ((last == Type.HUNDRED || last == Type.THOUSAND) && (current % 100 == 0)) {
                        current += v;
                    } else {
                        out.add(total + current);
                        total = 0;
                        current = v;
                    }
                }
                case TEEN -> {
                    if (current < 0) {
                        current = v;
                    } else if (last == Type.TENS && (current % 100 == 60 || current % 100 == 80)) {
                        current += v;
                    } else if ((last == Type.HUNDRED || last == Type.THOUSAND) && current % 100 == 0) {
                        current += v;
                    } else {
                        out.add(total + current);
                        total = 0;
                        current = v;
                    }
                }
                case TENS -> {
                    if (current < 0) {
                        current = v;
                    } else if (v == 20 && current % 100 == 4 && last == Type.UNIT) {
                        current = current - 4 + 80;
                    } else if ((last == Type.HUNDRED || last == Type.THOUSAND) && current % 100 == 0) {
                        current += v;
                    } else {
                        out.add(total + current);
                        total = 0;
                        current = v;
                    }
                }
                case HUNDRED -> {
                    if (current < 0 || (last == Type.THOUSAND && current == 0)) {
                        current = 100;
                    } else if (current < 10 && last == Type.UNIT) {
                        current = current * 100;
                    } else if (last == Type.THOUSAND) {
                        current = 100;
                    } else {
                        out.add(total + current);
                        total = 0;
                        current = 100;
                    }
                }
                case THOUSAND -> {
                    if (current < 0) {
                        total += 1000;
                    } else if (current < 1000 && total == 0) {
                        total += Math.max(1, current) * 1000;
                    } else {
                        out.add(total + current);
                        total = 1000;
                    }
                    current = 0;
                }
                default -> throw new IllegalStateException();
            }
            last = w.type;
            lastValue = v;
        }
        if (current >= 0 || total > 0) {
            out.add(total + Math.max(current, 0));
        }
        return out;
    }
}
