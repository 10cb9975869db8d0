package org.eventlite.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eventlite.api.EventOrigin;
import org.eventlite.cdi.access.EventFilter;
import org.eventlite.cdi.broker.SubscriptionRegistry;
import org.eventlite.connector.api.Delivery;
import org.eventlite.protocol.EventJson;
import org.eventlite.protocol.ProtocolException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing one published event to its 10 subscribers while {@code idlePatterns}
 * other subscriptions (exact names and *, > patterns) match nothing: the cost
 * must not grow with them. {@code repeatedName} hits the per-name cache;
 * {@code distinctNames} publishes 100,000 names in turn, more than the cache
 * holds, so each routing walks the trie.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RegistryBenchmark {

    private static final int NAMES = 100_000;

    @Param({"0", "10000"})
    int idlePatterns;

    private SubscriptionRegistry registry;
    private EventJson json;
    private String[] names;
    private int next;

    @Setup
    public void subscribe() throws ProtocolException {
        registry = new SubscriptionRegistry();
        long id = 0;
        for (int i = 0; i < idlePatterns; i++) {
            String pattern = switch (i % 4) {
                case 0 -> "idle." + i;
                case 1 -> "idle.*." + i;
                case 2 -> "idle." + i + ".>";
                default -> "*.idle" + i;
            };
            registry.subscribe(pattern, new CountingConnection(id++), EventFilter.ALL);
        }
        for (int i = 0; i < 10; i++) {
            registry.subscribe("bench.>", new CountingConnection(id++), EventFilter.ALL);
        }
        json = EventJson.of("bench.x", "{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        names = new String[NAMES];
        for (int i = 0; i < NAMES; i++) {
            names[i] = "bench." + i;
        }
    }

    @Benchmark
    public int repeatedName() {
        return registry.deliver(new Delivery("bench.1", json, EventOrigin.APPLICATION));
    }

    @Benchmark
    public int distinctNames() {
        next = next + 1 == NAMES ? 0 : next + 1;
        return registry.deliver(new Delivery(names[next], json, EventOrigin.APPLICATION));
    }
}
