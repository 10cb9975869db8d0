package org.eventlite.client;

/** Base of every failure the client reports. */
public class EventLiteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventLiteException(String message) {
        super(message);
    }

    public EventLiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
