package org.eventlite.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * A raw TCP client that writes exact bytes and reads exact bytes, as the
 * Perl clients and shell one-liners do; no library of ours in between.
 */
final class RawClient implements AutoCloseable {

    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    static RawClient connect() throws IOException {
        return connect(TestServer.PORT);
    }

    /** Connects from another loopback address, so per-address throttling of this client leaves other tests alone. */
    static RawClient connectFrom(String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress(TestServer.HOST, TestServer.PORT));
        socket.setTcpNoDelay(true);
        return new RawClient(socket);
    }

    static RawClient connect(int port) throws IOException {
        Socket socket = new Socket(TestServer.HOST, port);
        socket.setTcpNoDelay(true);
        return new RawClient(socket);
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    RawClient send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /** Subscribes with an LF-terminated line and returns the reply (2 or 17 bytes). */
    String subscribe(String event, String credentials) throws IOException {
        send("subscribe/" + event + ":" + credentials + "\n");
        return readReply();
    }

    /** Publishes with a terminated single-line body and returns the reply. */
    String publish(String event, String credentials, String json) throws IOException {
        send(publishBytes(event, credentials, json));
        return readReply();
    }

    static byte[] publishBytes(String event, String credentials, String json) {
        return ("publish/" + event + ":" + credentials + "\n\n"
                + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a request and reads an error reply line. */
    String readReplyLine(String request) throws IOException {
        send(request);
        return readLine(DEFAULT_WAIT);
    }

    /** Reads {@code ok} or {@code permission denied} exactly: the first byte tells which. */
    String readReply() throws IOException {
        byte[] first = readExactly(1, DEFAULT_WAIT);
        if (first[0] == 'o') {
            return "o" + new String(readExactly(1, DEFAULT_WAIT), StandardCharsets.US_ASCII);
        }
        if (first[0] == 'p') {
            return "p" + new String(readExactly(16, DEFAULT_WAIT), StandardCharsets.US_ASCII);
        }
        return (char) first[0] + readLine(DEFAULT_WAIT);
    }

    byte[] readExactly(int count, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        byte[] buffer = new byte[count];
        int at = 0;
        while (at < count) {
            int n = in.read(buffer, at, count - at);
            if (n < 0) {
                throw new IOException("closed after " + at + " of " + count + " bytes: "
                        + new String(buffer, 0, at, StandardCharsets.UTF_8));
            }
            at += n;
        }
        return buffer;
    }

    String readLine(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Reads one frame: the bytes up to and including the empty line. */
    String readFrame(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            frame.write(b);
            if (b == '\n' && previous == '\n') {
                return frame.toString(StandardCharsets.US_ASCII);
            }
            previous = b;
        }
        throw new IOException("closed inside a frame: " + frame.toString(StandardCharsets.US_ASCII));
    }

    String readFrame() throws IOException {
        return readFrame(DEFAULT_WAIT);
    }

    /** The decoded JSON text of the next frame. */
    String readEventJson() throws IOException {
        String frame = readFrame();
        return new String(Base64.getDecoder().decode(frame.substring(0, frame.length() - 2)), StandardCharsets.UTF_8);
    }

    /** True if nothing at all arrives within {@code wait}. */
    boolean silentFor(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int b = in.read();
            if (b >= 0) {
                byte[] rest = new byte[in.available()];
                int n = in.read(rest);
                throw new AssertionError("expected silence, got: " + (char) b
                        + new String(Arrays.copyOf(rest, Math.max(0, n)), StandardCharsets.UTF_8));
            }
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    /** True if the server closes the connection within {@code wait}, after any bytes it still sends. */
    boolean closedWithin(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            while (in.read() >= 0) {
                // draining what was sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
