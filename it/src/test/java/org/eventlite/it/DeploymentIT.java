package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the deployment files here, where no container image can be pulled:
 * the server package the build makes (src/ear/target/eventlite-server.jar) runs with
 * {@code java -jar} and the environment the Kubernetes Deployment sets, serves a round trip and
 * stops on SIGTERM; the manifests parse and their ports and probe paths are the server's; the
 * Containerfile copies files the build makes.
 */
class DeploymentIT {

    private static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath();
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    @Test
    void theRunnableJarServesWithTheDeploymentsEnvironmentAndStops() throws Exception {
        File jar = new File(System.getProperty("runnable.jar", "../src/ear/target/eventlite-server.jar"));
        assertTrue(jar.isFile(), "the build made " + jar);
        int port = freePort();
        int http = freePort();
        Path home = Files.createDirectories(Path.of(System.getProperty("runnable.dir", "target/runnable")));
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", jar.getAbsolutePath()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> environment = deploymentEnvironment();
        environment.put("EVENTLITE_CLUSTER_NODE", "deployment-it"); // the pod's name, from the downward API
        // The manifest's ports would clash with the other test servers here: free ones instead.
        environment.put("EVENTLITE_PORT", String.valueOf(port));
        environment.put("DEFAULT_HTTP_PORT", String.valueOf(http));
        environment.put("DEFAULT_HTTPS_PORT", String.valueOf(freePort()));
        builder.environment().putAll(environment);
        Process server = builder.start();
        try {
            int status = Waits.until(READY_WITHIN, Duration.ofMillis(500), () -> {
                try {
                    return ServerHealth.get(http, "/health/ready").statusCode();
                } catch (IOException notYet) {
                    return null;
                }
            }, code -> code == 200);
            assertEquals(200, status, "ready; see " + home.resolve("server.log"));
            try (RawClient subscriber = RawClient.connect(port); RawClient publisher = RawClient.connect(port)) {
                assertEquals("ok", subscriber.subscribe("runnable.jar", TestServer.ANONYMOUS));
                assertEquals("ok", publisher.publish("runnable.jar", TestServer.ANONYMOUS, "{\"n\":1}"));
                assertEquals("{\"event\":\"runnable.jar\",\"n\":1}", subscriber.readEventJson());
            }
        } finally {
            server.destroy(); // SIGTERM: Liberty stops its applications and exits
            boolean stopped = server.waitFor(60, TimeUnit.SECONDS);
            if (!stopped) {
                server.destroyForcibly();
            }
            assertTrue(stopped, "stopped within 60 s of SIGTERM");
        }
    }

