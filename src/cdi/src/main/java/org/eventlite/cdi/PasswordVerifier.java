package org.eventlite.cdi;

import java.util.Optional;
import java.util.Set;

/**
 * Checks a password against an identity store outside EventLite's own
 * configuration. Public so that a contextual proxy can implement it.
 */
public interface PasswordVerifier {

    /** @return the user's groups if the password is right, empty if not */
    Optional<Set<String>> verify(String username, String password);
}
