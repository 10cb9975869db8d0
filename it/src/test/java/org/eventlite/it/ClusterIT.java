package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two real Liberty servers as one broadcast domain over Liberty's messaging
 * engine: node A hosts the engine, node B is a remote member.
 */
class ClusterIT {

    private static final File SERVERS = new File(System.getProperty("wlp.dir", "target/liberty/wlp"), "usr/servers");
    private static final String NODE_A = System.getProperty("node.a.server", "eventlite-node-a");
    private static final String NODE_B = System.getProperty("node.b.server", "eventlite-node-b");
    private static final int A_PORT = Integer.getInteger("node.a.port", 0);
    private static final int A_HTTP = Integer.getInteger("node.a.http.port", 0);
    /** The port of node A's messaging engine, which node B connects to. */
    private static final int ENGINE_PORT = Integer.getInteger("node.a.jms.port", 0);
    private static final int B_PORT = Integer.getInteger("node.b.port", 0);
    private static final int B_HTTP = Integer.getInteger("node.b.http.port", 0);
    private static final int EVENTS = 1000;

    /** The cluster check of a node's readiness, polled until {@code condition} holds or the deadline passes. */
    static JsonObject awaitCluster(int httpPort, Predicate<JsonObject> condition, Duration deadline)
            throws Exception {
        JsonObject check = Waits.until(deadline, Duration.ofMillis(200), () -> {
            try {
                return ServerHealth.check(ServerHealth.get(httpPort, "/health/ready").body(), "eventlite-cluster");
            } catch (IOException | JsonException | AssertionError e) {
                // the server is not answering yet, or not ready to list its checks (an application
                // restarting after a configuration change: Liberty may answer with an HTML error page)
                return null;
            }
        }, condition);
        if (check == null || !condition.test(check)) {
            throw new AssertionError("cluster check on port " + httpPort + " never matched; last: " + check);
        }
        return check;
    }

    static boolean up(JsonObject check) {
        return check.getString("status").equals("UP");
    }

    private static void bothUp() throws Exception {
        awaitCluster(A_HTTP, ClusterIT::up, Duration.ofSeconds(120));
        awaitCluster(B_HTTP, ClusterIT::up, Duration.ofSeconds(120));
    }

    /**
     * Publishes {@link #EVENTS} events pipelined on one server, then a last one; a subscriber on
     * the other server and one on the same server each receive every event once, in order, then
     * the last: a duplicate would arrive before it.
     */
    static void broadcastsAcross(int publishPort, int remotePort, String event) throws Exception {
        try (RawClient remote = RawClient.connect(remotePort); RawClient local = RawClient.connect(publishPort);
                RawClient publisher = RawClient.connect(publishPort)) {
            assertEquals("ok", remote.subscribe(event, TestServer.ANONYMOUS));
            assertEquals("ok", local.subscribe(event, TestServer.ANONYMOUS));
            ByteArrayOutputStream pipelined = new ByteArrayOutputStream();
            for (int i = 0; i < EVENTS; i++) {
                pipelined.write(RawClient.publishBytes(event, TestServer.ANONYMOUS, "{\"seq\":" + i + "}"));
            }
            pipelined.write(RawClient.publishBytes(event, TestServer.ANONYMOUS, "{\"last\":true}"));
            publisher.send(pipelined.toByteArray());
            for (int i = 0; i <= EVENTS; i++) {
                assertEquals("ok", publisher.readReply());
            }
            for (RawClient subscriber : new RawClient[] {remote, local}) {
                for (int i = 0; i < EVENTS; i++) {
                    assertEquals("{\"event\":\"" + event + "\",\"seq\":" + i + "}", subscriber.readEventJson());
                }
                assertEquals("{\"event\":\"" + event + "\",\"last\":true}", subscriber.readEventJson());
            }
        }
    }

    @Test
    void eventsPublishedOnAReachSubscribersOnBExactlyOnceAndInOrder() throws Exception {
        bothUp();
        broadcastsAcross(A_PORT, B_PORT, "cluster.a-to-b");
    }

    @Test
    void eventsPublishedOnBReachSubscribersOnAExactlyOnceAndInOrder() throws Exception {
        bothUp();
        broadcastsAcross(B_PORT, A_PORT, "cluster.b-to-a");
    }

