package com.ethiq.core.detection;

import com.ethiq.core.domain.CustomPhrase;
import com.ethiq.core.domain.DetectionThresholds;
import com.ethiq.core.domain.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The phrase-rule detection engine: compiled rule packs shared by every call (immutable, thread-safe).
 * Each call gets its own {@link DetectionSession}.
 */
public final class DetectionEngine {

    private static final String PACK_DIR = "/com/ethiq/core/detection/packs/";

    private static final class DefaultHolder {
        static final DetectionEngine INSTANCE = fromPackSources(Map.of(
                Language.FRENCH, readResource(PACK_DIR + "fr.rules"),
                Language.ENGLISH, readResource(PACK_DIR + "en.rules")));
    }

    private final Map<Language, LanguagePack> packs;

    private DetectionEngine(Map<Language, LanguagePack> packs) {
        this.packs = packs;
    }

    /** Loads the bundled French and English packs from the classpath (compiled once, then shared). */
    public static DetectionEngine withDefaultPacks() {
        return DefaultHolder.INSTANCE;
    }

    /**
     * Compiles packs given as text in the rule-pack format (see {@code docs/detection.md}).
     *
     * @throws InvalidRulePackException naming the language and line of the first error
     */
    public static DetectionEngine fromPackSources(Map<Language, String> sources) {
        Map<Language, LanguagePack> packs = new EnumMap<>(Language.class);
        sources.forEach((language, text) -> {
            LanguagePack pack = LanguagePack.parse(language.code() + ".rules", text);
            if (pack.language() != language) {
                throw new InvalidRulePackException(language.code() + ".rules: declares @language "
                        + pack.language().code());
            }
            packs.put(language, pack);
        });
        return new DetectionEngine(packs);
    }

    /** A session for one call, with the tenant's thresholds and extra phrases. */
    public DetectionSession newSession(Language language, DetectionThresholds thresholds, List<CustomPhrase> customPhrases) {
        Objects.requireNonNull(language, "'language' must not be null");
        Objects.requireNonNull(thresholds, "'thresholds' must not be null");
        Objects.requireNonNull(customPhrases, "'customPhrases' must not be null");
        LanguagePack pack = pack(language);
        RuleSet custom = customPhrases.isEmpty() ? null : pack.compileCustom(customPhrases);
        return new CallDetectionSession(pack, custom, thresholds);
    }

    /** Phrases worth boosting in speech recognition for this language (for speech adaptation). */
    public List<String> speechHints(Language language, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("'max' must be >= 0, got " + max);
        }
        List<String> hints = pack(language).hints();
        return hints.size() <= max ? hints : hints.subList(0, max);
    }

    /** Number of compiled rules for a language (for diagnostics). */
    public int ruleCount(Language language) {
        return pack(language).rules().size();
    }

    LanguagePack pack(Language language) {
        LanguagePack pack = packs.get(language);
        if (pack == null) {
            throw new IllegalArgumentException("no rule pack for language '" + language.code() + "'");
        }
        return pack;
    }

    private static String readResource(String path) {
        try (InputStream in = DetectionEngine.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new InvalidRulePackException("rule pack not found on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule pack " + path, e);
        }
    }
}
