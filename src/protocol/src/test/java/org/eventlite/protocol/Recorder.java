package org.eventlite.protocol;

import java.util.ArrayList;
import java.util.List;

/** Collects what a decoder emits, in order. */
final class Recorder implements RequestSink {

    final List<Request> requests = new ArrayList<>();
    final List<ErrorCode> errors = new ArrayList<>();

    @Override
    public void request(Request request) {
        requests.add(request);
    }

    @Override
    public void error(ProtocolException error) {
        errors.add(error.code());
    }
}
