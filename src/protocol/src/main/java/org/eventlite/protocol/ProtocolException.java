package org.eventlite.protocol;

/** A request or body that breaks the protocol; carries the catalogue code to reply with. */
public final class ProtocolException extends Exception {

    private final ErrorCode code;

    public ProtocolException(ErrorCode code) {
        this(code, code.message());
    }

    public ProtocolException(ErrorCode code, String detail) {
        super(code.id() + ": " + detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
