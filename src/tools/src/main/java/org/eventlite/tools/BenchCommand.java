package org.eventlite.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.eventlite.cli.ConnectionOptions;
import org.eventlite.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code eventlite-tools bench}: a pipelining load generator on raw sockets
 * ({@link BenchPublisher}, {@link BenchSubscriber}). It counts every delivery,
 * checks every payload byte and per-publisher order, and fails on any loss,
 * duplicate or corruption. With {@code --redis} it drives Redis Pub/Sub the same way.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure deliveries per second: publishers pipeline events to subscribers of one event.")
final class BenchCommand implements Callable<Integer> {

    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** The server's default eventlite.max-subscriptions-per-connection. */
    private static final int PATTERNS_PER_CONNECTION = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--publishers", defaultValue = "1")
    int publishers;

    @Option(names = "--subscribers", defaultValue = "10")
    int subscribers;

    @Option(names = "--events", defaultValue = "200000", description = "Events per publisher.")
    int events;

    @Option(names = "--size", defaultValue = "100", description = "Bytes of JSON per event.")
    int size;

    @Option(names = "--timeout-seconds", defaultValue = "300")
    int timeoutSeconds;

    @Option(names = "--subscribe-server", paramLabel = "HOST:PORT",
            description = "Where the subscribers connect, when not to --server: another server of a cluster.")
    String subscribeServer;

    @Option(names = "--rate", defaultValue = "0",
            description = "Events per second per publisher, paced; 0 (default) publishes as fast as acknowledged.")
    int rate;

    @Option(names = "--reader-threads", defaultValue = "2",
            description = "Threads that read and check the subscribers' connections (each a selector over its share).")
    int readerThreads;

    @Option(names = "--client-shape", defaultValue = "generator",
            description = "generator (default): batches of 256 publishes, at most 4 MiB in flight to the subscribers,"
                    + " 1 MiB subscriber reads; stream: each publish through a 64 KiB buffered stream with nothing but"
                    + " TCP to hold it back, replies read on their own thread, all subscribers on one selector thread"
                    + " reading 64 KiB at a time, as a typical application client does.")
    BenchShape clientShape;

    @Option(names = "--warmup-events", defaultValue = "0",
            description = "Paced mode: the first N events of each publisher are checked and counted but their latency"
                    + " is not recorded, so start-up (the generator's own JIT) does not count. Add them to --events.")
    int warmupEvents;

    @Option(names = "--redis",
            description = "Speak Redis Pub/Sub (RESP) to --server instead: the same run against Redis, to compare.")
    boolean redis;

    @Option(names = "--idle-connections", defaultValue = "0",
            description = "Subscriber connections, one subscription each, that receive nothing, held while the run lasts.")
    int idleConnections;

    @Option(names = "--hold-seconds", defaultValue = "0",
            description = "After opening the idle connections, say so on standard output and wait this long before"
                    + " the measured run (time to measure the server's memory).")
    int holdSeconds;

    @Option(names = "--source-addresses", defaultValue = "1",
            description = "Spread the subscriber and idle connections over this many loopback source addresses,"
                    + " 127.0.0.1 up, for more connections than one address has ephemeral ports (about 28,000).")
    int sourceAddresses;

    @Option(names = "--idle-patterns", defaultValue = "0",
            description = "Subscriptions of mixed names and wildcard patterns that match none of the events,"
                    + " held on extra connections (100 per connection) while the run lasts.")
    int idlePatterns;

    @Option(names = "--start-on-input",
            description = "Print \"ready\" and wait for a line on standard input before opening any connection, so a"
                    + " script can read the server's CPU time just before the run, without this JVM's start-up.")
    boolean startOnInput;

