package org.eventlite.client;

/**
 * Hears what happens to a client's subscriptions, for logs, metrics or an application's own
 * reaction. Every method is called on the subscription's own thread, the one that runs its
 * callback, so a slow listener delays only that subscription; an exception it throws is logged
 * and otherwise ignored. Each method does nothing unless overridden.
 */
public interface ConnectionListener {

    /** The subscription to {@code event} lost its connection; it reconnects with backoff. */
    default void disconnected(String event, Throwable cause) {
    }

    /** The subscription to {@code event} is back after a lost connection; events sent meanwhile are gone. */
    default void reconnected(String event) {
    }

    /** The server refused the subscription to {@code event} for good (permission, a bad name): no retry. */
    default void subscriptionRefused(String event, EventLiteException why) {
    }

    /**
     * Something failed without ending the subscription to {@code event}: an event this client cannot
     * read (skipped), or the callback threw.
     */
    default void error(String event, Throwable error) {
    }

    /** Hears nothing. */
    ConnectionListener NONE = new ConnectionListener() {
    };
}
