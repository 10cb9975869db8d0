package org.eventlite.server;

import jakarta.ejb.ApplicationException;

/**
 * The application could not hand the connector its router (typically because it is stopping or
 * not yet started). An application exception, so that the EJB container passes it to the connector
 * as it is: the connector says what happened, at SEVERE unless the listener is stopping anyway,
 * instead of the container logging CNTR0020E, rolling back and writing FFDC files for it.
 */
@ApplicationException(rollback = false)
public class ApplicationUnreachable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ApplicationUnreachable(RuntimeException cause) {
        super(cause.toString(), cause);
    }
}
