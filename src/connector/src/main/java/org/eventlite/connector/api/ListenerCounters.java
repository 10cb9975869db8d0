package org.eventlite.connector.api;

/**
 * Where a listener counts what happens on its connections, for the application's metrics, as
 * it happens: called on the I/O threads, so each method must be cheap and never block. The
 * listener keeps its own totals too ({@link ListenerStatus}).
 */
public interface ListenerCounters {

    /** Counts nothing. */
    ListenerCounters NONE = new ListenerCounters() {
    };

    default void bytesRead(long count) {
    }

    default void bytesWritten(long count) {
    }

    /** A malformed or oversized request was refused. */
    default void decodeError() {
    }

    /** A subscriber was dropped for falling behind. */
    default void slowConsumerDisconnected() {
    }
}
