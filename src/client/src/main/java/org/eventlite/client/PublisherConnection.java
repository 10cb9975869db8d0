package org.eventlite.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.eventlite.protocol.ProtocolException;
import org.eventlite.protocol.ServerMessageDecoder;
import org.eventlite.protocol.ServerMessageSink;

/**
 * One connection that carries publishes. Any number may be in flight: the
 * server answers them in order, so each reply completes the oldest pending
 * publish. A reader thread per connection reads the replies; writers only
 * take a lock to write and enqueue.
 */
final class PublisherConnection implements ServerMessageSink {

    private record Pending(String event, CompletableFuture<Void> reply) {
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final ServerMessageDecoder decoder;
    /** Guarded by itself; writes happen under the same lock, so replies match in order. */
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private volatile boolean open = true;

    private PublisherConnection(Socket socket, int maxEventBytes) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = socket.getInputStream();
        this.decoder = new ServerMessageDecoder(maxEventBytes);
    }

    static PublisherConnection open(ClientSettings settings) throws IOException {
        PublisherConnection connection = new PublisherConnection(Sockets.open(settings), settings.maxEventBytes());
        Thread reader = new Thread(connection::readReplies, "eventlite-publisher-" + settings.host() + ":" + settings.port());
        reader.setDaemon(true);
        reader.start();
        return connection;
    }

    boolean isOpen() {
        return open;
    }

    CompletableFuture<Void> publish(String event, byte[] request) {
        CompletableFuture<Void> reply = new CompletableFuture<>();
        synchronized (pending) {
            if (!open) {
                reply.completeExceptionally(new ConnectionLostException("the connection is closed", null));
                return reply;
            }
            pending.add(new Pending(event, reply));
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                fail(new ConnectionLostException("writing to the server failed: " + e.getMessage(), e));
            }
        }
        return reply;
    }

    private void readReplies() {
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.feed(ByteBuffer.wrap(buffer, 0, n), this);
            }
            fail(new ConnectionLostException("the server closed the connection", null));
        } catch (IOException e) {
            fail(new ConnectionLostException("reading from the server failed: " + e.getMessage(), e));
        } catch (ProtocolException e) {
            fail(new ConnectionLostException("the server sent something no Event::Lite server sends: " + e.getMessage(), e));
        }
    }

    @Override
    public void ok() {
        Pending oldest = oldest();
        if (oldest != null) {
            oldest.reply().complete(null);
        }
    }

    @Override
    public void permissionDenied() {
        Pending oldest = oldest();
        if (oldest != null) {
            oldest.reply().completeExceptionally(new PermissionDeniedException(oldest.event()));
        }
    }

    /** The server closes after an error reply: stop using this connection now, not at end of stream. */
    @Override
    public void errorReply(String line) {
        open = false;
        Pending oldest = oldest();
        if (oldest != null) {
            oldest.reply().completeExceptionally(new ServerErrorException(line));
        }
    }

    @Override
    public void event(byte[] json) {
        // A publisher connection subscribes to nothing; a frame here is ignored.
    }

    private Pending oldest() {
        synchronized (pending) {
            return pending.poll();
        }
    }

    /** Fails every pending publish and closes: their fate on the server is unknown. */
    private void fail(ConnectionLostException cause) {
        synchronized (pending) {
            open = false;
            Pending each;
            while ((each = pending.poll()) != null) {
                each.reply().completeExceptionally(cause);
            }
        }
        close();
    }

    void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket that will not close
        }
    }
}
