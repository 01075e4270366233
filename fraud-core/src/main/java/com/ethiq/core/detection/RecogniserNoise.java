package com.ethiq.core.detection;

import com.ethiq.core.domain.Language;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Rewrites clean transcript text the way a telephone speech recogniser (8 kHz, streaming) writes it, at a chosen word
 * error rate: lower case, no punctuation, numbers as digits or words or split in halves, and word errors whose mix
 * follows published breakdowns of telephone ASR errors (see {@code docs/detection.md}, "Recogniser noise"):
 * deletions dominate and hit short function words first; substitutions are mostly homophones ("c'est/ses/ces",
 * "compte/conte", "their/there"), mangled names and acoustically close corpus words; a few words split or merge;
 * a few short words are inserted. Each utterance also gets the interim results a streaming recogniser sends before
 * its final, whose last words are unstable and revised. Seeded: the same seed and inputs give the same output.
 * Not thread-safe (one random generator).
 */
public final class RecogniserNoise {

    /** One recognised utterance: interim results in arrival order, then the final text. */
    public record Utterance(List<String> partials, String finalText) {
        public Utterance {
            partials = List.copyOf(partials);
            Objects.requireNonNull(finalText, "'finalText' must not be null");
        }
    }

    /** Share of the error budget per error kind (counted in word errors; a split or a merge costs two). */
    static final double DELETIONS = 0.45;
    static final double SUBSTITUTIONS = 0.40;
    static final double SPLITS_AND_MERGES = 0.10;
    static final double INSERTIONS = 0.05;

    private static final Set<String> FR_FUNCTION = Set.of("le", "la", "les", "l'", "de", "du", "des", "d'", "un", "une",
            "à", "a", "au", "aux", "et", "en", "y", "ce", "se", "je", "j'", "tu", "il", "on", "ne", "n'", "pas", "que",
            "qu'", "qui", "me", "m'", "te", "t'", "s'", "vous", "nous", "ou", "est", "c'est", "ça", "sur", "pour",
            "par", "mon", "ma", "mes", "ton", "ta", "son", "sa", "ses", "votre", "vos", "leur", "oui", "bien", "si",
            "là", "dans", "avec", "plus");
    private static final Set<String> EN_FUNCTION = Set.of("the", "a", "an", "of", "to", "in", "on", "at", "for",
            "and", "or", "is", "are", "was", "be", "it", "it's", "i", "you", "we", "he", "she", "they", "me", "my",
            "your", "our", "that", "this", "do", "have", "has", "will", "can", "just", "so", "please", "with", "by",
            "from", "up", "not", "if", "as", "its");

    private static final String[][] FR_HOMOPHONES = {
            {"c'est", "s'est", "ses", "ces", "sait"}, {"compte", "conte", "comte"}, {"a", "à", "as"},
            {"et", "est", "ai"}, {"vers", "verre", "vert", "ver"}, {"son", "sont"}, {"on", "ont"}, {"ou", "où"},
            {"la", "là", "l'a"}, {"ce", "se"}, {"mais", "mes", "met"}, {"peu", "peut", "peux"},
            {"sans", "cent", "sang", "s'en"}, {"quand", "quant", "qu'en"}, {"cher", "chère", "chair"},
            {"faux", "faut"}, {"fois", "foi", "foie"}, {"prêt", "près"}, {"sûr", "sur"}, {"tout", "tous", "toux"},
            {"vingt", "vin", "vint"}, {"sept", "cette", "set"}, {"leur", "leurs", "l'heure"}, {"dans", "dent"},
            {"en", "an"}, {"mère", "mer", "maire"}, {"point", "poing"}, {"si", "ci", "scie"}, {"du", "dû"},
            {"ma", "m'a"}, {"ta", "t'a"}, {"mon", "m'ont"}, {"date", "datte"}, {"banque", "banc"},
            {"signe", "cygne"}, {"vite", "vide"}, {"sert", "serre", "cerf"}};
    private static final String[][] EN_HOMOPHONES = {
            {"their", "there", "they're"}, {"to", "two", "too"}, {"your", "you're"}, {"its", "it's"},
            {"for", "four"}, {"by", "buy", "bye"}, {"no", "know"}, {"right", "write"}, {"here", "hear"},
            {"where", "wear"}, {"one", "won"}, {"eight", "ate"}, {"card", "cart", "car"}, {"code", "coat"},
            {"send", "sent"}, {"bail", "bale"}, {"pay", "paid"}, {"cash", "catch"}, {"wire", "why"},
            {"account", "count"}, {"then", "than"}, {"our", "hour"}, {"be", "bee"}, {"see", "sea"},
            {"would", "wood"}, {"week", "weak"}, {"new", "knew"}, {"read", "red"}, {"gift", "give"}};
    /** French verb endings that sound alike: "payer/payé/payez", "donnait/donner". */
    private static final String[] FR_ENDINGS = {"er", "é", "ez", "ais", "ait"};

