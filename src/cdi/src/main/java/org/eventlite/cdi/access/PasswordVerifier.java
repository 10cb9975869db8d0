package org.eventlite.cdi.access;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a password against an identity store outside EventLite's own
 * configuration. Public so that a contextual proxy can implement it.
 */
public interface PasswordVerifier {

    /**
     * A user as the store knows it.
     *
     * @param name   the store's own spelling of the name (a registry may accept {@code ALICE} for {@code alice})
     * @param groups the groups the user is in
     */
    record Identity(String name, Set<String> groups) {
    }

    /** @return the user if the password is right, empty if not */
    Optional<Identity> verify(String username, String password);
}
