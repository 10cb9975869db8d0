package org.eventlite.client;

/** The server answered {@code permission denied}: the credentials may not publish or subscribe to the event. */
public class PermissionDeniedException extends EventLiteException {

    private static final long serialVersionUID = 1L;

    private final String event;

    public PermissionDeniedException(String event) {
        super("permission denied for event '" + event + "'");
        this.event = event;
    }

    public String event() {
        return event;
    }
}
