package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster link over ActiveMQ Artemis, a primary/backup pair replicating its journal, started
 * from the distribution the build unpacked by deploy/artemis/start-broker.sh, the script the
 * Kubernetes manifest runs. The brokers speak TLS only, with the build's test certificate, and
 * sign in their members as node-settings.xml's user and password (a member with a wrong one is
 * refused). Nodes A and B switch their link from Liberty's engine to
 * Artemis with a configuration drop-in ({@code eventlite.cluster.artemis-url}, both brokers in the
 * URL, fail-over on), exchange events, and keep exchanging them after the live broker is killed:
 * what is lost during the switch is counted and reported, order holds and nothing arrives twice.
 * Afterwards the nodes go back to Liberty's engine for the other tests.
 */
class ArtemisClusterIT {

    private static final int A_PORT = Integer.getInteger("node.a.port", 0);
    private static final int A_HTTP = Integer.getInteger("node.a.http.port", 0);
    private static final int B_PORT = Integer.getInteger("node.b.port", 0);
    private static final int B_HTTP = Integer.getInteger("node.b.http.port", 0);
    private static final Path HOME = Path.of(System.getProperty("artemis.home", "target/artemis/apache-artemis-2.40.0"));
    private static final Path START_BROKER = Path.of(System.getProperty("artemis.start-broker",
            "../deploy/artemis/start-broker.sh"));
    private static final Path INSTANCES = Path.of(System.getProperty("artemis.instances", "target/artemis-instances"));
    private static final File SERVERS = new File(System.getProperty("wlp.dir", "target/liberty/wlp"), "usr/servers");
    private static final String[] NODES = {System.getProperty("node.a.server", "eventlite-node-a"),
        System.getProperty("node.b.server", "eventlite-node-b")};
    /** As the nodes' node-settings.xml sets eventlite.cluster.password (and member.xml the user). */
    private static final String USER = "eventlite-member";
    private static final String PASSWORD = "it-cluster-Secret-1";
    private static final String DROP_IN = "zz-artemis-it.xml";
    /** The "blocked" test server: a member whose cluster password is a wrong guess (it-blocked/intruder-member.xml). */
    private static final File INTRUDER = new File(System.getProperty("blocked.server.dir", "target/liberty/wlp/usr/servers/eventlite-it-blocked"));

    private static Process live;
    private static Process backup;
    /** How much of node A's log was there before the switch to Artemis: earlier runs' lines are not this run's. */
    private static long logBefore;

    @BeforeAll
    static void startBrokersAndSwitchTheNodes() throws Exception {
        logBefore = Files.size(nodeALog());
        int livePort = freePort();
        int backupPort = freePort();
        deleteRecursively(INSTANCES);
        Path keys = Files.copy(TestTls.KEYSTORE, INSTANCES.resolve("broker.p12"));
        Path trust = Files.copy(TestTls.TRUSTSTORE, INSTANCES.resolve("trust.p12"));
        live = startBroker("live", "primary", livePort, backupPort, keys, trust);
        awaitLog("live", "AMQ221007");   // Server is now active
        backup = startBroker("backup", "backup", backupPort, livePort, keys, trust);
        awaitLog("backup", "AMQ221024"); // synchronized with the primary: it can take over now
        String url = "(tcp://127.0.0.1:" + livePort + ",tcp://127.0.0.1:" + backupPort + ")"
                + "?ha=true&amp;reconnectAttempts=30&amp;retryInterval=200&amp;sslEnabled=true&amp;trustStorePath="
                + trust + "&amp;trustStorePassword=" + TestTls.TRUSTSTORE_PASSWORD;
        String artemis = "<server>\n  <variable name=\"eventlite.cluster.artemis-url\" value=\"" + url + "\"/>\n</server>\n";
        for (String node : NODES) {
            Files.writeString(dropIn(node), artemis);
        }
        Files.writeString(intruderDropIn(), artemis);
        awaitThroughArtemis(A_HTTP);
        awaitThroughArtemis(B_HTTP);
    }

