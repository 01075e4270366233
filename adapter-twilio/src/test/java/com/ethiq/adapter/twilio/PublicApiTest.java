package com.ethiq.adapter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No vendor type (twilio-java, resilience4j, Jackson) may appear in the adapter's public API. */
class PublicApiTest {
    private static final List<Class<?>> PUBLIC_TYPES = List.of(TwilioCallControl.class, TwilioSettings.class,
            TwilioSettings.RetrySettings.class, TwilioSettings.BreakerSettings.class, TwilioTwiml.class,
            TwilioWebhookSecurity.class, TwilioNumberManagement.class, TwilioNumberManagement.AvailableNumber.class,
            TwilioNumberManagement.OwnedNumber.class, TwilioNumberManagement.Webhooks.class, TwilioCallbacks.class,
            TwilioCallbacks.ConferenceEvent.class,
            com.ethiq.adapter.twilio.media.MediaStreamProtocol.class, com.ethiq.adapter.twilio.media.MediaStreamProtocol.Listener.class,
            com.ethiq.adapter.twilio.media.MediaStreamEvent.class, com.ethiq.adapter.twilio.media.MediaStreamEvent.Start.class,
            com.ethiq.adapter.twilio.media.MediaStreamEvent.Audio.class, com.ethiq.adapter.twilio.media.MediaStreamEvent.Rejected.class,
            com.ethiq.adapter.twilio.media.StreamProblem.class, com.ethiq.adapter.twilio.media.StreamClose.class);

    @Test
    void publicSignaturesUseOnlyJdkAndCoreTypes() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : PUBLIC_TYPES) {
            assertThat(Modifier.isPublic(type.getModifiers())).as(type.getName()).isTrue();
            for (Constructor<?> c : type.getConstructors()) {
                check(c, leaks);
            }
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != Object.class) {
                    check(m, leaks);
                    inspect(m.getGenericReturnType(), m.toString(), leaks);
                }
            }
            for (Field f : type.getFields()) {
                inspect(f.getGenericType(), f.toString(), leaks);
            }
            Class<?> parent = type.getSuperclass();
            if (parent != null) {
                inspect(parent, type + " extends", leaks);
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static void check(Executable e, List<String> leaks) {
        for (Type t : e.getGenericParameterTypes()) {
            inspect(t, e.toString(), leaks);
        }
        for (Type t : e.getGenericExceptionTypes()) {
            inspect(t, e.toString(), leaks);
        }
    }

    private static void inspect(Type t, String where, List<String> leaks) {
        String name = t.getTypeName();
        if (name.contains("com.twilio") || name.contains("io.github.resilience4j") || name.contains("com.fasterxml")
                || name.contains("org.apache")) {
            leaks.add(where + " uses " + name);
        }
    }
}
