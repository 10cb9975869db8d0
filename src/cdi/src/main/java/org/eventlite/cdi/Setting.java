package org.eventlite.cdi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One entry of the {@link Settings} catalogue: its key, how its text is read, its value when
 * unset, and how docs/configuration.md describes it. A value that cannot be read is refused with
 * a message naming the key.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** How a changed value reaches the running server. */
    public enum Kind {
        /** Read by EventLite's application and joined into server.xml's settingsRevision: a change restarts the listener. */
        RESTARTS_LISTENER,
        /** The listener's address: the activation spec's own properties, read by the application too. */
        ADDRESS,
        /** Read when needed and kept out of settingsRevision, which shows its values: a change needs a server restart. */
        SECRET,
        /** One per user or group ({@code <name>}, {@code <group>} in the key): read when the listener starts. */
        PER_NAME,
        /** A Liberty variable that Liberty configuration files use; the application does not read it. */
        LIBERTY
    }

    /** Reads a setting's text; refuses it with a message naming {@code key}. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, String text);
    }

    private static final String[] PLACEHOLDERS = {"<name>", "<group>"};

    private final String key;
    private final Kind kind;
    private final Parser<T> parser;
    private final Supplier<T> fallback;
    private final boolean emptyIsAValue;
    private final String documentedDefault;
    private final String meaning;
    private final String component;

    private Setting(String key, Kind kind, Parser<T> parser, Supplier<T> fallback, boolean emptyIsAValue,
            String documentedDefault, String meaning, String component) {
        this.key = Objects.requireNonNull(key, "key");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.parser = parser;
        this.fallback = fallback;
        this.emptyIsAValue = emptyIsAValue;
        this.documentedDefault = documentedDefault;
        this.meaning = meaning;
        this.component = component;
    }

    static Setting<Integer> integer(String key, int fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, Setting::parseInt, () -> fallback, false,
                null, null, null);
    }

    static Setting<Integer> integer(String key, Supplier<Integer> fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, Setting::parseInt, fallback, false, null, null, null);
    }

    static Setting<Long> bytes(String key, Supplier<Long> fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, Setting::parseLong, fallback, false, null, null, null);
    }

    static Setting<Duration> duration(String key, Duration fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, Durations::parse, () -> fallback, false, null, null, null);
    }

    static Setting<Boolean> flag(String key, boolean fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, Setting::parseFlag, () -> fallback, false, null, null, null);
    }

    static Setting<String> text(String key, String fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, (k, text) -> text, () -> fallback, false, null, null, null);
    }

    /** No value unless set. */
    static Setting<Optional<String>> optionalText(String key) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, (k, text) -> Optional.of(text), Optional::empty, false,
                null, null, null);
    }

    /** No value unless set; a set value must be a port number. */
    static Setting<Optional<Integer>> optionalPort(String key) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, (k, text) -> Optional.of(parsePort(k, text)),
                Optional::empty, false, null, null, null);
    }

    /** Comma-separated; set and empty is an empty list, unset is {@code fallback}. */
    static Setting<List<String>> list(String key, List<String> fallback) {
        return listOf(key, (k, text) -> text, fallback);
    }

    /** Comma-separated, each item read by {@code item}; set and empty is an empty list, unset is {@code fallback}. */
    static <T> Setting<List<T>> listOf(String key, Parser<T> item, List<T> fallback) {
        Parser<List<T>> items = (k, text) -> text.isEmpty()
                ? List.of()
                : Arrays.stream(text.split("\\s*,\\s*")).map(one -> item.parse(k, one)).toList();
        return new Setting<>(key, Kind.RESTARTS_LISTENER, items, () -> fallback, true, null, null, null);
    }

    /** One of {@code type}'s constants, written in lower case. */
    static <E extends Enum<E>> Setting<E> choice(String key, Class<E> type, E fallback) {
        return new Setting<>(key, Kind.RESTARTS_LISTENER, (k, text) -> parseChoice(k, text, type), () -> fallback,
                false, null, null, null);
    }

    /** A Liberty variable only Liberty's configuration files use. */
    static Setting<String> libertyVariable(String key) {
        return new Setting<>(key, Kind.LIBERTY, null, null, false, null, null, null);
    }

    /** The same setting, changed in one respect. */
    Setting<T> kind(Kind changed) {
        return new Setting<>(key, changed, parser, fallback, emptyIsAValue, documentedDefault, meaning, component);
    }

    /** The same setting, whose text is read by {@code changed}. */
    Setting<T> parser(Parser<T> changed) {
        return new Setting<>(key, kind, changed, fallback, emptyIsAValue, documentedDefault, meaning, component);
    }

    /** The same setting, refusing a value that breaks {@code rule} ("must be {@code ruleText}"). */
    Setting<T> requiring(Predicate<T> rule, String ruleText) {
        Parser<T> unchecked = parser;
        return parser((k, text) -> {
            T value = unchecked.parse(k, text);
            if (!rule.test(value)) {
                throw new IllegalArgumentException(k + " must be " + ruleText + ", was " + text);
            }
            return value;
        });
    }

    /**
     * The same setting, checked by a settings record whose refusals name the record's
     * {@code recordComponent}: the configuration gives such a refusal again in this key.
     */
    Setting<T> component(String recordComponent) {
        return new Setting<>(key, kind, parser, fallback, emptyIsAValue, documentedDefault, meaning, recordComponent);
    }

    /** The same setting, with its row of docs/configuration.md. */
    Setting<T> documented(String defaultText, String meaningText) {
        return new Setting<>(key, kind, parser, fallback, emptyIsAValue, defaultText, meaningText, component);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** How docs/configuration.md gives the default (Markdown). */
    public String documentedDefault() {
        return documentedDefault;
    }

    /** What the setting does, as docs/configuration.md says it (Markdown). */
    public String meaning() {
        return meaning;
    }

    /** The settings record component that checks this setting's value; null if none does. */
    String component() {
        return component;
    }

    /** The value when the setting is unset. */
    T fallback() {
        return fallback.get();
    }

    /**
     * The value of {@code text} as set ({@code null} when unset). An empty text is unset, except
     * for lists, where it is an empty list: "set and empty means nothing".
     */
    T valueOf(String text) {
        if (parser == null) {
            throw new IllegalStateException(key + " is read by Liberty's configuration, not by the application");
        }
        String trimmed = text == null ? "" : text.trim();
        if (text == null || trimmed.isEmpty() && !emptyIsAValue) {
            return fallback.get();
        }
        return parser.parse(key, trimmed);
    }

    /** This per-user or per-group setting for one user or group. */
    public Setting<T> forName(String name) {
        if (kind != Kind.PER_NAME) {
            throw new IllegalStateException(key + " is not a per-user or per-group setting");
        }
        for (String placeholder : PLACEHOLDERS) {
            if (key.contains(placeholder)) {
                return new Setting<>(key.replace(placeholder, name), Kind.PER_NAME, parser, fallback, emptyIsAValue,
                        documentedDefault, meaning, component);
            }
        }
        throw new IllegalStateException(key + " has no placeholder");
    }

    @Override
    public String toString() {
        return key;
    }

    private static int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'", e);
        }
    }

    private static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + text + "'", e);
        }
    }

    private static int parsePort(String key, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, was '" + text + "'", e);
        }
        throw new IllegalArgumentException(key + " must be a port number, was '" + text + "'");
    }

    private static boolean parseFlag(String key, String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    private static <E extends Enum<E>> E parseChoice(String key, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
            throw new IllegalArgumentException(key + " must be " + String.join(" or ", names) + ", was '" + text + "'", e);
        }
    }
}
