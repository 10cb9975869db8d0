package org.eventlite.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code eventlite bench}: a pipelining load generator on raw sockets. It
 * counts every delivery, checks per-publisher order and each frame's length,
 * and fails on any loss, duplicate or corruption.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure deliveries per second: publishers pipeline events to subscribers of one event.")
final class BenchCommand implements Callable<Integer> {

    private static final int MAX_UNACKNOWLEDGED = 20_000;
    private static final int BATCH = 256;
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

    @Option(names = "--idle-patterns", defaultValue = "0",
            description = "Subscriptions of mixed names and wildcard patterns that match none of the events,"
                    + " held on extra connections (100 per connection) while the run lasts.")
    int idlePatterns;

    private final AtomicReference<String> failure = new AtomicReference<>();
    private final Latencies latencies = new Latencies();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String event = "bench." + System.nanoTime();
        InetSocketAddress address = connection.address();
        InetSocketAddress subscribeAddress = subscribeServer == null ? address
                : org.eventlite.client.ServerAddress.parse(subscribeServer).socketAddress();
        long expected = (long) publishers * events * subscribers;
        CountDownLatch delivered = new CountDownLatch(subscribers);
        AtomicLong deliveries = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        try {
            subscribeIdlePatterns(address, sockets);
            for (int i = 0; i < idleConnections; i++) {
                subscribe(open(address, sockets), "idle.connection." + i);
            }
            if (holdSeconds > 0) {
                out.printf("holding %d idle connections for %d s%n", idleConnections, holdSeconds);
                out.flush();
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(holdSeconds));
            }
            for (int s = 0; s < subscribers; s++) {
                Socket socket = open(subscribeAddress, sockets);
                subscribe(socket, event);
                Thread reader = new Thread(() -> readFrames(socket, event, deliveries, delivered), "bench-sub-" + s);
                reader.setDaemon(true);
                reader.start();
            }
            long start = System.nanoTime();
            List<Thread> writers = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                Socket socket = open(address, sockets);
                int publisher = p;
                Thread writer = new Thread(() -> publish(socket, event, publisher), "bench-pub-" + p);
                writer.setDaemon(true);
                writer.start();
                writers.add(writer);
            }
            boolean complete = delivered.await(timeoutSeconds, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!complete && failure.get() == null) {
                failure.set("timed out with " + deliveries.get() + " of " + expected + " deliveries");
            }
            out.printf("publishers=%d subscribers=%d idle-patterns=%d events=%d size=%d rate=%d deliveries=%d seconds=%.3f"
                    + " deliveries/s=%.0f events/s=%.0f %s%s%n",
                    publishers, subscribers, idlePatterns, events, size, rate, deliveries.get(), seconds,
                    deliveries.get() / seconds, publishers * (double) events / seconds, latencies.summary(),
                    failure.get() == null ? "" : " FAILED: " + failure.get());
            out.flush();
            return failure.get() == null ? ExitCodes.OK : ExitCodes.REFUSED;
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
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
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.connect(address, 5000);
        sockets.add(socket);
        return socket;
    }

    /** The JSON of one event, padded to the size asked; the same bytes every subscriber must receive. */
    private String json(String event, int publisher, int seq, long sentNanos) {
        String head = "{\"event\":\"" + event + "\",\"p\":" + publisher + ",\"seq\":" + seq + ",\"t\":" + sentNanos
                + ",\"pad\":\"";
        return head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}";
    }

    private void publish(Socket socket, String event, int publisher) {
        Semaphore window = new Semaphore(MAX_UNACKNOWLEDGED);
        Thread acks = new Thread(() -> readAcks(socket, window), "bench-acks-" + publisher);
        acks.setDaemon(true);
        acks.start();
        try {
            OutputStream out = socket.getOutputStream();
            StringBuilder batch = new StringBuilder();
            long start = System.nanoTime();
            for (int seq = 0; seq < events; seq += rate > 0 ? 1 : BATCH) {
                int count = rate > 0 ? 1 : Math.min(BATCH, events - seq);
                window.acquire(count);
                if (rate > 0) {
                    pace(start, seq);
                }
                batch.setLength(0);
                for (int i = seq; i < seq + count; i++) {
                    appendPublish(batch, event, json(event, publisher, i, System.nanoTime()));
                }
                out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            failure.compareAndSet(null, "publisher " + publisher + ": " + e);
        }
    }

    private void subscribe(Socket socket, String event) throws IOException {
        if (redis) {
            socket.getOutputStream().write(("SUBSCRIBE " + event + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String confirmation = RedisWire.readLines(socket.getInputStream(), RedisWire.SUBSCRIBE_REPLY_LINES);
            if (!confirmation.contains("subscribe")) {
                throw new IOException("SUBSCRIBE refused: " + confirmation);
            }
            return;
        }
        socket.getOutputStream().write(("subscribe/" + event + ":|\n").getBytes(StandardCharsets.US_ASCII));
        byte[] ok = socket.getInputStream().readNBytes(2);
        if (!new String(ok, StandardCharsets.US_ASCII).equals("ok")) {
            throw new IOException("subscribe refused: " + new String(ok, StandardCharsets.US_ASCII));
        }
    }

    /** One publish request as the target speaks it. */
    private void appendPublish(StringBuilder batch, String event, String json) {
        if (redis) {
            RedisWire.appendPublish(batch, event, json);
            return;
        }
        batch.append("publish/").append(event).append(":|\n\n")
                .append(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
                .append("\n\n");
    }

    /** Paced mode: waits until event {@code seq} is due, so the rate holds however long each write takes. */
    private void pace(long start, int seq) {
        long due = start + seq * 1_000_000_000L / rate;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
    }

    private void readAcks(Socket socket, Semaphore window) {
        byte[] buffer = new byte[64 * 1024];
        long acknowledged = 0;
        try {
            InputStream in = socket.getInputStream();
            int n;
            boolean lineStart = true;
            while (acknowledged < events && (n = in.read(buffer)) > 0) {
                if (redis) {
                    int replies = 0;
                    for (int i = 0; i < n; i++) {
                        if (lineStart && buffer[i] != ':') {
                            failure.compareAndSet(null, "PUBLISH refused: " + new String(buffer, i, Math.min(60, n - i), StandardCharsets.US_ASCII));
                            return;
                        }
                        lineStart = buffer[i] == '\n';
                        replies += lineStart ? 1 : 0;
                    }
                    acknowledged += replies;
                    window.release(replies);
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != 'o' && buffer[i] != 'k') {
                        failure.compareAndSet(null, "publish refused: " + new String(buffer, i, Math.min(60, n - i), StandardCharsets.US_ASCII));
                        return;
                    }
                }
                int replies = n / 2;
                acknowledged += replies;
                window.release(replies);
            }
        } catch (IOException e) {
            failure.compareAndSet(null, "publisher acknowledgements: " + e);
        }
    }

    /** Counts frames and checks, per publisher, that sequence numbers arrive in order and lengths are exact. */
    private void readFrames(Socket socket, String event, AtomicLong deliveries, CountDownLatch done) {
        int[] next = new int[publishers];
        long mine = 0;
        long expected = (long) publishers * events;
        byte[] buffer = new byte[1 << 20];
        byte[] frame = new byte[size * 2 + 64];
        int frameLength = 0;
        int line = 0;
        try {
            InputStream in = socket.getInputStream();
            int n;
            while (mine < expected && (n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (redis && b == '\n') {
                        // A message is 7 RESP lines: *3, $7, message, $n, channel, $m, payload.
                        if (line++ % RedisWire.MESSAGE_LINES == RedisWire.MESSAGE_LINES - 1) {
                            checkText(new String(frame, 0, frameLength - 1, StandardCharsets.UTF_8), event, next);
                            mine++;
                            if ((mine & 1023) == 0) {
                                deliveries.addAndGet(1024);
                            }
                        }
                        frameLength = 0;
                    } else if (b == '\n') {
                        if (frameLength > 0) {
                            check(frame, frameLength, event, next);
                            mine++;
                            if ((mine & 1023) == 0) {
                                deliveries.addAndGet(1024);
                            }
                        }
                        frameLength = 0;
                    } else if (frameLength < frame.length) {
                        frame[frameLength++] = b;
                    } else {
                        failure.compareAndSet(null, "a frame longer than " + frame.length + " bytes");
                        done.countDown();
                        return;
                    }
                }
            }
            deliveries.addAndGet(mine & 1023);
            if (mine != expected) {
                failure.compareAndSet(null, "a subscriber got " + mine + " of " + expected + " events");
            }
        } catch (IOException e) {
            failure.compareAndSet(null, "subscriber: " + e);
        }
        done.countDown();
    }

    private void check(byte[] frame, int length, String event, int[] next) {
        checkText(new String(Base64.getDecoder().decode(java.util.Arrays.copyOf(frame, length)), StandardCharsets.UTF_8),
                event, next);
    }

    private void checkText(String text, String event, int[] next) {
        long received = System.nanoTime();
        int p = Integer.parseInt(text.substring(text.indexOf("\"p\":") + 4, text.indexOf(",\"seq\"")));
        int seq = Integer.parseInt(text.substring(text.indexOf("\"seq\":") + 6, text.indexOf(",\"t\"")));
        long sent = Long.parseLong(text.substring(text.indexOf("\"t\":") + 4, text.indexOf(",\"pad\"")));
        if (rate > 0) {
            latencies.record(received - sent);
        }
        String expected = json(event, p, seq, sent);
        if (seq != next[p] || !text.equals(expected)) {
            failure.compareAndSet(null, "publisher " + p + ": expected seq " + next[p] + ", got " + seq
                    + (text.equals(expected) ? "" : " (payload differs)"));
        }
        next[p] = seq + 1;
    }
}
