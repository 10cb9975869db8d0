package org.eventlite.client;

/**
 * The connection failed or closed before the server answered. A publish that
 * fails this way may or may not have been delivered (at most once): the client
 * never sends it again by itself.
 */
public class ConnectionLostException extends EventLiteException {

    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
