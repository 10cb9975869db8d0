package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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

    /** EVENTLITE_SERVER and EVENTLITE_USER stand for --server and --user, as in a shell profile. */
    @Test
    void serverAndUserComeFromTheEnvironment() throws Exception {
        Map<String, String> alice = Map.of("EVENTLITE_SERVER", TestServer.HOST + ":" + TestServer.PORT,
                "EVENTLITE_USER", "alice");
        assertEquals(0, eventlite(alice, "pub", "b", "n:=1"), "alice may publish b");
        assertEquals(1, eventlite(alice, "pub", "a", "n:=1"), "alice may not publish a: the user was taken");
        assertEquals(3, eventlite(Map.of("EVENTLITE_SERVER", TestServer.HOST + ":1"), "pub", "b", "n:=1"),
                "the server was taken from the environment");
    }

    /** Lines from standard input: each refusal is reported as it happens, with its line, and decides the status. */
    @Test
    void publishingLinesReportsEveryRefusalWithItsLine() throws Exception {
        File log = new File(System.getProperty("cli.workdir", "target"), "lines.log");
        List<String> command = List.of(System.getProperty("cli.launcher"), "pub", "--server",
                TestServer.HOST + ":" + TestServer.PORT, "--user", "alice", "a");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log);
        builder.environment().put("EVENTLITE_PASSWORD", "alice-Secret-9");
        new File(System.getProperty("cli.workdir", "target")).mkdirs();
        Process process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write("{\"n\":1}\n\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        String output = java.nio.file.Files.readString(log.toPath());
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("line 1: ") && output.contains("line 3: "), output);
    }

    private static int eventlite(String... args) throws Exception {
        return eventlite(Map.of(), args);
    }

    private static int eventlite(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("cli.launcher")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(System.getProperty("cli.workdir", "target"), "last-command.log"));
        builder.environment().put("EVENTLITE_PASSWORD", "alice-Secret-9");
        builder.environment().putAll(environment);
        new File(System.getProperty("cli.workdir", "target")).mkdirs();
        Process process = builder.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }
}
