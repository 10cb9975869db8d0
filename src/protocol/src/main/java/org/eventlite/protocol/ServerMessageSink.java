package org.eventlite.protocol;

/** Receives what a {@link ServerMessageDecoder} reads from a server, on the reading thread. */
public interface ServerMessageSink {

    /** The reply {@code ok}. */
    void ok();

    /** The reply {@code permission denied}. */
    void permissionDenied();

    /** An error reply line such as {@code -ERR invalid-json: ...}, without its LF; the server closes after it. */
    void errorReply(String line);

    /** A delivered event: the decoded UTF-8 JSON text of one frame. */
    void event(byte[] json);
}
