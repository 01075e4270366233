package com.ethiq.adapter.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No vendor type leaves the adapter: public types expose only JDK and Ethiq types. */
class PublicApiTest {

    @Test
    void publicSignaturesUseOnlyJdkAndEthiqTypes() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> publicTypes = publicTypes();
        assertThat(publicTypes).extracting(Class::getSimpleName)
                .contains("GoogleSpeechTranscriber", "GoogleSpeechSettings", "SpeechMetrics", "Backoff", "CircuitBreaker", "Builder");
        for (Class<?> type : publicTypes) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    check(leaks, type, m.getName(), m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(leaks, type, m.getName(), p);
                    }
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers())) {
                    for (Type p : c.getGenericParameterTypes()) {
                        check(leaks, type, "<init>", p);
                    }
                }
            }
            if (type.isRecord()) {
                for (RecordComponent rc : type.getRecordComponents()) {
                    check(leaks, type, rc.getName(), rc.getGenericType());
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static void check(List<String> leaks, Class<?> owner, String member, Type type) {
        if (type instanceof ParameterizedType p) {
            check(leaks, owner, member, p.getRawType());
            for (Type arg : p.getActualTypeArguments()) {
                check(leaks, owner, member, arg);
            }
            return;
        }
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            String name = c.getName();
            if (!c.isPrimitive() && !name.startsWith("java.") && !name.startsWith("com.ethiq.")) {
                leaks.add(owner.getSimpleName() + "." + member + " exposes " + name);
            }
        }
    }

    private static List<Class<?>> publicTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(GoogleSpeechTranscriber.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name);
                if (Modifier.isPublic(c.getModifiers()) && (c.getEnclosingClass() == null || Modifier.isPublic(c.getEnclosingClass().getModifiers()))) {
                    types.add(c);
                }
            }
        }
        return types;
    }
}
