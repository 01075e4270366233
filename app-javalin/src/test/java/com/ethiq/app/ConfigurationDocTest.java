package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.app.config.Setting;
import com.ethiq.app.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the catalogue ({@link Settings#ALL}): every declared variable has a table row whose
 * Default column is the declared default, and every {@code ETHIQ_*} variable the page names is declared.
 */
class ConfigurationDocTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([A-Z][A-Z0-9_]*)`\\s*\\|\\s*([^|]*?)\\s*\\|", Pattern.MULTILINE);
    private static final Pattern ETHIQ = Pattern.compile("ETHIQ_[A-Z0-9_]*[A-Z0-9]");

    private static String doc() throws Exception {
        return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../docs/configuration.md"));
    }

    /** Variable → Default cell (backticks dropped) of every table row. */
    private static Map<String, String> rows(String doc) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            rows.putIfAbsent(m.group(1), m.group(2).replace("`", "").strip());
        }
        return rows;
    }

    @Test
    void everyDeclaredVariableIsDocumentedWithItsDefault() throws Exception {
        Map<String, String> rows = rows(doc());
        for (Setting<?> s : Settings.ALL) {
            assertThat(rows).as("docs/configuration.md has a table row for %s", s.name()).containsKey(s.name());
            assertThat(rows.get(s.name())).as("default of %s in docs/configuration.md", s.name()).isEqualTo(s.shownDefault());
        }
    }

    @Test
    void everyEthiqVariableOfThePageIsDeclared() throws Exception {
        Set<String> declared = Settings.ALL.stream().map(Setting::name).collect(Collectors.toSet());
        Set<String> stale = new TreeSet<>();
        Matcher m = ETHIQ.matcher(doc());
        while (m.find()) {
            if (!declared.contains(m.group())) {
                stale.add(m.group());
            }
        }
        assertThat(stale).as("ETHIQ_* variables named in docs/configuration.md but not declared in Settings").isEmpty();
    }
}
