package org.eventlite.cdi.broker;

import org.eventlite.cdi.access.EventFilter;
import org.eventlite.connector.api.Subscriber;

/** One subscriber's subscription to an event name or pattern, and what of it the subscriber may receive. */
record RegisteredSubscription(String pattern, Subscriber subscriber, EventFilter filter) {
}
