package org.eventlite.tools;

import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eventlite.cli.ConnectionOptions;
import org.eventlite.cli.ExitCodes;
import org.eventlite.client.EventLiteClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code eventlite-tools soak}: mixed load for a given time (steady subscribers,
 * rate-limited publishers, and connections that subscribe and disconnect
 * over and over), reporting published, delivered and expected counts. Exits 1
 * if any acknowledged event failed to reach a steady subscriber.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run mixed load against a server for a while and check that nothing is lost.")
final class SoakCommand implements java.util.concurrent.Callable<Integer> {

    private static final String EVENT = "soak.steady";
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final Duration DRAIN = Duration.ofSeconds(30);

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--duration", defaultValue = "PT1M", description = "How long to run, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--subscribers", defaultValue = "10", description = "Steady subscribers (default: ${DEFAULT-VALUE}).")
    int subscribers;

    @Option(names = "--publishers", defaultValue = "2", description = "Publishers (default: ${DEFAULT-VALUE}).")
    int publishers;

    @Option(names = "--rate", defaultValue = "1000", description = "Events per second per publisher (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--churn-limit", defaultValue = "0",
            description = "Stop churning after this many subscribe/disconnect cycles; 0 for no limit.")
    long churnLimit;

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong churned = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(publishers + 1);
        try (EventLiteClient client = connection.client()) {
            for (int i = 0; i < subscribers; i++) {
                client.addEventListener(EVENT, event -> delivered.incrementAndGet());
            }
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                running.add(CompletableFuture.runAsync(() -> publish(client, end), workers));
            }
            running.add(CompletableFuture.runAsync(() -> churn(end), workers));
            long nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
            while (System.nanoTime() - end < 0) {
                LockSupport.parkNanos(Math.min(end - System.nanoTime(), nextReport - System.nanoTime()));
                if (System.nanoTime() - nextReport >= 0) {
                    report(out, "running");
                    nextReport += REPORT_EVERY.toNanos();
                }
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(DRAIN.toSeconds(), TimeUnit.SECONDS);
            long drainEnd = System.nanoTime() + DRAIN.toNanos();
            while (delivered.get() < expected() && System.nanoTime() - drainEnd < 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            report(out, "done");
            return delivered.get() == expected() && failures.get() == 0 ? ExitCodes.OK : ExitCodes.REFUSED;
        } finally {
            workers.shutdownNow();
        }
    }

    private long expected() {
        return published.get() * subscribers;
    }

    private void report(PrintWriter out, String phase) {
        out.printf("%s published=%d expected=%d delivered=%d lost=%d churn-cycles=%d failures=%d%n", phase,
                published.get(), expected(), delivered.get(), expected() - delivered.get(), churned.get(), failures.get());
        out.flush();
    }

    /** Publishes at the rate, pipelined, waiting for each second's acknowledgements before the next. */
    private void publish(EventLiteClient client, long end) {
        long seq = 0;
        while (System.nanoTime() - end < 0) {
            long secondStart = System.nanoTime();
            List<CompletableFuture<Void>> acks = new ArrayList<>(rate);
            for (int i = 0; i < rate; i++) {
                acks.add(client.publishAsync(EVENT, Json.createObjectBuilder().add("seq", seq++).build())
                        .thenRun(published::incrementAndGet));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - secondStart));
        }
    }

    /** Raw connections that subscribe, read the reply and disconnect, as fast as they are answered. */
    private void churn(long end) {
        InetSocketAddress address = connection.address();
        byte[] request = ("subscribe/soak.churn:|\n").getBytes(StandardCharsets.US_ASCII);
        while (System.nanoTime() - end < 0 && (churnLimit == 0 || churned.get() < churnLimit)) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 5000);
                socket.setSoTimeout(5000);
                OutputStream out = socket.getOutputStream();
                out.write(request);
                InputStream in = socket.getInputStream();
                if (in.readNBytes(2).length == 2) {
                    churned.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException e) {
                failures.incrementAndGet();
            }
        }
    }
}