    @Test
    void theManifestsPortsAndProbesAreTheServers() throws Exception {
        Map<String, Object> container = eventliteContainer();
        Map<String, Integer> ports = new HashMap<>();
        for (Map<String, Object> entry : list(container.get("ports"))) {
            ports.put((String) entry.get("name"), (Integer) entry.get("containerPort"));
        }
        String serverXml = Files.readString(ROOT.resolve("server.xml"));
        assertEquals(Integer.valueOf(variableDefault(serverXml, "eventlite.port")), ports.get("events"));
        assertEquals(Integer.valueOf(variableDefault(serverXml, "default.http.port")), ports.get("http"));
        Map<String, String> probes = Map.of("startupProbe", "/health/started", "readinessProbe", "/health/ready",
                "livenessProbe", "/health/live");
        for (Map.Entry<String, String> probe : probes.entrySet()) {
            Map<String, Object> httpGet = map(map(container.get(probe.getKey())).get("httpGet"));
            assertEquals(probe.getValue(), httpGet.get("path"), probe.getKey());
            assertEquals("http", httpGet.get("port"), probe.getKey());
        }
        try (Reader cluster = Files.newBufferedReader(ROOT.resolve("deploy/kubernetes/cluster.yaml"))) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(cluster).forEach(documents::add);
            assertEquals(3, documents.size(), "the engine's ConfigMap, StatefulSet and Service");
        }
    }

    /**
     * The Artemis pair's StatefulSet gives its script every variable the script requires (the
     * list it checks at start), runs it from the ConfigMap it is mounted from, keeps the two pods
     * on different nodes, and the members' URL in eventlite.yaml names both pods over TLS.
     */
    @Test
    void theArtemisPairGivesItsScriptWhatItRequires() throws Exception {
        String script = Files.readString(ROOT.resolve("deploy/artemis/start-broker.sh"));
        Matcher required = Pattern.compile("for name in ([A-Z_ \\\\\n]+); do").matcher(script);
        assertTrue(required.find(), "start-broker.sh lists the variables it requires");
        Map<String, Object> statefulSet = null;
        try (Reader manifests = Files.newBufferedReader(ROOT.resolve("deploy/kubernetes/artemis.yaml"))) {
            for (Object document : new Yaml().loadAll(manifests)) {
                if ("StatefulSet".equals(map(document).get("kind"))) {
                    statefulSet = map(document);
                }
            }
        }
        assertTrue(statefulSet != null, "artemis.yaml has a StatefulSet");
        Map<String, Object> spec = map(statefulSet.get("spec"));
        assertEquals(2, spec.get("replicas"));
        Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
        assertTrue(map(pod.get("affinity")).containsKey("podAntiAffinity"), "the two brokers on different nodes");
        Map<String, Object> container = list(pod.get("containers")).get(0);
        List<String> given = list(container.get("env")).stream().map(variable -> (String) variable.get("name")).toList();
        for (String name : required.group(1).replace("\\", " ").trim().split("\\s+")) {
            assertTrue(given.contains(name), "artemis.yaml does not set " + name);
        }
        assertEquals(List.of("bash", "/opt/eventlite/start-broker.sh"), container.get("command"));
        String members = Files.readString(ROOT.resolve("deploy/kubernetes/eventlite.yaml"));
        assertTrue(members.contains("(tcp://artemis-0.artemis:61616,tcp://artemis-1.artemis:61616)?ha=true")
                && members.contains("sslEnabled=true"), "eventlite.yaml's members reach both brokers over TLS");
    }

    @Test
    void theContainerfileCopiesWhatTheBuildMakes() throws Exception {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+$")
                .matcher(Files.readString(ROOT.resolve("deploy/Containerfile")));
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            sources.add(copy.group(1));
        }
        assertFalse(sources.isEmpty());
        for (String source : sources) {
            assertTrue(Files.exists(ROOT.resolve(source)), "the Containerfile copies " + source);
        }
    }

    /** The environment of the Deployment's container, as name to value; values from elsewhere left out. */
    private static Map<String, String> deploymentEnvironment() throws IOException {
        Map<String, String> environment = new HashMap<>();
        for (Map<String, Object> variable : list(eventliteContainer().get("env"))) {
            if (variable.get("value") != null) {
                environment.put((String) variable.get("name"), (String) variable.get("value"));
            }
        }
        assertEquals("0.0.0.0", environment.get("EVENTLITE_HOST"), "a container listens on every interface");
        return environment;
    }

    private static Map<String, Object> eventliteContainer() throws IOException {
        try (Reader manifests = Files.newBufferedReader(ROOT.resolve("deploy/kubernetes/eventlite.yaml"))) {
            for (Object document : new Yaml().loadAll(manifests)) {
                Map<String, Object> resource = map(document);
                if ("Deployment".equals(resource.get("kind"))) {
                    Map<String, Object> pod = map(map(map(resource.get("spec")).get("template")).get("spec"));
                    return list(pod.get("containers")).get(0);
                }
            }
        }
        throw new AssertionError("no Deployment in deploy/kubernetes/eventlite.yaml");
    }

    private static String variableDefault(String serverXml, String name) {
        Matcher variable = Pattern.compile("<variable name=\"" + Pattern.quote(name) + "\" defaultValue=\"([^\"]*)\"")
                .matcher(serverXml);
        assertTrue(variable.find(), name + " in server.xml");
        return variable.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object yaml) {
        return (List<Map<String, Object>>) yaml;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
