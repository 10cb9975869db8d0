package org.eventlite.connector;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eventlite.connector.api.ListenerCounters;
import org.eventlite.protocol.ProtocolException;

/**
 * A listener's running totals, counted by its connections on the I/O threads as things happen,
 * kept for its status and handed on to the application's counters (metrics). Each loop holds
 * the listener's one instance.
 */
final class ListenerTotals {

    /** Logged under the listener's name, where operators look for what it refused. */
    private static final Logger LOG = Logger.getLogger(Listener.class.getName());
    private static final long DECODE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong slowConsumers = new AtomicLong();
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder decodeErrors = new LongAdder();
    /** When a refused request was last logged, and how many had been refused then. */
    private final AtomicLong lastDecodeLogNanos = new AtomicLong(System.nanoTime() - DECODE_LOG_INTERVAL_NANOS);
    private final AtomicLong decodeErrorsLogged = new AtomicLong();
    /** The application's counters, from the handler before the first connection. */
    private volatile ListenerCounters counters = ListenerCounters.NONE;

    void countInto(ListenerCounters applicationCounters) {
        counters = applicationCounters;
    }

    void traffic(long read, long written) {
        if (read > 0) {
            bytesRead.add(read);
            counters.bytesRead(read);
        }
        if (written > 0) {
            bytesWritten.add(written);
            counters.bytesWritten(written);
        }
    }

    void slowConsumerDisconnected(SocketConnection connection, String why) {
        slowConsumers.incrementAndGet();
        counters.slowConsumerDisconnected();
        LOG.log(Level.WARNING, "EventLite dropped slow subscriber {0}: {1}", new Object[] {connection, why});
    }

    /**
     * Counts a refused request and logs it, at most one line per {@link #DECODE_LOG_INTERVAL_NANOS}
     * with the number refused since: malformed input is worth seeing in the default log, but a
     * client sending garbage in a loop must not be able to fill it.
     */
    void decodeFailed(SocketConnection connection, ProtocolException error) {
        decodeErrors.increment();
        counters.decodeError();
        long now = System.nanoTime();
        long last = lastDecodeLogNanos.get();
        if (now - last >= DECODE_LOG_INTERVAL_NANOS && lastDecodeLogNanos.compareAndSet(last, now)) {
            long refused = decodeErrors.sum();
            LOG.log(Level.INFO, "EventLite refused malformed input from {0}: {1} ({2} refused since the last such message)",
                    new Object[] {connection.remoteAddress(), error.getMessage(), refused - decodeErrorsLogged.getAndSet(refused)});
        }
        LOG.log(Level.FINE, "{0}: {1}", new Object[] {connection, error.getMessage()});
    }

    long slowConsumers() {
        return slowConsumers.get();
    }

    long bytesRead() {
        return bytesRead.sum();
    }

    long bytesWritten() {
        return bytesWritten.sum();
    }

    long decodeErrors() {
        return decodeErrors.sum();
    }
}
