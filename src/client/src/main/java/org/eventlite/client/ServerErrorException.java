package org.eventlite.client;

/**
 * The server refused a request as malformed or over a limit and closed the
 * connection. {@link #code()} is the catalogue id, such as {@code event-too-large}.
 */
public class ServerErrorException extends EventLiteException {

    private static final long serialVersionUID = 1L;

    /** Refusals for want of a resource the server will have again: worth retrying later. */
    static final java.util.Set<String> BUSY_CODES = java.util.Set.of("too-many-connections",
            "too-many-connections-from-address", "server-busy", "server-stopping", "server-subscription-limit");

    private final String code;

    public ServerErrorException(String replyLine) {
        super("server refused the request: " + replyLine);
        String rest = replyLine.startsWith("-ERR ") ? replyLine.substring(5) : replyLine;
        int colon = rest.indexOf(':');
        this.code = colon > 0 ? rest.substring(0, colon) : rest;
    }

    public String code() {
        return code;
    }
}
