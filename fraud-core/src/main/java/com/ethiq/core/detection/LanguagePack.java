package com.ethiq.core.detection;

import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.Language;
import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One language's compiled rule pack: its normaliser, its rules and its speech hints. Parsed from the line format
 * documented in {@code docs/detection.md}. Immutable and thread-safe.
 */
final class LanguagePack {

    private final Language language;
    private final TextNormalizer normalizer;
    private final TextNormalizer literalNormalizer;
    private final RuleSet rules;
    private final Set<String> negatorsBefore;
    private final Set<String> negatorsInside;
    private final Set<String> reporters;
    private final List<String> hints;
    private final CueLinks links;

    private LanguagePack(Language language, TextNormalizer normalizer, TextNormalizer literalNormalizer, RuleSet rules,
                         Set<String> negatorsBefore, Set<String> negatorsInside, Set<String> reporters,
                         List<String> hints, CueLinks links) {
        this.language = language;
        this.normalizer = normalizer;
        this.literalNormalizer = literalNormalizer;
        this.rules = rules;
        this.negatorsBefore = negatorsBefore;
        this.negatorsInside = negatorsInside;
        this.reporters = reporters;
        this.hints = hints;
        this.links = links;
    }

    CueLinks links() {
        return links;
    }

    Language language() {
        return language;
    }

    TextNormalizer normalizer() {
        return normalizer;
    }

    RuleSet rules() {
        return rules;
    }

    List<String> hints() {
        return hints;
    }

    /**
     * Compiles a tenant's phrases into a small rule set of their own: the words in order, one extra word allowed
     * between two, long words tolerant of one edit. Caller speech, except disclosures (callee speech).
     */
    RuleSet compileCustom(List<CustomPhrase> phrases) {
        Lexicon.Builder lex = new Lexicon.Builder();
        PatternCompiler compiler = new PatternCompiler(lex, literalNormalizer, Map.of());
        List<CompiledRule> compiled = new ArrayList<>();
        int i = 0;
        for (CustomPhrase p : phrases) {
            i++;
            CueKind kind;
            try {
                kind = CueKind.fromWire(p.cueKind());
            } catch (IllegalArgumentException e) {
                throw new InvalidRulePackException("custom phrase " + i + ": 'cueKind' must be one of "
                        + java.util.Arrays.toString(CueKind.values()).toLowerCase(Locale.ROOT) + ", got '" + p.cueKind() + "'", e);
            }
            String[] toks = literalNormalizer.tokens(p.phrase());
            if (toks.length == 0) {
                throw new InvalidRulePackException("custom phrase " + i + ": 'phrase' has no words, got '" + p.phrase() + "'");
            }
            String pattern = String.join(" ~1 ", toks);
            Speaker speaker = kind == CueKind.DISCLOSURE ? Speaker.CALLEE : Speaker.CALLER;
            compiled.add(new CompiledRule("custom." + i, kind, ScamCategory.fromWire(p.category()), p.weight(), speaker,
                    kind == CueKind.REQUEST, compiler.compile(pattern)));
        }
        return new RuleSet(lex.build(), compiled, negatorsBefore, negatorsInside, reporters);
    }