    /**
     * A burst that TCP alone holds back (the generator's stream shape: one publisher writing as fast
     * as its socket takes it) crosses the link complete and in order to every subscriber on the
     * other server: the link batches events into messages instead of dropping what its queue cannot
     * hold. The generator checks every frame: count, order and payload.
     */
    @Test
    void aPipelinedBurstReachesEverySubscriberOnTheOtherServerCompleteAndInOrder() throws Exception {
        bothUp();
        String output = burst("cluster-burst.log");
        assertTrue(output.contains("deliveries=2000000 "), output);
    }

    /**
     * With a link queue far smaller than the burst (2,000 events), the same burst still arrives
     * complete and in order: the link holds the publisher back (its connection is not read) while
     * the queue is above half full, instead of dropping what does not fit.
     */
    @Test
    void aSmallLinkQueueHoldsThePublisherBackInsteadOfDroppingEvents() throws Exception {
        bothUp();
        Path dropIn = new File(SERVERS, NODE_A + "/configDropins/overrides/zz-pacing-it.xml").toPath();
        Files.createDirectories(dropIn.getParent());
        try {
            long linkUps = linkUpsOfNodeA();
            Files.writeString(dropIn, "<server><variable name=\"eventlite.cluster.max-pending-events\" value=\"2000\"/></server>");
            Waits.until(Duration.ofSeconds(120), Duration.ofMillis(200), ClusterIT::linkUpsOfNodeA, ups -> ups > linkUps);
            bothUp();
            String output = burst("cluster-paced-burst.log");
            assertTrue(output.contains("deliveries=2000000 "), output);
            JsonObject data = awaitCluster(A_HTTP, ClusterIT::up, Duration.ofSeconds(10)).getJsonObject("data");
            assertEquals(0, data.getJsonNumber("notForwarded").longValue(), data.toString());
            assertTrue(data.getJsonNumber("publishersHeldBack").longValue() > 0, data.toString());
        } finally {
            long linkUps = linkUpsOfNodeA();
            Files.deleteIfExists(dropIn);
            Waits.until(Duration.ofSeconds(120), Duration.ofMillis(200), ClusterIT::linkUpsOfNodeA, ups -> ups > linkUps);
        }
        bothUp();
    }

    /**
     * At a steady 5,000 events/s for 12 s no event takes a second to cross. The link's two loops
     * once held pool threads for good, and with the pool at its two threads per core the
     * messaging client's reads on node B waited for the pool's controller: one stall of 1.5 s in
     * every such run. A bound, not a speed figure (those are scripts/cluster-benchmark.sh's).
     */
    @Test
    void noEventWaitsASecondToCrossAtASteadyRate() throws Exception {
        bothUp();
        String output = bench("cluster-steady.log", "--events", "60000", "--warmup-events", "10000",
                "--rate", "5000", "--size", "100", "--subscribers", "10");
        assertTrue(output.contains("deliveries=600000 "), output);
        Matcher max = Pattern.compile("max=(\\d+)").matcher(output);
        assertTrue(max.find(), output);
        assertTrue(Long.parseLong(max.group(1)) < 1_000_000, "an event took a second or more: " + output);
    }

    /**
     * Runs the generator's stream-shape burst, 200,000 events from a publisher on node A to 10
     * subscribers on node B, every frame checked; @return its output, after it exited with 0
     */
    static String burst(String logName) throws Exception {
        return bench(logName, "--events", "200000", "--size", "100", "--subscribers", "10", "--client-shape", "stream");
    }

    /** Runs the generator from node A to node B; @return its output, after it exited with 0 */
    private static String bench(String logName, String... options) throws Exception {
        File log = new File(System.getProperty("cli.workdir", "target"), logName);
        log.getParentFile().mkdirs();
        List<String> command = new ArrayList<>(List.of(System.getProperty("tools.launcher"), "bench",
                "--server", TestServer.HOST + ":" + A_PORT, "--subscribe-server", TestServer.HOST + ":" + B_PORT,
                "--timeout-seconds", "60"));
        command.addAll(List.of(options));
        Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(bench.waitFor(90, TimeUnit.SECONDS), "the generator did not finish");
        String output = Files.readString(log.toPath());
        assertEquals(0, bench.exitValue(), output);
        return output;
    }

