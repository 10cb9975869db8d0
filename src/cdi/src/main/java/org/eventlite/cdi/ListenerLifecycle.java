package org.eventlite.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.eventlite.connector.api.ListenerStatus;

/** What health checks need to know about the TCP listener, updated by the connector's callbacks. */
@ApplicationScoped
public class ListenerLifecycle {

    public enum Phase { NOT_ACTIVATED, STARTING, LISTENING, FAILED, STOPPED }

    private volatile Phase phase = Phase.NOT_ACTIVATED;
    private volatile String reason = "no EventLite endpoint has been activated yet; check the activationSpec id in server.xml";
    private volatile ListenerStatus status;
    private volatile InetSocketAddress configuredAddress;

    public void starting(InetSocketAddress address, ListenerStatus listenerStatus) {
        configuredAddress = address;
        status = listenerStatus;
        phase = Phase.STARTING;
        reason = "binding " + address;
    }

    public void listening(InetSocketAddress address) {
        phase = Phase.LISTENING;
        reason = "listening on " + address;
    }

    public void failed(String why) {
        phase = Phase.FAILED;
        reason = why;
    }

    public void stopped() {
        phase = Phase.STOPPED;
        reason = "the listener on " + configuredAddress + " has stopped";
    }

    public Phase phase() {
        return phase;
    }

    /** Why the listener is in its phase, in words for a health response. */
    public String reason() {
        return reason;
    }

    /** The connector's live figures, once an activation has begun. */
    public Optional<ListenerStatus> status() {
        return Optional.ofNullable(status);
    }

    /** Accepting connections right now. */
    public boolean accepting() {
        ListenerStatus current = status;
        return phase == Phase.LISTENING && current != null && current.boundAddress().isPresent();
    }
}
