package com.ethiq.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No vendor or library type in the adapter's public API: callers see JDK and core types only. */
class PublicApiTest {

    private static final List<String> FORBIDDEN = List.of("com.openai.", "okhttp3.", "io.github.resilience4j.",
            "com.fasterxml.", "kotlin.");

    @Test
    void publicSignaturesUseOnlyJdkAndCoreTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : publicMainClasses()) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    check(type, m.getName(), m.getGenericReturnType(), leaks);
                    for (Type p : m.getGenericParameterTypes()) {
                        check(type, m.getName(), p, leaks);
                    }
                    for (Type e : m.getGenericExceptionTypes()) {
                        check(type, m.getName(), e, leaks);
                    }
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers())) {
                    for (Type p : c.getGenericParameterTypes()) {
                        check(type, "<init>", p, leaks);
                    }
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    check(type, f.getName(), f.getGenericType(), leaks);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void thePublicTypesAreTheIntendedOnes() throws Exception {
        assertThat(publicMainClasses()).extracting(Class::getSimpleName).containsExactlyInAnyOrder(
                "OpenAiScamAnalyzer", "Builder", "OpenAiSettings", "Builder", "AiRequestLog", "AiRequestRecord", "AiOutcome");
    }

    private static void check(Class<?> owner, String member, Type type, List<String> leaks) {
        String name = type.getTypeName();
        for (String prefix : FORBIDDEN) {
            if (name.contains(prefix)) {
                leaks.add(owner.getSimpleName() + "." + member + ": " + name);
            }
        }
    }

    private static List<Class<?>> publicMainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(OpenAiScamAnalyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replace(".class", "");
                Class<?> c = Class.forName(name, false, PublicApiTest.class.getClassLoader());
                if (Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()) {
                    classes.add(c);
                }
            }
        }
        return classes;
    }
}
