package org.eventlite.application;

import org.eventlite.api.ObservedEvents;

/**
 * The observed-events extension, registered from this library: Liberty takes an extension only
 * from a class of the archive that declares it, and {@link ObservedEvents} comes from the
 * resource adapter.
 */
public class ApplicationObservedEvents extends ObservedEvents {
}
