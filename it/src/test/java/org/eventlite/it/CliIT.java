package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command-line tool as a shell script uses it (it/src/test/sh/cli-roundtrip.sh). */
class CliIT {

    @Test
    void subscriberExitsAfterThreeEventsPublishedByPubAndPrintsJsonLines() throws Exception {
        Process script = new ProcessBuilder("bash", System.getProperty("cli.script"),
                System.getProperty("cli.launcher"), TestServer.HOST + ":" + TestServer.PORT,
                System.getProperty("cli.workdir", "target/cli-roundtrip"))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        script.getOutputStream().close();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, script.exitValue(), output);
        assertEquals(List.of(
                "{\"event\":\"cli.script\",\"seq\":1,\"word\":\"one\"}",
                "{\"event\":\"cli.script\",\"seq\":2,\"word\":\"two\"}",
                "{\"event\":\"cli.script\",\"seq\":3,\"word\":\"three\"}"), output.lines().toList());
    }

    @Test
    void exitStatusTellsRefusalFromUnreachable() throws Exception {
        assertEquals(1, eventlite("pub", "--server", TestServer.HOST + ":" + TestServer.PORT, "--user", "alice",
                "a", "n:=1"));
        assertEquals(0, eventlite("pub", "--server", TestServer.HOST + ":" + TestServer.PORT, "--user", "alice",
                "b", "n:=1"));
        assertEquals(3, eventlite("pub", "--server", TestServer.HOST + ":1", "x", "n:=1"));
        assertEquals(2, eventlite("pub", "--server", TestServer.HOST + ":" + TestServer.PORT, "x", "--json", "[1]"));
    }

    private static int eventlite(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("cli.launcher")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("cli.workdir", "target"), "last-command.log"));
        builder.environment().put("EVENTLITE_PASSWORD", "alice-Secret-9");
        new File(System.getProperty("cli.workdir", "target")).mkdirs();
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
