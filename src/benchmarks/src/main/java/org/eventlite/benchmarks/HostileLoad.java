package org.eventlite.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what unauthenticated clients cost a running server (docs/security.md):
 * heap per connection holding a partial maximum-size body, denied and admitted; heap per
 * subscription of a 255-byte, 16-token name; and 1,000 connections each sending a 1.4 MB
 * publish with wrong credentials while a canary publishes and receives. Heap is the live
 * total of a class histogram (jcmd, after a full collection) of the server's JVM.
 *
 * <p>{@code java -cp src/benchmarks/target/benchmarks.jar org.eventlite.benchmarks.HostileLoad
 * [port] [http-port]} against {@code mvn package -Prun} (defaults 34343 and 9080). Loopback only.
 */
public final class HostileLoad {

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");
    private static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final int port;
    private final int httpPort;
    private final long pid;

    private HostileLoad(int port, int httpPort, long pid) {
        this.port = port;
        this.httpPort = httpPort;
        this.pid = pid;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 34343;
        int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 9080;
        long pid = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no Liberty server is running")).pid();
        HostileLoad load = new HostileLoad(port, httpPort, pid);
        System.out.printf("server pid %d, port %d%n", pid, port);
        load.partialBodies("denied", "nobody|wrong", "127.0.0.2", 200);
        load.partialBodies("admitted (anonymous, loopback)", "|", "127.0.0.1", 50);
        load.subscriptions(100, 100, false);
        load.subscriptions(100, 100, true);
        load.flood(1000, 1_400_000);
    }

