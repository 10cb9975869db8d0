package org.eventlite.connector;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * One listening socket, accepted from by an I/O loop's selector rather than by a thread of its
 * own. On Liberty every WorkManager Work runs on the server's one shared pool, which keeps two
 * threads per core when it shrinks; a blocking accept per port held one of them for good, and
 * once long-lived Works held them all, HTTP requests (health probes among them) waited for the
 * pool's controller to add a thread, which it does not always do.
 *
 * <p>A failed accept (no descriptors left, say) is transient: the listener reports it, the
 * socket is not selected for a pause that doubles from {@link #RETRY_FIRST_NANOS} up to
 * {@link #RETRY_MAX_NANOS}, and the first success reports the port listening again.
 * Loop thread only, apart from construction.
 */
final class Acceptor {

    /** Connections taken per round, so that a flood of them cannot starve the loop's other sockets. */
    private static final int MAX_ACCEPTS_PER_ROUND = 64;
    static final long RETRY_FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long RETRY_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ServerSocketChannel channel;
    private final boolean tls;
    private final Listener listener;
    private SelectionKey key;
    private boolean failing;
    private long retryNanos = RETRY_FIRST_NANOS;
    /** When a paused socket is selected again; 0 while it is not paused. */
    private long resumeAt;

    /** @param tls whether this is the TLS port */
    Acceptor(ServerSocketChannel channel, boolean tls, Listener listener) {
        this.channel = channel;
        this.tls = tls;
        this.listener = listener;
    }

    /** @return false, after reporting why and closing the socket, when it cannot be selected */
    boolean register(Selector selector) {
        try {
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_ACCEPT, this);
            return true;
        } catch (IOException e) {
            listener.acceptFailed(tls, e);
            close();
            return false;
        }
    }

    /** The socket has connections waiting: takes up to a round's worth and hands each to the listener. */
    void acceptReady() {
        for (int i = 0; i < MAX_ACCEPTS_PER_ROUND; i++) {
            SocketChannel socket;
            try {
                socket = channel.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                failed(e);
                return;
            }
            if (socket == null) {
                return;
            }
            if (failing) {
                failing = false;
                retryNanos = RETRY_FIRST_NANOS;
                listener.acceptingAgain(tls);
            }
            listener.adopt(socket, tls);
        }
    }

    private void failed(Exception e) {
        if (!channel.isOpen()) {
            return;
        }
        if (!failing) {
            failing = true;
            listener.acceptFailed(tls, e);
        }
        key.interestOps(0);
        resumeAt = Math.max(1, System.nanoTime() + retryNanos);
        retryNanos = Math.min(RETRY_MAX_NANOS, retryNanos * 2);
    }

    /** @return nanoseconds until a paused socket is to be selected again; Long.MAX_VALUE when not paused */
    long nanosUntilResume(long now) {
        return resumeAt == 0 ? Long.MAX_VALUE : Math.max(0, resumeAt - now);
    }

    void resumeIfDue(long now) {
        if (resumeAt != 0 && now - resumeAt >= 0) {
            resumeAt = 0;
            if (key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    /** Cancels the registration and closes the socket; the kernel closes it at the selector's next round. */
    void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a listening socket fails only if it is already gone.
        }
    }
}
