package org.eventlite.cdi;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** A MicroProfile Config over a map of strings: enough for beans that read strings, numbers and durations. */
public final class MapConfig implements Config {

    private final Map<String, String> values;

    public MapConfig(Map<String, String> values) {
        this.values = values;
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (type == String.class) {
            return Optional.of(type.cast(value));
        }
        if (type == Long.class) {
            return Optional.of(type.cast(Long.valueOf(value)));
        }
        if (type == Integer.class) {
            return Optional.of(type.cast(Integer.valueOf(value)));
        }
        throw new IllegalArgumentException("no conversion to " + type);
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        String value = values.get(name);
        return new ConfigValue() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public String getValue() {
                return value;
            }

            @Override
            public String getRawValue() {
                return value;
            }

            @Override
            public String getSourceName() {
                return value == null ? null : "map";
            }

            @Override
            public int getSourceOrdinal() {
                return 0;
            }
        };
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return java.util.List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
