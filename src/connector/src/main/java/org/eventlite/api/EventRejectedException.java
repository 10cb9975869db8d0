package org.eventlite.api;

/**
 * The broker refused a publish or a subscription from an application: the client-side
 * counterpart of a TCP client's {@code permission denied} or error reply.
 */
public class EventRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** A bad event name or pattern, JSON that is not an object, or an event over the size limit. */
        INVALID,
        /** The access rules deny it to the connection factory's identity. */
        DENIED,
        /** A server limit (subscriptions) is reached. */
        LIMIT,
        /** EventLite's application is not running on this server. */
        UNAVAILABLE
    }

    private final Reason reason;

    public EventRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
