package org.eventlite.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eventlite.api.EventName;
import org.eventlite.api.EventPublished;
import org.eventlite.cdi.broker.ClientDisconnected;
import org.eventlite.cdi.broker.ClientSubscribed;
import org.eventlite.cdi.broker.RequestDenied;

/**
 * Deployed with the in-container tests: records what the observers see, with
 * the thread that saw it. The queues are static because Arquillian's CDI
 * enricher, loaded from the EAR's lib/, injects the test with an instance of
 * its own rather than the web module's contextual one.
 */
@ApplicationScoped
public class RecordingObservers {

    record Seen(EventPublished event, String threadName) {
    }

    static final BlockingQueue<Seen> SYNCHRONOUS = new LinkedBlockingQueue<>();
    static final BlockingQueue<Seen> ASYNCHRONOUS = new LinkedBlockingQueue<>();
    static final BlockingQueue<Object> LIFECYCLE = new LinkedBlockingQueue<>();
    static final BlockingQueue<EventPublished> FROM_CLUSTER = new LinkedBlockingQueue<>();

    void onNamed(@Observes @EventName("arq.in") EventPublished event) {
        SYNCHRONOUS.add(new Seen(event, Thread.currentThread().getName()));
    }

    /** Events of arq.pattern.* as the pattern observer sees them, and as an observer of every event does. */
    static final BlockingQueue<String> BY_PATTERN = new LinkedBlockingQueue<>();
    static final BlockingQueue<String> PATTERN_EVENTS_SEEN_BY_ALL = new LinkedBlockingQueue<>();

    void onPattern(@Observes @EventName("arq.pattern.*") EventPublished event) {
        BY_PATTERN.add(event.name());
    }

    void onEvery(@Observes EventPublished event) {
        if (event.name().startsWith("arq.pattern.")) {
            PATTERN_EVENTS_SEEN_BY_ALL.add(event.name());
        }
    }

    void onClusterEvent(@Observes @EventName("cluster.observed") EventPublished event) {
        FROM_CLUSTER.add(event);
    }

    void onSubscribed(@Observes ClientSubscribed event) {
        LIFECYCLE.add(event);
    }

    void onDisconnected(@Observes ClientDisconnected event) {
        LIFECYCLE.add(event);
    }

    void onDenied(@Observes RequestDenied event) {
        LIFECYCLE.add(event);
    }

    void onAny(@ObservesAsync EventPublished event) {
        if (event.name().equals("arq.in")) {
            ASYNCHRONOUS.add(new Seen(event, Thread.currentThread().getName()));
        }
    }
}
