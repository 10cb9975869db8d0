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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's table and the code agree: every setting the code reads is in it, and
 * every setting in it is read by the code or by the Liberty configuration (a per-user or
 * per-group key, with its {@code <name>} placeholder, by the user directory, which builds those
 * keys from their parts). Every
 * setting but the listener's address is in server.xml's settingsRevision, so that changing it
 * re-activates the listener with the new value; the cluster's password is the one exception.
 */
class SettingsDocumentedTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path CONFIGURATION = ROOT.resolve("docs/configuration.md");
    private static final Pattern DOCUMENTED_KEY = Pattern.compile("^\\| `(eventlite\\.[^`]+)`(?:, `(eventlite\\.[^`]+)`)?");
    /**
     * The activation spec reads host and port itself; a password would be shown wherever the
     * activation spec's properties are (change it with a restart).
     */
    private static final Set<String> NOT_IN_REVISION = Set.of("eventlite.host", "eventlite.port",
            "eventlite.cluster.password");

    private static Set<String> settingsReadByTheCode() throws IllegalAccessException {
        Set<String> keys = new TreeSet<>();
        for (Class<?> type : List.of(EventLiteConfig.class, LibertyTls.class)) {
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

    /** The keys in the first column of the configuration table. */
    private static Set<String> documentedSettings() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(CONFIGURATION)) {
            Matcher row = DOCUMENTED_KEY.matcher(line);
            if (row.find()) {
                keys.add(row.group(1));
                if (row.group(2) != null) {
                    keys.add(row.group(2));
                }
            }
        }
        return keys;
    }

    /** Liberty configuration files, where some settings are variables the application never reads. */
    private static String libertyConfiguration() throws IOException {
        StringBuilder all = new StringBuilder(Files.readString(ROOT.resolve("server.xml")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("liberty"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    /** Whether UserDirectory builds keys of {@code prefix}, a name, and {@code suffix}. */
    private static boolean builtByTheUserDirectory(String prefix, String suffix) throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/eventlite/cdi/access/UserDirectory.java"));
        return source.contains("\"" + prefix)
                && (source.contains("\"" + suffix + "\"") || source.contains("\"." + suffix + "\""));
    }

    @Test
    void everySettingTheCodeReadsIsDocumented() throws Exception {
        Set<String> documented = documentedSettings();
        List<String> missing = new ArrayList<>();
        for (String key : settingsReadByTheCode()) {
            if (!documented.contains(key)) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "settings docs/configuration.md does not document");
    }

    @Test
    void everyDocumentedSettingIsRead() throws Exception {
        Set<String> read = settingsReadByTheCode();
        String liberty = libertyConfiguration();
        List<String> stale = new ArrayList<>();
        for (String key : documentedSettings()) {
            int placeholder = key.indexOf('<');
            boolean known = placeholder >= 0
                    ? builtByTheUserDirectory(key.substring(0, placeholder), key.substring(key.indexOf('>') + 2))
                    : read.contains(key) || liberty.contains("${" + key + "}");
            if (!known) {
                stale.add(key);
            }
        }
        assertEquals(List.of(), stale, "settings docs/configuration.md documents but nothing reads");
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
        Set<String> documented = documentedSettings();
        assertEquals(true, documented.contains("eventlite.anonymous.subscribe")
                && documented.contains("eventlite.user.<name>.password-hash"), documented.toString());
    }
}
