package org.eventlite.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * The {@link Settings} catalogue is the one list of settings: docs/configuration.md's table is
 * made from it, its documented defaults are its defaults, server.xml's settingsRevision joins
 * exactly the settings whose change should restart the listener, the Liberty variables it lists
 * are used by Liberty's configuration, and the other pages name no setting it lacks.
 */
class SettingsDocumentedTest {

    private static final Path ROOT = Path.of("../..");
    private static final Path CONFIGURATION = ROOT.resolve("docs/configuration.md");
    private static final Path GENERATED = Path.of("target/configuration-table.md");
    private static final String TABLE_HEADER = "| setting | default | meaning |";
    /** Dotted names that are not settings: packages, files, a default value, the settings of earlier versions. */
    private static final Set<String> NOT_SETTINGS = Set.of("eventlite.api", "eventlite.cdi.broker", "eventlite.cdi.access",
            "eventlite.benchmarks", "eventlite.yaml", "eventlite.ear", "eventlite.events", "eventlite.tls.keystore");
    private static final Pattern SETTING_LIKE = Pattern.compile("eventlite\\.[a-z<][a-z0-9<>.-]*[a-z>](-\\*)?");
    private static final Pattern REVISION = Pattern.compile("settingsRevision=\"([^\"]*)\"");

    /** The table docs/configuration.md must hold, one row a setting. */
    static String table() {
        StringBuilder table = new StringBuilder(TABLE_HEADER).append("\n|---|---|---|\n");
        for (Setting<?> setting : Settings.ALL) {
            table.append("| `").append(setting.key()).append("` | ").append(setting.documentedDefault())
                    .append(" | ").append(setting.meaning())
                    .append(setting.kind() == Setting.Kind.LIBERTY ? " (a Liberty variable; the application does not read it)" : "")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** The table as docs/configuration.md has it: from its header to the first line that is no row. */
    private static String documentedTable() throws IOException {
        StringBuilder table = new StringBuilder();
        boolean inTable = false;
        for (String line : Files.readAllLines(CONFIGURATION)) {
            inTable |= line.equals(TABLE_HEADER);
            if (inTable && !line.startsWith("|")) {
                break;
            }
            if (inTable) {
                table.append(line).append('\n');
            }
        }
        return table.toString();
    }

    @Test
    void theConfigurationPageHoldsTheCataloguesTable() throws IOException {
        String expected = table();
        String documented = documentedTable();
        if (!expected.equals(documented)) {
            Files.createDirectories(GENERATED.getParent());
            Files.writeString(GENERATED, expected);
        }
        assertEquals(expected, documented, "docs/configuration.md's table differs from Settings.java;"
                + " src/cdi/" + GENERATED + " holds the table to paste in");
    }

    @Test
    void everySettingIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.documentedDefault() == null || setting.meaning() == null) {
                undocumented.add(setting.key());
            }
        }
        assertEquals(List.of(), undocumented, "settings without a default text or a meaning");
    }

    /** A default written as a value ({@code `10s`}) must read as the setting's default. */
    @Test
    void documentedDefaultsAreTheDefaults() {
        Pattern literal = Pattern.compile("^`([^`]+)`");
        List<String> wrong = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            Matcher written = literal.matcher(setting.documentedDefault());
            if (setting.kind() == Setting.Kind.LIBERTY || !written.find()) {
                continue;
            }
            Object read = setting.valueOf(written.group(1));
            if (!read.equals(setting.fallback())) {
                wrong.add(setting.key() + ": documented " + written.group(1) + ", is " + setting.fallback());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void settingsRevisionJoinsExactlyTheSettingsThatRestartTheListener() throws IOException {
        Matcher revision = REVISION.matcher(Files.readString(ROOT.resolve("server.xml")));
        assertTrue(revision.find(), "server.xml has no settingsRevision");
        Set<String> joined = new TreeSet<>();
        for (String part : revision.group(1).split("\\|")) {
            joined.add(part.replaceAll("^\\$\\{|}$", ""));
        }
        Set<String> expected = new TreeSet<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.kind() == Setting.Kind.RESTARTS_LISTENER) {
                expected.add(setting.key());
            }
        }
        assertEquals(expected, joined, "server.xml's settingsRevision");
    }

    @Test
    void libertyVariablesAreUsedByLibertysConfiguration() throws IOException {
        StringBuilder liberty = new StringBuilder(Files.readString(ROOT.resolve("server.xml")));
        try (Stream<Path> files = Files.walk(ROOT.resolve("liberty"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                liberty.append(Files.readString(file));
            }
        }
        List<String> unused = new ArrayList<>();
        for (Setting<?> setting : Settings.ALL) {
            if (setting.kind() == Setting.Kind.LIBERTY && !liberty.toString().contains("${" + setting.key() + "}")) {
                unused.add(setting.key());
            }
        }
        assertEquals(List.of(), unused, "Liberty variables no Liberty configuration file uses");
    }

    @Test
    void theDocsNameNoSettingTheCatalogueLacks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> unknown = new ArrayList<>();
        for (Path page : pages) {
            Matcher name = SETTING_LIKE.matcher(Files.readString(page));
            while (name.find()) {
                if (!known(name.group())) {
                    unknown.add(page.getFileName() + ": " + name.group());
                }
            }
        }
        assertEquals(List.of(), unknown, "names that look like settings but are not in Settings.java");
    }

    /**
     * A key, or the part of one before a dot ({@code eventlite.cluster}), with any {@code <name>}
     * written as a name; keys of one family ({@code eventlite.cluster.batch-*}); or a known non-setting.
     */
    private static boolean known(String name) {
        if (NOT_SETTINGS.contains(name)) {
            return true;
        }
        if (name.endsWith("-*")) {
            String family = name.substring(0, name.length() - 1);
            return Settings.ALL.stream().anyMatch(setting -> setting.key().startsWith(family));
        }
        for (Setting<?> setting : Settings.ALL) {
            String key = setting.key();
            for (int end = key.indexOf('.'); end != -1; end = key.indexOf('.', end + 1)) {
                if (matchesWritten(key.substring(0, end), name)) {
                    return true;
                }
            }
            if (matchesWritten(key, name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesWritten(String key, String name) {
        return name.matches(Pattern.quote(key).replaceAll("<[a-z]+>", "\\\\E[^.]+\\\\Q"));
    }

    @Test
    void aMisspelledSettingInTheDocsIsFound() {
        assertTrue(known("eventlite.user.ticker.publish"));
        assertTrue(known("eventlite.cluster"));
        assertTrue(known("eventlite.user.alice"));
        assertTrue(known("eventlite.cluster.batch-*"));
        assertEquals(false, known("eventlite.cluster.bunch-*"));
        assertEquals(false, known("eventlite.subscriber.max-pending"));
        assertEquals(false, known("eventlite.tls.keystore-password"));
    }
}