    /** Parses and compiles a pack; {@code name} is used in error messages. */
    static LanguagePack parse(String name, String text) {
        Language language = null;
        Set<String> fillers = new LinkedHashSet<>();
        Set<String> negatorsBefore = new LinkedHashSet<>();
        Set<String> negatorsInside = new LinkedHashSet<>();
        Set<String> reporters = new LinkedHashSet<>();
        Set<String> clitics = new LinkedHashSet<>();
        Map<String, List<TextNormalizer.Variant>> canon = new HashMap<>();
        List<String[]> canonRaw = new ArrayList<>(); // {canonical, variant, line}
        Map<String, String> defines = new LinkedHashMap<>();
        List<String> hints = new ArrayList<>();
        List<String[]> ruleLines = new ArrayList<>(); // {line number, text}
        List<String[]> linkSpecs = new ArrayList<>(); // {line number, spec}

        String[] lines = text.split("\r?\n", -1);
        StringBuilder pending = new StringBuilder();
        int pendingStart = 0;
        for (int ln = 0; ln < lines.length; ln++) {
            String raw = lines[ln];
            String line = raw.strip();
            if (pending.length() == 0 && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (pending.length() == 0) {
                pendingStart = ln + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String full = pending.toString().strip();
            pending.setLength(0);
            int at = pendingStart;
            try {
                if (full.startsWith("@")) {
                    int sp = indexOfSpace(full);
                    String directive = sp < 0 ? full : full.substring(0, sp);
                    String rest = sp < 0 ? "" : full.substring(sp + 1).strip();
                    switch (directive) {
                        case "@language" -> language = Language.parse(rest);
                        case "@filler" -> fillers.addAll(List.of(rest.split("\\s+")));
                        case "@negator-before" -> negatorsBefore.addAll(List.of(rest.split("\\s+")));
                        case "@negator-inside" -> negatorsInside.addAll(List.of(rest.split("\\s+")));
                        case "@reported" -> reporters.addAll(List.of(rest.split("\\s+")));
                        case "@clitic" -> clitics.addAll(List.of(rest.split("\\s+")));
                        case "@hint" -> {
                            for (String h : rest.split(",")) {
                                if (!h.isBlank()) {
                                    hints.add(h.strip());
                                }
                            }
                        }
                        case "@canon" -> {
                            int eq = rest.indexOf('=');
                            if (eq < 0) {
                                throw new IllegalArgumentException("@canon needs 'canonical = variant | variant'");
                            }
                            String canonical = rest.substring(0, eq).strip();
                            for (String v : rest.substring(eq + 1).split("\\|")) {
                                if (!v.isBlank()) {
                                    canonRaw.add(new String[] {canonical, v.strip(), String.valueOf(at)});
                                }
                            }
                        }
                        case "@link" -> linkSpecs.add(new String[] {String.valueOf(at), rest});
                        case "@define" -> {
                            int eq = rest.indexOf('=');
                            if (eq < 0) {
                                throw new IllegalArgumentException("@define needs 'NAME = pattern'");
                            }
                            String defName = rest.substring(0, eq).strip();
                            if (!defName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                                throw new IllegalArgumentException("bad definition name '" + defName + "'");
                            }
                            defines.put(defName, rest.substring(eq + 1).strip());
                        }
                        default -> throw new IllegalArgumentException("unknown directive " + directive);
                    }
                } else {
                    ruleLines.add(new String[] {String.valueOf(at), full});
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidRulePackException(name + ":" + at + ": " + e.getMessage(), e);
            }
        }
        if (language == null) {
            throw new InvalidRulePackException(name + ": missing '@language fr|en'");
        }
        TextNormalizer plain = TextNormalizer.plain(language);
        for (String[] c : canonRaw) {
            String[] toks = plain.tokens(c[1]);
            if (toks.length == 0) {
                throw new InvalidRulePackException(name + ":" + c[2] + ": empty variant");
            }
            String canonical = String.join("", plain.tokens(c[0]));
            canon.computeIfAbsent(toks[0], k -> new ArrayList<>()).add(new TextNormalizer.Variant(toks, canonical));
        }
        TextNormalizer normalizer = new TextNormalizer(language, fillers, canon);
        TextNormalizer literal = new TextNormalizer(language, Set.of(), canon);
        Lexicon.Builder lex = new Lexicon.Builder();
        PatternCompiler compiler = new PatternCompiler(lex, literal, defines);
        List<CompiledRule> rules = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (String[] rl : ruleLines) {
            String at = rl[0];
            try {
                CompiledRule rule = parseRule(rl[1], compiler);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("duplicate rule id '" + rule.id() + "'");
                }
                rules.add(rule);
            } catch (IllegalArgumentException e) {
                throw new InvalidRulePackException(name + ":" + at + ": " + e.getMessage(), e);
            }
        }
        List<CueLinks.Link> links = new ArrayList<>();
        for (String[] ls : linkSpecs) {
            try {
                CueLinks.Link link = CueLinks.parse(ls[1]);
                for (String side : concat(link.first(), link.then())) {
                    if (rules.stream().noneMatch(r -> CueLinks.matches(List.of(side), r.id()))) {
                        throw new IllegalArgumentException("link '" + link.id() + "' names no rule '" + side + "'");
                    }
                }
                if (!ids.add(link.id())) {
                    throw new IllegalArgumentException("duplicate rule id '" + link.id() + "'");
                }
                links.add(link);
            } catch (IllegalArgumentException e) {
                throw new InvalidRulePackException(name + ":" + ls[0] + ": " + e.getMessage(), e);
            }
        }
        return new LanguagePack(language, normalizer, literal,
                new RuleSet(lex.build(), rules, negatorsBefore, negatorsInside, reporters, clitics),
                Set.copyOf(negatorsBefore), Set.copyOf(negatorsInside), Set.copyOf(reporters), List.copyOf(hints),
                new CueLinks(links));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code id kind category weight speaker [neg] : pattern}. */
    private static CompiledRule parseRule(String line, PatternCompiler compiler) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a rule is 'id kind category weight speaker [neg] : pattern'");
        }
        String[] head = line.substring(0, colon).strip().split("\\s+");
        String pattern = line.substring(colon + 1).strip();
        if (head.length < 5 || head.length > 6) {
            throw new IllegalArgumentException("a rule is 'id kind category weight speaker [neg] : pattern', got '"
                    + line.substring(0, colon).strip() + "'");
        }
        String id = head[0];
        CueKind kind;
        try {
            kind = CueKind.fromWire(head[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown cue kind '" + head[1] + "'");
        }
        ScamCategory category;
        if (head[2].equals("-")) {
            category = ScamCategory.NONE;
        } else {
            category = ScamCategory.fromWire(head[2]);
            if (category == ScamCategory.OTHER && !head[2].equalsIgnoreCase("other")) {
                throw new IllegalArgumentException("unknown category '" + head[2] + "'");
            }
        }
        double weight;
        try {
            weight = Double.parseDouble(head[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight must be a number, got '" + head[3] + "'");
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("weight must be within (0, 1], got " + weight);
        }
        Speaker speaker = switch (head[4].toLowerCase(Locale.ROOT)) {
            case "caller" -> Speaker.CALLER;
            case "callee" -> Speaker.CALLEE;
            case "any" -> null;
            default -> throw new IllegalArgumentException("speaker must be caller, callee or any, got '" + head[4] + "'");
        };
        boolean neg = false;
        if (head.length == 6) {
            if (!head[5].equals("neg")) {
                throw new IllegalArgumentException("unknown flag '" + head[5] + "' (only 'neg')");
            }
            neg = true;
        }
        return new CompiledRule(id, kind, category, weight, speaker, neg,
                compiler.compile(pattern, kind != CueKind.LEGITIMACY));
    }
}
