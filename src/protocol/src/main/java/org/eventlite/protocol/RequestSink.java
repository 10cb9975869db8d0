package org.eventlite.protocol;

/** Receives what a {@link RequestDecoder} decodes, on the thread that feeds it. */
public interface RequestSink {

    void request(Request request);

    /** The decoder has failed; it will decode nothing more. Reply with the code and close. */
    void error(ProtocolException error);
}