    /** How often node A's log says its link came up: once more after each restart of EventLite there. */
    private static long linkUpsOfNodeA() throws java.io.IOException {
        Path log = new File(SERVERS, NODE_A + "/logs/messages.log").toPath();
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> line.contains("EventLite cluster link up")).count();
        }
    }

    /**
     * Right after a burst the engine's server stops within 30 s, leaving no FFDC file; node B's
     * link goes down and says why. Then node B stops too, its link threads ending with the
     * broken connections they held, also within 30 s and without FFDC files (they used to
     * leave some, from the transaction each thread ran in); both come back and events cross again.
     */
    @Test
    void stoppingTheEngineServerTakesTheLinkDownAndItRecoversByItself() throws Exception {
        bothUp();
        burst("cluster-before-engine-stop.log");
        File memberFfdc = new File(SERVERS, NODE_B + "/logs/ffdc");
        List<String> memberFilesBefore = ffdcFiles(memberFfdc);
        Stop engineHost = stop(NODE_A);
        // The member lost the engine, and its link then found the engine's port closed: no attempt to connect.
        JsonObject gone = awaitCluster(B_HTTP, check -> check.getJsonObject("data").getString("link", "")
                .contains("refuses connections"), Duration.ofSeconds(60));
        Stop member = stop(NODE_B);
        List<String> attempts = ffdcFiles(memberFfdc).stream()
                .filter(file -> !memberFilesBefore.contains(file) && ffdcSource(memberFfdc, file).contains("createConnection"))
                .toList();
        liberty("start", NODE_B);
        liberty("start", NODE_A);

        assertNotEquals("UP", gone.getString("status"), "not ready while the link is down: " + gone);
        assertTrue(gone.getJsonObject("data").getString("link").contains("localhost:" + ENGINE_PORT), gone.toString());
        for (Stop stop : List.of(engineHost, member)) {
            assertTrue(stop.millis() < 30_000, stop.node() + " took " + stop.millis() + " ms to stop");
            assertEquals(List.of(), stop.ffdcFiles(), "FFDC files written while " + stop.node() + " stopped");
        }
        assertEquals(List.of(), attempts, "FFDC files of connection attempts while the engine was gone");
        bothUp();
        broadcastsAcross(B_PORT, A_PORT, "cluster.after-restart");
    }

    /** How long a node took to stop, and the FFDC files it wrote meanwhile. */
    record Stop(String node, long millis, List<String> ffdcFiles) {
    }

    /** Runs {@code server stop} of {@code node}, timing it and listing the FFDC files it wrote meanwhile. */
    static Stop stop(String node) throws Exception {
        File ffdc = new File(SERVERS, node + "/logs/ffdc");
        List<String> before = ffdcFiles(ffdc);
        long start = System.nanoTime();
        liberty("stop", node);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<String> written = ffdcFiles(ffdc);
        written.removeAll(before);
        return new Stop(node, millis, written);
    }

    /** The Source line of an FFDC file, or "" for another file (the summary). */
    private static String ffdcSource(File dir, String file) {
        try {
            return Files.readAllLines(new File(dir, file).toPath()).stream()
                    .filter(line -> line.startsWith("Source = ")).findFirst().orElse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ffdcFiles(File dir) {
        String[] files = dir.list();
        return files == null ? new ArrayList<>() : new ArrayList<>(List.of(files));
    }

    /** {@code server stop|start} of one node. */
    private static void liberty(String action, String node) throws Exception {
        LibertyCommand.run(action, node);
    }

    /**
     * The engine asks who connects: a member with a wrong password (the "blocked" test server,
     * it-blocked/intruder-member.xml) is refused, and says so in its readiness.
     */
    @Test
    void theEngineRefusesAMemberWithAWrongPassword() throws Exception {
        bothUp();
        JsonObject intruder = awaitCluster(TestServer.BLOCKED_HTTP_PORT,
                check -> check.getJsonObject("data").getString("link", "").contains("CWSIA0009E"), Duration.ofSeconds(120));
        assertEquals(0, intruder.getJsonObject("data").getJsonNumber("received").longValue());
        assertEquals("UP", intruder.getString("status"), "it is configured to stay ready while its link is down");
        assertTrue(intruder.getJsonObject("data").getBoolean("readyWhileLinkDown"), intruder.toString());
    }
}
