package org.eventlite.cdi.broker;

import org.eventlite.api.ObservedEvents;

/**
 * The observed-events extension, registered from this bean archive: Liberty takes an extension
 * only from a class of the archive that declares it, and {@link ObservedEvents} comes from the
 * resource adapter.
 */
public class BrokerObservedEvents extends ObservedEvents {
}
