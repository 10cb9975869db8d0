package org.eventlite.protocol;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder emits, in order. */
final class Recorder implements RequestSink {

    final List<Request> requests = new ArrayList<>();
    final List<ErrorCode> errors = new ArrayList<>();
    /** Events whose publish lines were denied before their bodies; their bodies must never arrive. */
    final List<String> deniedPublishes = new ArrayList<>();
    private final boolean admitPublishes;

    Recorder() {
        this(true);
    }

    /** @param admitPublishes false: deny every publish when its line is complete */
    Recorder(boolean admitPublishes) {
        this.admitPublishes = admitPublishes;
    }

    @Override
    public boolean publishBegins(String event, Credentials credentials) {
        if (!admitPublishes) {
            deniedPublishes.add(event);
        }
        return admitPublishes;
    }

    @Override
    public void request(Request request) {
        requests.add(request);
    }

    @Override
    public void error(ProtocolException error) {
        errors.add(error.code());
    }
}
