package com.ethiq.core.caller;

import com.ethiq.core.detection.ScamCategory;
import com.ethiq.core.domain.PhoneNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The versioned directory of institutions the claim check compares callers with. The bundled one is a resource of
 * the core ({@code institutions.txt}, one block per institution); an operator can load a newer text without a release
 * ({@link #parse}). Immutable and thread-safe.
 */
public final class InstitutionDirectory {
    private static final String BUNDLED = "/com/ethiq/core/caller/institutions.txt";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

    private static final class BundledHolder {
        static final InstitutionDirectory INSTANCE = parse(read());
    }

    private final String version;
    private final List<Institution> institutions;

    private InstitutionDirectory(String version, List<Institution> institutions) {
        this.version = version;
        this.institutions = List.copyOf(institutions);
    }

    public static InstitutionDirectory bundled() {
        return BundledHolder.INSTANCE;
    }

    public String version() {
        return version;
    }

    public List<Institution> institutions() {
        return institutions;
    }

    public Optional<Institution> find(String id) {
        return institutions.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /**
     * The institution named earliest in {@code text} among those whose claims include {@code category} (a caller
     * saying "votre banque" names none). {@code text} is raw speech; it is normalised here.
     */
    public Optional<Institution> named(String text, Set<ScamCategory> categories) {
        String padded = " " + normalize(text) + " ";
        Institution best = null;
        int bestAt = Integer.MAX_VALUE;
        for (Institution i : institutions) {
            if (i.claims().stream().noneMatch(categories::contains)) {
                continue;
            }
            for (String alias : i.aliases()) {
                int at = padded.indexOf(" " + alias + " ");
                if (at >= 0 && at < bestAt) {
                    best = i;
                    bestAt = at;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Lower case, no accents, words separated by one space ("Impôts.gouv" → "impots gouv"). Text already in that form
     * is returned as it is: a call keeps its caller's words normalised as they arrive ({@code CallSession}), and the
     * claim check reads them on every segment, so the full pass (NFD and two regular expressions over up to 4,000
     * characters) would be paid per partial result.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        if (isNormalized(text)) {
            return text;
        }
        String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** Only a-z, 0-9 and single spaces between words, none at either end. */
    static boolean isNormalized(String text) {
        int n = text.length();
        if (n == 0) {
            return true;
        }
        if (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') {
            return false;
        }
        char previous = 'a';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!word && (c != ' ' || previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * Parses the directory format (see the bundled file's header).
     *
     * @throws IllegalArgumentException naming the line of the first error
     */
    public static InstitutionDirectory parse(String text) {
        String version = null;
        List<Institution> out = new ArrayList<>();
        String id = null;
        Map<String, String> fields = new LinkedHashMap<>();
        String[] lines = text.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("@version")) {
                version = line.substring("@version".length()).strip();
            } else if (line.startsWith("[") && line.endsWith("]")) {
                if (id != null) {
                    out.add(build(id, fields));
                }
                id = line.substring(1, line.length() - 1).strip();
                fields = new LinkedHashMap<>();
            } else if (line.contains("=") && id != null) {
                int eq = line.indexOf('=');
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            } else {
                throw new IllegalArgumentException("institutions line " + (n + 1) + ": expected '[id]', 'key = value' or '@version'");
            }
        }
        if (id != null) {
            out.add(build(id, fields));
        }
        if (version == null || version.isEmpty()) {
            throw new IllegalArgumentException("institutions: '@version' is required");
        }
        if (out.stream().map(Institution::id).distinct().count() != out.size()) {
            throw new IllegalArgumentException("institutions: ids must be unique");
        }
        return new InstitutionDirectory(version, out);
    }

    private static Institution build(String id, Map<String, String> f) {
        Set<ScamCategory> claims = new LinkedHashSet<>();
        for (String c : list(f.get("claims"))) {
            ScamCategory category = ScamCategory.fromWire(c);
            if (category == ScamCategory.OTHER && !c.equalsIgnoreCase("other")) {
                throw new IllegalArgumentException("institution '" + id + "': unknown category '" + c + "'");
            }
            claims.add(category);
        }
        Set<PhoneNumber> numbers = new LinkedHashSet<>();
        for (String number : list(f.get("numbers"))) {
            if (!PhoneNumber.isValid(number)) {
                throw new IllegalArgumentException("institution '" + id + "': '" + number + "' is not an E.164 number");
            }
            numbers.add(PhoneNumber.of(number));
        }
        // said to the user in every explanation and warning: an operator's update must name each institution
        if (f.getOrDefault("name", "").isBlank()) {
            throw new IllegalArgumentException("institution '" + id + "': 'name' must not be empty");
        }
        String unsolicited = f.getOrDefault("unsolicited", "yes");
        if (!unsolicited.equals("yes") && !unsolicited.equals("no")) {
            throw new IllegalArgumentException("institution '" + id + "': 'unsolicited' must be yes or no");
        }
        List<String> aliases = list(f.get("aliases")).stream().map(InstitutionDirectory::normalize).toList();
        return new Institution(id, f.get("name"), claims, aliases, numbers, f.get("dial"),
                unsolicited.equals("yes"), list(f.get("never_asks")), f.get("advice"));
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String read() {
        try (InputStream in = InstitutionDirectory.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("institution directory not found on the classpath: " + BUNDLED);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }
}