    @Option(names = "--warmup-run-events", defaultValue = "0",
            description = "Before anything else, an untimed run of the same shape with N events per publisher, on"
                    + " connections of its own, so the generator's JIT compiles its paths before the measured run"
                    + " rather than during it, on the cores it shares with the server.")
    int warmupRunEvents;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress address = connection.address();
        InetSocketAddress subscribeAddress = subscribeServer == null ? address
                : org.eventlite.client.ServerAddress.parse(subscribeServer).socketAddress();
        if (warmupRunEvents > 0) {
            BenchRun warmup = newRun(warmupRunEvents);
            List<Socket> sockets = new ArrayList<>();
            try {
                publishAndReceive(warmup, address, subscribeAddress, sockets);
            } finally {
                close(sockets);
            }
            if (warmup.failure() != null) {
                out.printf("warm-up run FAILED: %s%n", warmup.failure());
                out.flush();
                return ExitCodes.REFUSED;
            }
        }
        if (startOnInput) {
            out.println("ready");
            out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        BenchRun run = newRun(events);
        List<Socket> sockets = new ArrayList<>();
        try {
            subscribeIdlePatterns(address, sockets);
            long opening = System.nanoTime();
            for (int i = 0; i < idleConnections; i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                connect(socket, address, i);
                run.wire.subscribe(socket, "idle.connection." + i);
            }
            if (holdSeconds > 0) {
                out.printf("holding %d idle connections for %d s (opened and subscribed in %.3f s)%n", idleConnections,
                        holdSeconds, (System.nanoTime() - opening) / 1e9);
                out.flush();
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(holdSeconds));
            }
            double seconds = publishAndReceive(run, address, subscribeAddress, sockets);
            long deliveries = run.deliveries.get();
            out.printf("publishers=%d subscribers=%d idle-patterns=%d events=%d size=%d rate=%d warmup-events=%d"
                    + " subscribe-seconds=%.3f deliveries=%d seconds=%.3f deliveries/s=%.0f events/s=%.0f %s%s%n",
                    publishers, subscribers, idlePatterns, events, size, rate, warmupEvents, run.subscribeSeconds,
                    deliveries, seconds,
                    deliveries / seconds, publishers * (double) events / seconds, run.latencies.summary(),
                    run.failure() == null ? "" : " FAILED: " + run.failure());
            out.flush();
            return run.failure() == null ? ExitCodes.OK : ExitCodes.REFUSED;
        } finally {
            close(sockets);
        }
    }

    /** A run of this command's shape, {@code eventsPerPublisher} each, on an event name of its own. */
    private BenchRun newRun(int eventsPerPublisher) {
        String event = "bench." + System.nanoTime();
        return new BenchRun(event, BenchWire.of(redis, event), publishers, subscribers, eventsPerPublisher, size, rate,
                warmupEvents, clientShape);
    }

    /**
     * Subscribers connect and subscribe, then publishers publish until every subscriber has every
     * event, or the timeout passes (a failure of the run).
     * @return seconds from the first publisher's start until the last delivery
     */
    private double publishAndReceive(BenchRun run, InetSocketAddress address, InetSocketAddress subscribeAddress,
            List<Socket> sockets) throws IOException, InterruptedException {
        CountDownLatch delivered = new CountDownLatch(subscribers);
        BenchReaders readers = clientShape == BenchShape.STREAM
                ? new BenchReaders(1, BenchShape.STREAM_READ_BYTES)
                : new BenchReaders(Math.min(readerThreads, subscribers), BenchShape.GENERATOR_READ_BYTES);
        long subscribing = System.nanoTime();
        for (int s = 0; s < subscribers; s++) {
            SocketChannel channel = SocketChannel.open();
            Socket socket = channel.socket();
            sockets.add(socket);
            connect(socket, subscribeAddress, s);
            run.wire.subscribe(socket, run.event);
            BenchSubscriber subscriber = new BenchSubscriber(run, delivered);
            run.subscribers.add(subscriber);
            readers.add(channel, subscriber);
        }
        run.subscribeSeconds = (System.nanoTime() - subscribing) / 1e9;
        readers.start();
        long start = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            new BenchPublisher(run, open(address, sockets), p).start();
        }
        boolean complete = delivered.await(timeoutSeconds, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!complete) {
            run.fail("timed out with " + run.deliveries.get() + " of " + run.eventsPerSubscriber() * subscribers
                    + " deliveries");
        }
        return seconds;
    }

    private static void close(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    /**
     * Four shapes in turn, each a miss for "bench.<n>" events: an exact name, a one-token
     * wildcard in the middle, a tail wildcard, and a leading wildcard. Subscribes are
     * pipelined per connection.
     */
    private void subscribeIdlePatterns(InetSocketAddress address, List<Socket> sockets) throws IOException {
        for (int first = 0; first < idlePatterns; first += PATTERNS_PER_CONNECTION) {
            int count = Math.min(PATTERNS_PER_CONNECTION, idlePatterns - first);
            StringBuilder requests = new StringBuilder();
            for (int i = first; i < first + count; i++) {
                String pattern = switch (i % 4) {
                    case 0 -> "idle." + i;
                    case 1 -> "idle.*." + i;
                    case 2 -> "idle." + i + ".>";
                    default -> "*.idle" + i;
                };
                requests.append("subscribe/").append(pattern).append(":|\n");
            }
            Socket socket = open(address, sockets);
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            String replies = new String(socket.getInputStream().readNBytes(2 * count), StandardCharsets.US_ASCII);
            if (!replies.equals("ok".repeat(count))) {
                throw new IOException("idle pattern subscribe refused: " + replies.substring(0, Math.min(60, replies.length())));
            }
        }
    }

    private static Socket open(InetSocketAddress address, List<Socket> sockets) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        configure(socket);
        socket.connect(address, CONNECT_TIMEOUT_MILLIS);
        return socket;
    }

    /** The {@code index}th subscriber connection, from its share of the source addresses. */
    private void connect(Socket socket, InetSocketAddress address, int index) throws IOException {
        configure(socket);
        if (sourceAddresses > 1) {
            byte[] source = {127, 0, 0, (byte) (1 + index % sourceAddresses)};
            socket.setReuseAddress(true);   // a port the previous run left in TIME_WAIT may be bound again
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(source), 0));
        }
        socket.connect(address, CONNECT_TIMEOUT_MILLIS);
    }

    private static void configure(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
    }
}
