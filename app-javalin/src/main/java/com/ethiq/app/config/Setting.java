package com.ethiq.app.config;

import com.ethiq.core.domain.Secret;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One environment variable, declared once: its name, its default (as a typed value and as the text the documentation
 * shows), what it accepts, whether it is secret, a one-line description, and how its text becomes a value.
 * {@link #read} turns a bad value into an error naming the variable and what it accepts. Immutable.
 *
 * @param name         the variable, e.g. {@code ETHIQ_HTTP_PORT}
 * @param defaultValue the value when the variable is unset or blank
 * @param shownDefault the default as docs/configuration.md writes it ({@code 8080}, {@code (none)}, {@code host name})
 * @param accepted     what a value must be, completing "'NAME' must be ..." (e.g. "an integer within 0..65535")
 * @param secret       never printed (the startup log shows {@code (set)})
 * @param description  one line of documentation
 * @param parser       text (stripped, not blank) to value; throws on anything outside {@code accepted}
 */
public record Setting<T>(String name, T defaultValue, String shownDefault, String accepted, boolean secret,
                         String description, Function<String, T> parser) {

    public Setting {
        Objects.requireNonNull(name, "'name' must not be null");
        if (!name.matches("[A-Z][A-Z0-9_]*[A-Z0-9]")) {
            throw new IllegalArgumentException("'name' must be an upper-case variable name, got '" + name + "'");
        }
        Objects.requireNonNull(shownDefault, "'shownDefault' must not be null");
        Objects.requireNonNull(accepted, "'accepted' must not be null");
        Objects.requireNonNull(description, "'description' must not be null");
        Objects.requireNonNull(parser, "'parser' must not be null");
    }

    /** The variable's text in {@code env}, stripped; empty when unset. */
    public String raw(Map<String, String> env) {
        String v = env.get(name);
        return v == null ? "" : v.strip();
    }

    public boolean isSet(Map<String, String> env) {
        return !raw(env).isEmpty();
    }

    /** The value in {@code env}, or the default when unset or blank. */
    public T read(Map<String, String> env) {
        String raw = raw(env);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            if (secret) {
                // the value is never shown; the reason is, unless it quotes the value
                String why = e.getMessage();
                throw invalid("(secret value)" + (why == null || why.contains(raw) ? "" : ": " + why), e);
            }
            throw invalid("'" + raw + "'", e);
        }
    }

    /** The error for a value outside what this setting accepts (also for rules involving other settings). */
    public IllegalArgumentException invalid(String got, Throwable cause) {
        return new IllegalArgumentException("'" + name + "' must be " + accepted + ", got " + got, cause);
    }

    // ---------------------------------------------------------------- declarations by kind

    public static Setting<String> text(String name, String defaultValue, String description) {
        return new Setting<>(name, defaultValue, defaultValue.isEmpty() ? "(none)" : defaultValue, "any text", false,
                description, v -> v);
    }

    /** Text with no fixed default: empty means "not set" and the reader decides ({@code shownDefault} says what). */
    public static Setting<Optional<String>> optionalText(String name, String shownDefault, String description) {
        return new Setting<>(name, Optional.empty(), shownDefault, "any text", false, description, Optional::of);
    }

    /** Text matching {@code pattern} (e.g. a Twilio SID), or unset ({@code shownDefault} says what that means). */
    public static Setting<Optional<String>> pattern(String name, String shownDefault, String pattern, String accepted,
                                                    String description) {
        return new Setting<>(name, Optional.empty(), shownDefault, accepted, false, description, v -> {
            if (!v.matches(pattern)) {
                throw new IllegalArgumentException("no match");
            }
            return Optional.of(v);
        });
    }

    public static Setting<Optional<Secret>> secret(String name, String shownDefault, String description) {
        return new Setting<>(name, Optional.empty(), shownDefault, "a non-empty secret", true, description,
                v -> Optional.of(Secret.of(v)));
    }

    public static Setting<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " outside " + min + ".." + max);
        }
        return new Setting<>(name, defaultValue, String.valueOf(defaultValue), "an integer within " + min + ".." + max,
                false, description, v -> {
                    int n = Integer.parseInt(v);
                    if (n < min || n > max) {
                        throw new IllegalArgumentException("out of range");
                    }
                    return n;
                });
    }

    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(name, defaultValue, String.valueOf(defaultValue), "true or false (also yes/no, on/off, 1/0)",
                false, description, v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "1", "on" -> true;
                    case "false", "no", "0", "off" -> false;
                    default -> throw new IllegalArgumentException("not a boolean");
                });
    }

    /** A duration strictly above zero. */
    public static Setting<Duration> positiveDuration(String name, Duration defaultValue, String description) {
        return duration(name, defaultValue, "a positive ISO-8601 duration like PT5S",
                d -> !d.isZero() && !d.isNegative(), description);
    }

    public static Setting<Duration> nonNegativeDuration(String name, Duration defaultValue, String description) {
        return duration(name, defaultValue, "an ISO-8601 duration like PT5S, not negative", d -> !d.isNegative(), description);
    }

    public static Setting<Duration> durationAtLeast(String name, Duration defaultValue, Duration min, String description) {
        return duration(name, defaultValue, "an ISO-8601 duration of at least " + format(min),
                d -> d.compareTo(min) >= 0, description);
    }

    static Setting<Duration> duration(String name, Duration defaultValue, String accepted, Predicate<Duration> ok,
                                              String description) {
        if (!ok.test(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not " + accepted);
        }
        return new Setting<>(name, defaultValue, format(defaultValue), accepted, false, description, v -> {
            Duration d = Duration.parse(v.toUpperCase(Locale.ROOT));
            if (!ok.test(d)) {
                throw new IllegalArgumentException("out of range");
            }
            return d;
        });
    }

    /** One of a few lower-case words (case-insensitive), each mapped to a distinct value. */
    public static <E> Setting<E> choice(String name, E defaultValue, Map<String, E> choices, String description) {
        Map<String, E> ordered = new java.util.TreeMap<>(choices); // alphabetical: a stable message and docs
        String shown = ordered.entrySet().stream().filter(e -> e.getValue().equals(defaultValue)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(name + ": default is not a choice"));
        String words = ordered.keySet().stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
        int comma = words.lastIndexOf(", ");
        String accepted = comma < 0 ? words : words.substring(0, comma) + " or " + words.substring(comma + 2);
        return new Setting<>(name, defaultValue, shown, accepted, false, description, v -> {
            E value = ordered.get(v.toLowerCase(Locale.ROOT));
            if (value == null) {
                throw new IllegalArgumentException("not a choice");
            }
            return value;
        });
    }

    /** {@code P90D} for whole days (as written in the docs), ISO-8601 otherwise ({@code PT5S}). */
    public static String format(Duration d) {
        if (!d.isNegative() && !d.isZero() && d.toNanos() % Duration.ofDays(1).toNanos() == 0) {
            return "P" + d.toDays() + "D";
        }
        return d.toString();
    }
}
