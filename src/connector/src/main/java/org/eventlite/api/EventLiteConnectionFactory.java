package org.eventlite.api;

import jakarta.resource.ResourceException;

/**
 * The outbound connection factory of the EventLite resource adapter, for any application on the
 * server: {@code @Resource(lookup = "eis/eventlite") EventLiteConnectionFactory events;}. Connections
 * are pooled by the container; close each one (try-with-resources) to return it.
 */
public interface EventLiteConnectionFactory {

    /** A connection with the factory's identity: its container-managed authentication data, else its {@code user}, else anonymous. */
    EventLiteConnection getConnection() throws ResourceException;

    /** A connection that publishes and subscribes as {@code user}, whose rules apply. */
    EventLiteConnection getConnection(String user, String password) throws ResourceException;
}
