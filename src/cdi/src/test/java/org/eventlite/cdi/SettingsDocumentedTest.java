package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every setting the code reads is in README's configuration tables, and every one but the
 * listener's address and the passwords is in server.xml's settingsRevision, so that changing
 * it re-activates the listener with the new value (a password there would be shown wherever
 * the activation spec's properties are).
 */
class SettingsDocumentedTest {

    private static final Path ROOT = Path.of("../..");
    /** The activation spec reads these itself; passwords are not put where configuration is shown. */
    private static final Set<String> NOT_IN_REVISION = Set.of("eventlite.host", "eventlite.port",
            "eventlite.tls.keystore-password", "eventlite.tls.truststore-password");

    private static Set<String> settingsReadByTheCode() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Class<?> type : List.of(EventLiteConfig.class, TlsContexts.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    field.setAccessible(true);
                    String value = (String) field.get(null);
                    if (value.startsWith("eventlite.")) {
                        keys.add(value);
                    }
                }
            }
        }
        return keys;
    }

    @Test
    void everySettingIsInTheReadme() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String key : settingsReadByTheCode()) {
            if (!readme.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "settings the README does not document");
    }

    @Test
    void everySettingButAddressAndPasswordsReactivatesTheListener() throws Exception {
        String serverXml = Files.readString(ROOT.resolve("server.xml"));
        List<String> missing = new ArrayList<>();
        for (String key : settingsReadByTheCode()) {
            if (!NOT_IN_REVISION.contains(key) && !serverXml.contains("${" + key + "}")) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "settings missing from settingsRevision in server.xml");
    }

    @Test
    void theTestFindsTheSettings() throws IllegalAccessException, IOException {
        Set<String> keys = settingsReadByTheCode();
        assertEquals(true, keys.contains("eventlite.max-event-bytes") && keys.contains("eventlite.tls.port"), keys.toString());
    }
}
