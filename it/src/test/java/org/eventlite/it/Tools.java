package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.util.Arrays;

/**
 * Programs that some tests drive besides the server: {@code perl} for the 2008 clients, Debian's
 * {@code chromium} and {@code chromium-driver} for the dashboard. Missing, they fail the test
 * with what to install, as CI must run everything; {@code -Dit.skip-missing-tools=true} skips
 * those tests instead, for a contributor's machine without them.
 */
final class Tools {

    private static final boolean SKIP_MISSING = Boolean.getBoolean("it.skip-missing-tools");

    private Tools() {
    }

    /** {@code command} found on the PATH. */
    static void requireOnPath(String command, String install) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, command).canExecute());
        require(found, command + " is not on the PATH; " + install);
    }

    /** Every one of {@code files} is an executable. */
    static void requireExecutables(String install, String... files) {
        boolean found = Arrays.stream(files).allMatch(file -> new File(file).canExecute());
        require(found, String.join(", ", files) + ": not all there; " + install);
    }

    private static void require(boolean found, String message) {
        String advice = message + " (or run with -Dit.skip-missing-tools=true to skip this test)";
        if (SKIP_MISSING) {
            assumeTrue(found, advice);
        } else {
            assertTrue(found, advice);
        }
    }
}
