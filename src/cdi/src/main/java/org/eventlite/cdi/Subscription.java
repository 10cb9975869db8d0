package org.eventlite.cdi;

import org.eventlite.connector.api.Connection;

/** One connection's subscription to an event name or pattern, and what of it the subscriber may receive. */
record Subscription(String pattern, Connection connection, EventFilter filter) {
}
