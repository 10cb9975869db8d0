package org.eventlite.examples.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eventlite.api.EventName;
import org.eventlite.api.EventPublished;

/** A CDI observer of every event one token below {@code orders}, wherever it was published. */
@ApplicationScoped
public class OrderObserver {

    @Inject
    HeardEvents heard;

    void onOrder(@Observes @EventName("orders.*") EventPublished event) {
        heard.observed(event.data().toString());
    }
}
