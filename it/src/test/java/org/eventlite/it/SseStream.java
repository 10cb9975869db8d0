package org.eventlite.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client over java.net.http, parsing the stream into events as they come. */
final class SseStream implements AutoCloseable {

    /** One SSE event: its name ("message" when unnamed) and data. */
    record Event(String name, String data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String END = new String("end of stream");

    final int status;
    private final InputStream body;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private SseStream(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.body = response.body();
        Thread reader = new Thread(this::readLines, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code GET path} with Accept: text/event-stream; {@code credentials} as {@code user|password}, or null. */
    static SseStream open(String path, String credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestServer.HTTP_PORT + path))
                .header("Accept", "text/event-stream");
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    credentials.replaceFirst("\\|", ":").getBytes(StandardCharsets.UTF_8)));
        }
        return new SseStream(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the stream was closed; END tells the reader
        }
        lines.add(END);
    }

    /** The next event (comments skipped), or an AssertionError after {@code wait} without one. */
    Event next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        String name = "message";
        List<String> data = new ArrayList<>();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no SSE event within " + wait);
            }
            if (line == END) {
                throw new AssertionError("the SSE stream ended");
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.add(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
            } else if (line.isEmpty() && !data.isEmpty()) {
                return new Event(name, String.join("\n", data));
            }
        }
    }

    Event next() throws InterruptedException {
        return next(RawClient.DEFAULT_WAIT);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