    @AfterAll
    static void backToLibertysEngine() throws Exception {
        for (String node : NODES) {
            Files.deleteIfExists(dropIn(node));
        }
        Files.deleteIfExists(intruderDropIn());
        for (Process broker : new Process[] {live, backup}) {
            if (broker != null) {
                broker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        for (int http : new int[] {A_HTTP, B_HTTP}) {
            ClusterIT.awaitCluster(http, check -> ClusterIT.up(check)
                    && !check.getJsonObject("data").getString("through", "").startsWith("Artemis"), Duration.ofSeconds(120));
        }
    }

    /** The readiness data and the log name the brokers, never the trust store's password in the URL. */
    @Test
    void theUrlIsShownWithoutItsPasswords() throws Exception {
        String through = clusterCheck(A_HTTP).getJsonObject("data").getString("through");
        assertTrue(through.contains("trustStorePassword=***"), through);
        byte[] log = Files.readAllBytes(nodeALog());
        int from = log.length >= logBefore ? (int) logBefore : 0;   // 0: Liberty has rolled the log over since
        String written = new String(log, from, log.length - from, StandardCharsets.UTF_8);
        assertTrue(!written.contains(TestTls.TRUSTSTORE_PASSWORD), "the password is in node A's log");
    }

    @Test
    void eventsCrossThroughArtemisExactlyOnceAndInOrder() throws Exception {
        ClusterIT.broadcastsAcross(A_PORT, B_PORT, "artemis.a-to-b");
        ClusterIT.broadcastsAcross(B_PORT, A_PORT, "artemis.b-to-a");
    }

    /**
     * A steady stream from A to a subscriber on B while the live broker is killed: the backup takes
     * over and events flow again without anyone reconnecting by hand; those published during the
     * switch may be lost (at most once), never duplicated or reordered.
     */
    @Test
    void eventsKeepFlowingWhenTheLiveBrokerDies() throws Exception {
        int events = 4000;
        int killAt = 1000;
        List<Integer> received = new ArrayList<>();
        AtomicBoolean readinessWentDown = new AtomicBoolean();
        try (RawClient subscriber = RawClient.connect(B_PORT); RawClient publisher = RawClient.connect(A_PORT)) {
            assertEquals("ok", subscriber.subscribe("artemis.failover", TestServer.ANONYMOUS));
            AtomicInteger lastPublished = new AtomicInteger(-1);
            Thread stream = new Thread(() -> {
                try {
                    for (int i = 0; i < events; i++) {
                        assertEquals("ok", publisher.publish("artemis.failover", TestServer.ANONYMOUS, "{\"seq\":" + i + "}"));
                        lastPublished.set(i);
                        if (i == killAt) {
                            live.destroyForcibly();
                        }
                        LockSupport.parkNanos(2_000_000);   // pacing, about 400 events a second: a steady stream
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "artemis-failover-publisher");
            stream.start();
            while (true) {
                String json;
                try {
                    json = subscriber.readEventJson();
                } catch (IOException timedOut) {
                    break;   // ten seconds without an event: the stream has ended, or the link has
                }
                int seq = Json.createReader(new StringReader(json)).readObject().getInt("seq");
                received.add(seq);
                if (seq == events - 1) {
                    break;
                }
                if (!readinessWentDown.get() && lastPublished.get() > killAt && received.size() % 50 == 0) {
                    readinessWentDown.set(!ClusterIT.up(clusterCheck(A_HTTP)));
                }
            }
            stream.join(TimeUnit.SECONDS.toMillis(60));
        }
        for (int i = 1; i < received.size(); i++) {
            assertTrue(received.get(i) > received.get(i - 1), "out of order or twice at " + i + ": "
                    + received.subList(Math.max(0, i - 3), Math.min(received.size(), i + 3)));
        }
        assertTrue(!received.isEmpty() && received.get(received.size() - 1) == events - 1,
                "the stream did not resume after the fail-over; last received: "
                        + (received.isEmpty() ? "none" : received.get(received.size() - 1)));
        int lost = events - received.size();
        System.out.printf("ArtemisClusterIT: live broker killed after event %d of %d; %d events lost during the"
                + " switch (at most once), %d received in order; readiness of A seen DOWN meanwhile: %s%n",
                killAt, events, lost, received.size(), readinessWentDown.get());
        assertTrue(lost < events / 2, lost + " of " + events + " lost: fail-over took far too long");
    }

    /**
     * A burst that only TCP holds back (200,000 events written as fast as the socket takes them, to
     * 10 subscribers, every frame checked) outruns the link over TLS; it still crosses complete and
     * in order, the link holding the publisher back instead of dropping events. Right after it, a
     * member stops within 30 s, its link leaving no FFDC file behind, and comes back through Artemis.
     */
    @Test
    void aMemberStopsPromptlyAndCleanlyRightAfterABurst() throws Exception {
        long notForwardedBefore = clusterCheck(A_HTTP).getJsonObject("data").getJsonNumber("notForwarded").longValue();
        String output = ClusterIT.burst("artemis-burst.log");
        assertTrue(output.contains("deliveries=2000000 "), output);
        JsonObject link = clusterCheck(A_HTTP).getJsonObject("data");
        assertEquals(notForwardedBefore, link.getJsonNumber("notForwarded").longValue(), link.toString());
        System.out.println("ArtemisClusterIT burst over TLS: " + output.strip() + "; node A's link: " + link);

        ClusterIT.Stop stop = ClusterIT.stop(NODES[1]);
        LibertyCommand.run("start", NODES[1]);
        awaitThroughArtemis(B_HTTP);
        assertTrue(stop.millis() < 30_000, "node B took " + stop.millis() + " ms to stop");
        assertEquals(List.of(), stop.ffdcFiles(), "FFDC files written while node B stopped");
    }

    private static JsonObject clusterCheck(int http) throws Exception {
        return ServerHealth.check(ServerHealth.get(http, "/health/ready").body(), "eventlite-cluster");
    }

    private static void awaitThroughArtemis(int http) throws Exception {
        ClusterIT.awaitCluster(http, check -> ClusterIT.up(check)
                && check.getJsonObject("data").getString("through", "").startsWith("Artemis"), Duration.ofSeconds(120));
    }

    /**
     * Artemis asks who connects: the intruder's link, with the right user name and a wrong
     * password, is refused, and its readiness data says so.
     */
    @Test
    void artemisRefusesAMemberWithAWrongPassword() throws Exception {
        JsonObject intruder = ClusterIT.awaitCluster(TestServer.BLOCKED_HTTP_PORT, check -> {
            JsonObject data = check.getJsonObject("data");
            return data.getString("through", "").startsWith("Artemis") && data.getString("link", "").contains("AMQ229031");
        }, Duration.ofSeconds(120));
        assertEquals(0, intruder.getJsonObject("data").getJsonNumber("received").longValue());
    }

    private static Path nodeALog() {
        return new File(SERVERS, NODES[0] + "/logs/messages.log").toPath();
    }

    private static Path intruderDropIn() {
        return new File(INTRUDER, "configDropins/overrides/" + DROP_IN).toPath();
    }

    private static Path dropIn(String node) {
        return new File(SERVERS, node + "/configDropins/overrides/" + DROP_IN).toPath();
    }

    /** Creates (the first time) and runs one broker of the pair as the deployment script does. */
    private static Process startBroker(String name, String role, int port, int partnerPort, Path keys, Path trust)
            throws IOException {
        ProcessBuilder broker = new ProcessBuilder("bash", START_BROKER.toString()).redirectErrorStream(true)
                .redirectOutput(INSTANCES.resolve(name + ".log").toFile());
        broker.environment().putAll(Map.ofEntries(
                Map.entry("ARTEMIS_HOME", HOME.toAbsolutePath().toString()),
                Map.entry("ARTEMIS_INSTANCE", INSTANCES.resolve(name).toAbsolutePath().toString()),
                Map.entry("BROKER_ROLE", role),
                Map.entry("BROKER_NAME", name),
                Map.entry("BROKER_HOST", "127.0.0.1"),
                Map.entry("BROKER_PORT", String.valueOf(port)),
                Map.entry("PARTNER_URL", "tcp://127.0.0.1:" + partnerPort),
                Map.entry("ARTEMIS_USER", USER),
                Map.entry("ARTEMIS_PASSWORD", PASSWORD),
                Map.entry("CLUSTER_USER", "artemis-cluster"),
                Map.entry("CLUSTER_PASSWORD", "it-artemis-cluster-2"),
                Map.entry("TLS_KEYSTORE", keys.toAbsolutePath().toString()),
                Map.entry("TLS_KEYSTORE_PASSWORD", TestTls.TRUSTSTORE_PASSWORD),
                Map.entry("TLS_TRUSTSTORE", trust.toAbsolutePath().toString()),
                Map.entry("TLS_TRUSTSTORE_PASSWORD", TestTls.TRUSTSTORE_PASSWORD)));
        return broker.start();
    }

    private static void awaitLog(String name, String message) throws Exception {
        Path log = INSTANCES.resolve(name + ".log");
        String seen = Waits.until(Duration.ofSeconds(120), Duration.ofMillis(200),
                () -> Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : null,
                text -> text.contains(message));
        assertTrue(seen != null && seen.contains(message), name + " broker did not log " + message + ": " + seen);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(dir);
    }
}
