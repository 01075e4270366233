package com.ethiq.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No main source file of app-javalin is over 400 lines: past that, a class does more than one job. */
class SourceSizeTest {
    private static final int MAX_LINES = 400;

    @Test
    void noMainSourceFileIsOverFourHundredLines() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).resolve("src/main/java");
        Map<String, Long> tooLong = new TreeMap<>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String relative = root.relativize(f).toString().replace('\\', '/');
                seen++;
                long lines;
                try (Stream<String> l = Files.lines(f)) {
                    lines = l.count();
                }
                if (lines > MAX_LINES) {
                    tooLong.put(relative, lines);
                }
            }
        }
        assertThat(seen).as("main source files read").isGreaterThan(50);
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }
}