    private static final String[] FR_INSERTS = {"et", "de", "le", "euh", "en", "a"};
    private static final String[] EN_INSERTS = {"the", "a", "uh", "and", "to", "i"};

    private static final String[] FR_UNITS = {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
            "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"};
    private static final String[] EN_UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"};

    private final Language language;
    private final double wordErrorRate;
    private final Random random;
    private final String[] vocabulary;
    private final Map<String, String[]> homophones = new HashMap<>();
    private final Set<String> functionWords;

    /**
     * @param wordErrorRate target (substitutions + deletions + insertions) / reference words, 0 to 0.5
     * @param corpusWords   words a substitution may produce (the recogniser's confusions come from its vocabulary)
     */
    public RecogniserNoise(Language language, double wordErrorRate, long seed, Collection<String> corpusWords) {
        this.language = Objects.requireNonNull(language, "'language' must not be null");
        if (!(wordErrorRate >= 0 && wordErrorRate <= 0.5)) {
            throw new IllegalArgumentException("'wordErrorRate' must be in [0, 0.5], got " + wordErrorRate);
        }
        this.wordErrorRate = wordErrorRate;
        this.random = new Random(seed);
        boolean fr = language == Language.FRENCH;
        this.functionWords = fr ? FR_FUNCTION : EN_FUNCTION;
        Set<String> vocab = new LinkedHashSet<>();
        for (String w : corpusWords) {
            for (String t : words(w)) {
                if (t.length() >= 3 && !isDigits(t)) {
                    vocab.add(t);
                }
            }
        }
        this.vocabulary = vocab.toArray(String[]::new);
        for (String[] group : fr ? FR_HOMOPHONES : EN_HOMOPHONES) {
            for (String w : group) {
                homophones.put(w, group);
            }
        }
    }

    /** A model for the language of {@code calls}, whose substitutions draw on the words of those calls. */
    public static RecogniserNoise forCalls(Language language, double wordErrorRate, long seed,
                                           Collection<CallTranscript> calls) {
        List<String> texts = new ArrayList<>();
        for (CallTranscript c : calls) {
            if (c.language() == language) {
                for (CallTranscript.Turn t : c.turns()) {
                    texts.add(t.text());
                }
            }
        }
        return new RecogniserNoise(language, wordErrorRate, seed, texts);
    }

    public double wordErrorRate() {
        return wordErrorRate;
    }

    /** The call as the recogniser's finals (same ids and labels). */
    public CallTranscript apply(CallTranscript call) {
        List<CallTranscript.Turn> turns = new ArrayList<>(call.turns().size());
        for (CallTranscript.Turn t : call.turns()) {
            turns.add(new CallTranscript.Turn(t.speaker(), utterance(t.text()).finalText()));
        }
        return new CallTranscript(call.id(), call.language(), call.label(), call.category(), call.firstFraudTurn(), turns);
    }

