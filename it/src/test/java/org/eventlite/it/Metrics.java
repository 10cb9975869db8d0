package org.eventlite.it;

import java.util.List;

/** The test server's /metrics in Prometheus text format, read figure by figure. */
record Metrics(List<String> lines) {

    static Metrics scrape() throws Exception {
        return scrape("application");
    }

    /** {@code vendor} has Liberty's own figures, its thread pool's among them. */
    static Metrics scrape(String scope) throws Exception {
        return new Metrics(ServerHealth.get(TestServer.HTTP_PORT, "/metrics?scope=" + scope).body().lines()
                .filter(line -> !line.startsWith("#")).toList());
    }

    /** The value of {@code name}, on the line that also carries {@code label} (e.g. {@code action="publish"}). */
    long value(String name, String label) {
        for (String line : lines) {
            int brace = line.indexOf('{');
            String metric = brace < 0 ? line.substring(0, line.indexOf(' ')) : line.substring(0, brace);
            if (metric.equals(name) && (label == null || line.contains(label))) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name + (label == null ? "" : " with " + label) + " in " + lines);
    }

    long value(String name) {
        return value(name, null);
    }
}
