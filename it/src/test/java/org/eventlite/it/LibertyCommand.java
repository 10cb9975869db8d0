package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.concurrent.TimeUnit;

/** {@code server stop|start <name>} with the build's Liberty, for tests that stop and start a server. */
final class LibertyCommand {

    private LibertyCommand() {
    }

    static void run(String action, String server) throws Exception {
        File wlp = new File(System.getProperty("wlp.dir", "target/liberty/wlp"));
        Process process = new ProcessBuilder(new File(wlp, "bin/server").getPath(), action, server)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "server " + action + " " + server + " did not finish");
        assertEquals(0, process.exitValue(), "server " + action + " " + server + " failed");
    }
}