    /** One utterance: its interim results (growing prefixes whose last word may be wrong) and its final. */
    public Utterance utterance(String text) {
        List<String> hyp = recognise(words(text), names(text));
        List<String> partials = new ArrayList<>();
        int step = 3 + random.nextInt(3);
        for (int k = step; k < hyp.size(); k += step) {
            List<String> prefix = new ArrayList<>(hyp.subList(0, k));
            if (random.nextDouble() < 0.35) { // the unstable tail: revised by the next result
                prefix.set(k - 1, alternative(prefix.get(k - 1)));
            }
            partials.add(String.join(" ", prefix));
        }
        return new Utterance(partials, String.join(" ", hyp));
    }

    /** Lower-cased words without punctuation; apostrophes kept inside words, hyphens split. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                cur.append(c);
            } else if (c == '\'' && cur.length() > 0 && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
                cur.append(c);
            } else if (cur.length() > 0) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Words written with a capital inside the utterance: names, which recognisers mangle most. */
    static Set<String> names(String text) {
        Set<String> out = new java.util.HashSet<>();
        String[] parts = text.trim().split("[^\\p{L}'\u2019]+");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.length() > 1 && Character.isUpperCase(p.charAt(0)) && !p.equals(p.toUpperCase(Locale.ROOT))) {
                out.add(p.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
            }
        }
        return out;
    }

    private List<String> recognise(List<String> ref, Set<String> names) {
        int n = ref.size();
        if (n == 0) {
            return List.of();
        }
        List<String> in = new ArrayList<>(ref);
        if (random.nextDouble() < 0.6) {
            in = toDigits(in);
        }
        double budget = wordErrorRate * n;
        double[] del = weights(in, true);
        double[] sub = weights(in, false);
        for (int i = 0; i < sub.length; i++) {
            if (names.contains(in.get(i))) {
                sub[i] = 4;
            }
        }
        double delSum = sum(del);
        double subSum = sum(sub);
        double splitP = budget * SPLITS_AND_MERGES / 2 / in.size();
        double insP = budget * INSERTIONS / in.size();
        List<String> out = new ArrayList<>(in.size() + 2);
        for (int i = 0; i < in.size(); i++) {
            String w = in.get(i);
            double r = random.nextDouble();
            double pDel = Math.min(0.9, budget * DELETIONS * del[i] / delSum);
            double pSub = Math.min(0.9, budget * SUBSTITUTIONS * sub[i] / subSum);
            if (r < pDel) {
                continue;
            }
            r -= pDel;
            if (r < pSub) {
                out.addAll(names.contains(w) ? List.of(mangle(w)) : substitute(w));
            } else if (r < pSub + splitP) {
                if (w.length() >= 7 || i + 1 >= in.size()) {
                    out.addAll(split(w));
                } else {
                    out.add(w + in.get(++i)); // merged with the next word
                }
            } else {
                out.add(w);
            }
            if (random.nextDouble() < insP) {
                String[] ins = language == Language.FRENCH ? FR_INSERTS : EN_INSERTS;
                out.add(ins[random.nextInt(ins.length)]);
            }
        }
        return out;
    }

    /** Deletion weights: function words vanish three times as often; substitution weights favour confusable words. */
    private double[] weights(List<String> in, boolean deletion) {
        double[] w = new double[in.size()];
        for (int i = 0; i < w.length; i++) {
            String t = in.get(i);
            if (deletion) {
                w[i] = functionWords.contains(t) ? 3 : t.length() <= 3 ? 1.5 : 1;
            } else {
                w[i] = homophones.containsKey(t) || endingVariant(t) != null ? 3 : isDigits(t) ? 2 : 1;
            }
        }
        return w;
    }

    private static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }

    List<String> substitute(String w) {
        if (isDigits(w)) {
            return halves(w);
        }
        String[] group = homophones.get(w);
        if (group != null) {
            String other = group[random.nextInt(group.length)];
            return List.of(other.equals(w) ? group[(java.util.Arrays.asList(group).indexOf(w) + 1) % group.length] : other);
        }
        String ending = endingVariant(w);
        if (ending != null && random.nextBoolean()) {
            return List.of(ending);
        }
        if (w.length() >= 5 && random.nextDouble() < 0.3) {
            return List.of(mangle(w));
        }
        return List.of(corpusNeighbour(w));
    }

    /** Another interim hypothesis for the unstable last word of a partial. */
    String alternative(String w) {
        String[] group = homophones.get(w);
        if (group != null) {
            return group[random.nextInt(group.length)];
        }
        return w.length() >= 4 ? w.substring(0, Math.max(2, w.length() - 1 - random.nextInt(3))) : corpusNeighbour(w);
    }

    /** "payer" to "payé", "payez", "payais"... (French only). */
    String endingVariant(String w) {
        if (language != Language.FRENCH || w.length() < 4) {
            return null;
        }
        for (String e : FR_ENDINGS) {
            if (w.endsWith(e)) {
                String stem = w.substring(0, w.length() - e.length());
                String other = FR_ENDINGS[random.nextInt(FR_ENDINGS.length)];
                return other.equals(e) ? stem + (e.equals("er") ? "é" : "er") : stem + other;
            }
        }
        return null;
    }

    /** A corpus word that sounds close: same first letter and similar length when there is one, else any. */
    String corpusNeighbour(String w) {
        if (vocabulary.length == 0) {
            return w;
        }
        for (int attempt = 0; attempt < 40; attempt++) {
            String c = vocabulary[random.nextInt(vocabulary.length)];
            if (!c.equals(w) && c.charAt(0) == w.charAt(0) && Math.abs(c.length() - w.length()) <= 2) {
                return c;
            }
        }
        return vocabulary[random.nextInt(vocabulary.length)];
    }

    /** A name or rare word heard wrong: a letter dropped, doubled or swapped for one that sounds alike. */
    String mangle(String w) {
        String[][] swaps = {{"ph", "f"}, {"eau", "o"}, {"au", "o"}, {"ai", "è"}, {"qu", "k"}, {"c", "k"},
                {"s", "z"}, {"en", "an"}, {"y", "i"}, {"th", "t"}, {"ll", "l"}, {"er", "é"}};
        for (int attempt = 0; attempt < 4; attempt++) {
            String[] s = swaps[random.nextInt(swaps.length)];
            int at = w.indexOf(s[0]);
            if (at >= 0) {
                return w.substring(0, at) + s[1] + w.substring(at + s[0].length());
            }
        }
        int at = 1 + random.nextInt(w.length() - 1);
        return w.substring(0, at) + w.substring(at + 1);
    }

    /** A long word heard as two ("aujourd'hui" as "aujourd hui", "anydesk" as "any desk"). */
    List<String> split(String w) {
        int apostrophe = w.indexOf('\'');
        if (apostrophe > 0 && apostrophe < w.length() - 1) {
            return List.of(w.substring(0, apostrophe), w.substring(apostrophe + 1));
        }
        if (w.length() < 4) {
            return List.of(w);
        }
        int at = w.length() / 2 + random.nextInt(3) - 1;
        return List.of(w.substring(0, at), w.substring(at));
    }

    /** "1500" as "1000 500", "35" as "30 5", a digit as its word. */
    List<String> halves(String w) {
        if (w.length() == 1) {
            return List.of((language == Language.FRENCH ? FR_UNITS : EN_UNITS)[w.charAt(0) - '0']);
        }
        if (w.length() > 5 || w.startsWith("0")) {
            return List.of(w.substring(0, w.length() / 2), w.substring(w.length() / 2)); // a code heard in two
        }
        long v = Long.parseLong(w);
        long head = (long) Math.pow(10, w.length() - 1) * (v / (long) Math.pow(10, w.length() - 1));
        return head == v ? List.of(w) : List.of(Long.toString(head), Long.toString(v - head));
    }

    /** The recogniser's inverse text normalisation: spoken numbers written as digits. */
    private List<String> toDigits(List<String> in) {
        List<String> folded = new ArrayList<>(in.size());
        for (String t : in) {
            folded.add(t.equals("zéro") ? "zero" : t);
        }
        return (language == Language.FRENCH ? NumberWords.FRENCH : NumberWords.ENGLISH).convert(folded);
    }

    static boolean isDigits(String t) {
        if (t.isEmpty()) {
            return false;
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