    /** Connections each holding a publish body just under the event limit, not yet complete. */
    private void partialBodies(String kind, String credentials, String from, int connections) throws Exception {
        byte[] json = ("{\"event\":\"hostile.body\",\"d\":\"" + "x".repeat(MAX_EVENT_BYTES - 100)).getBytes(StandardCharsets.US_ASCII);
        byte[] body = Base64.getMimeEncoder().encode(json);
        byte[] line = ("publish/hostile.body:" + credentials + "\n\n").getBytes(StandardCharsets.US_ASCII);
        long before = liveHeap();
        List<Socket> open = new ArrayList<>();
        int busy = 0;
        long started = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = connect(from);
                open.add(socket);
                socket.getOutputStream().write(line);
                socket.getOutputStream().write(body);
                socket.getOutputStream().flush();
            }
            long held = settledRequestBodyBytes();
            long during = liveHeap(); // within the request timeout (10 s): the bodies are still held
            for (Socket socket : open) {
                busy += alreadyAnswered(socket).startsWith("-ERR server-busy") ? 1 : 0;
            }
            System.out.printf("partial %d-byte bodies, %s: %d connections in %d ms, %d refused server-busy;"
                    + " request bodies hold %,d bytes of the budget; heap %+,d bytes, %,d per connection%n", json.length,
                    kind, connections, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), busy, held,
                    during - before, (during - before) / connections);
        } finally {
            closeAll(open);
        }
    }

    /**
     * {@code perConnection} subscriptions of distinct 255-byte names with 16 tokens on each
     * connection; with {@code patterns}, the second token of each is {@code *}.
     */
    private void subscriptions(int connections, int perConnection, boolean patterns) throws Exception {
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = connect("127.0.0.1");
                open.add(socket);
                subscribe(socket, name(i, 0, patterns));
            }
            long oneEach = liveHeap();
            for (int i = 0; i < connections; i++) {
                for (int s = 1; s < perConnection; s++) {
                    subscribe(open.get(i), name(i, s, patterns));
                }
            }
            long full = liveHeap();
            long added = (long) connections * (perConnection - 1);
            System.out.printf("subscriptions of %s: %,d added, heap %+,d bytes, %,d per subscription%n",
                    patterns ? "16-token patterns (second token *)" : "255-byte 16-token names",
                    added, full - oneEach, (full - oneEach) / added);
        } finally {
            closeAll(open);
        }
    }

    private static String name(int connection, int subscription, boolean pattern) {
        StringBuilder name = new StringBuilder(String.format("c%05ds%03d", connection, subscription));
        for (int token = 1; token < 16; token++) {
            name.append('.').append(pattern && token == 1 ? "*" : String.valueOf((char) ('a' + token)).repeat(16));
        }
        return name.substring(0, Math.min(255, name.length()));
    }

    private void subscribe(Socket socket, String name) throws IOException {
        socket.getOutputStream().write(("subscribe/" + name + ":|\n").getBytes(StandardCharsets.US_ASCII));
        byte[] reply = socket.getInputStream().readNBytes(2);
        if (!new String(reply, StandardCharsets.US_ASCII).equals("ok")) {
            throw new IOException("subscribe refused: " + new String(reply, StandardCharsets.US_ASCII));
        }
    }

    /**
     * {@code connections} clients from four loopback addresses each send a publish line with
     * wrong credentials and {@code bodyBytes} of base64, 32 at a time, while a canary publishes
     * every 10 ms and its subscriber checks every event arrives.
     */
    private void flood(int connections, int bodyBytes) throws Exception {
        byte[] chunk = Base64.getMimeEncoder().encode(new byte[48 * 1024]);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong canaryWorst = new AtomicLong();
        AtomicLong canaryLost = new AtomicLong();
        AtomicLong canarySent = new AtomicLong();
        AtomicLong liveDown = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(34);
        long before = liveHeap();
        long started = System.nanoTime();
        Future<?> canary = pool.submit(() -> canary(running, canarySent, canaryLost, canaryWorst));
        Future<?> live = pool.submit(() -> watchLiveness(running, liveDown));
        List<Future<Long>> attackers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            String from = "127.0.0." + (20 + i % 4);
            attackers.add(pool.submit(() -> attack(from, chunk, bodyBytes)));
        }
        long sent = 0;
        for (Future<Long> attacker : attackers) {
            sent += attacker.get();
        }
        long after = liveHeap();
        running.set(false);
        canary.get();
        live.get();
        pool.shutdown();
        System.out.printf("flood: %d connections sent %,d bytes in %d ms; canary %d events, %d lost, slowest %d ms;"
                + " liveness DOWN %d times; heap after %+,d bytes%n", connections, sent,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), canarySent.get(), canaryLost.get(),
                TimeUnit.NANOSECONDS.toMillis(canaryWorst.get()), liveDown.get(), after - before);
    }

    private long attack(String from, byte[] chunk, int bodyBytes) {
        long sent = 0;
        try (Socket socket = connect(from)) {
            OutputStream out = socket.getOutputStream();
            out.write("publish/hostile.flood:nobody|wrong\n\n".getBytes(StandardCharsets.US_ASCII));
            while (sent < bodyBytes) {
                out.write(chunk);
                sent += chunk.length;
            }
            out.flush();
            replyStartsWith(socket, "p");
        } catch (IOException e) {
            // The server closes a body past the event limit: what was sent until then counts.
        }
        return sent;
    }

    private void canary(AtomicBoolean running, AtomicLong sent, AtomicLong lost, AtomicLong worst) {
        try (Socket subscriber = connect("127.0.0.1"); Socket publisher = connect("127.0.0.1")) {
            subscribe(subscriber, "hostile.canary");
            subscriber.setSoTimeout(5000);
            InputStream in = subscriber.getInputStream();
            while (running.get()) {
                long start = System.nanoTime();
                publisher.getOutputStream().write(("publish/hostile.canary:|\n\n"
                        + Base64.getEncoder().encodeToString(("{\"t\":" + start + "}").getBytes(StandardCharsets.US_ASCII))
                        + "\n\n").getBytes(StandardCharsets.US_ASCII));
                sent.incrementAndGet();
                publisher.getInputStream().readNBytes(2);
                try {
                    readFrame(in);
                    worst.accumulateAndGet(System.nanoTime() - start, Math::max);
                } catch (IOException e) {
                    lost.incrementAndGet();
                }
                Thread.sleep(10);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("the canary failed", e);
        }
    }

    private void watchLiveness(AtomicBoolean running, AtomicLong down) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        while (running.get()) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                    down.incrementAndGet();
                }
                Thread.sleep(500);
            } catch (IOException e) {
                down.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The server's requestBodyBytes (readiness data) once two readings 200 ms apart agree. */
    private long settledRequestBodyBytes() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready")).build();
        Pattern field = Pattern.compile("\"requestBodyBytes\"\\s*:\\s*(\\d+)");
        long last = -1;
        for (int i = 0; i < 25; i++) {
            Matcher value = field.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            long now = value.find() ? Long.parseLong(value.group(1)) : -1;
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(200);
        }
        return last;
    }

    private static void readFrame(InputStream in) throws IOException {
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && previous == '\n') {
                return;
            }
            previous = b;
        }
        throw new IOException("closed");
    }

    /** What the server has sent so far, without waiting for more. */
    private static String alreadyAnswered(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(in.available()), StandardCharsets.US_ASCII);
    }

    private static boolean replyStartsWith(Socket socket, String prefix) throws IOException {
        socket.setSoTimeout(5000);
        byte[] head = socket.getInputStream().readNBytes(prefix.length());
        return new String(head, StandardCharsets.US_ASCII).equals(prefix);
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private long liveHeap() throws IOException, InterruptedException {
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        Matcher total = HISTOGRAM_TOTAL.matcher(out);
        if (!total.find()) {
            throw new IOException("no heap total from jcmd: " + out);
        }
        return Long.parseLong(total.group(1));
    }
}
