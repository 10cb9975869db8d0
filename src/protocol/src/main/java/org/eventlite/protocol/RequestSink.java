package org.eventlite.protocol;

/** Receives what a {@link RequestDecoder} decodes, on the thread that feeds it. */
public interface RequestSink {

    void request(Request request);

    /**
     * A publish line is complete and its body is about to be read: the place for the access
     * decision, before the body costs anything.
     *
     * @return true to decode the body and receive it as a {@link PublishRequest}; false to read
     *         it to its end and drop it (the sink has answered the request itself)
     */
    default boolean publishBegins(String event, Credentials credentials) {
        return true;
    }

    /** The decoder has failed; it will decode nothing more. Reply with the code and close. */
    void error(ProtocolException error);
}
