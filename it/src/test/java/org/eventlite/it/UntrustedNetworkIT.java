package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client on another network, for real: a network namespace joined to this one by a veth
 * pair (198.18.7.1 here, 198.18.7.2 there), made and removed by the test, so its traffic
 * never leaves the machine. The HTTP gateway listens on every interface; anonymous clients
 * from that network must be refused there as on TCP. Needs root (CI runs as root).
 */
class UntrustedNetworkIT {

    private static final String SUFFIX = Long.toString(ProcessHandle.current().pid() % 100_000);
    private static final String NAMESPACE = "elit" + SUFFIX;
    private static final String HOST_SIDE = "elh" + SUFFIX;
    private static final String NAMESPACE_SIDE = "eln" + SUFFIX;
    private static final String HOST_ADDRESS = "198.18.7.1";

    @BeforeAll
    static void makeAnotherNetwork() throws Exception {
        assumeTrue(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                StandardCharsets.US_ASCII).strip().equals("0"), "network namespaces need root");
        run("ip", "netns", "add", NAMESPACE);
        run("ip", "link", "add", HOST_SIDE, "type", "veth", "peer", "name", NAMESPACE_SIDE);
        run("ip", "link", "set", NAMESPACE_SIDE, "netns", NAMESPACE);
        run("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_SIDE);
        run("ip", "link", "set", HOST_SIDE, "up");
        run("ip", "netns", "exec", NAMESPACE, "ip", "addr", "add", "198.18.7.2/30", "dev", NAMESPACE_SIDE);
        run("ip", "netns", "exec", NAMESPACE, "ip", "link", "set", NAMESPACE_SIDE, "up");
    }

    @AfterAll
    static void removeIt() throws Exception {
        runQuietly("ip", "netns", "del", NAMESPACE); // takes the namespace's end of the pair, and so the pair
        runQuietly("ip", "link", "del", HOST_SIDE);
    }

    @Test
    void anonymousHttpClientsOnAnotherNetworkAreRefused() throws Exception {
        String events = "http://" + HOST_ADDRESS + ":" + TestServer.HTTP_PORT + "/eventlite/api/events";
        assertEquals("401", curlFromThere("-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"x\":1}",
                events + "/remote.anon"));
        assertEquals("401", curlFromThere("-H", "Accept: text/event-stream", events + "?name=remote.anon"));
        assertEquals("401", curlFromThere("http://" + HOST_ADDRESS + ":" + TestServer.HTTP_PORT + "/eventlite/api/stats"));
        assertEquals("200", curlFromThere("-u", TestServer.ALICE.replace('|', ':'), "-X", "POST", "-H",
                "Content-Type: application/json", "-d", "{\"x\":1}", events + "/b"), "a named user is served from there");
    }

    /** The HTTP status curl gets from inside the other network. */
    private static String curlFromThere(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE, "curl", "-s", "-o", "/dev/null",
                "-w", "%{http_code}", "--max-time", "10"));
        command.addAll(List.of(arguments));
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void runQuietly(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
