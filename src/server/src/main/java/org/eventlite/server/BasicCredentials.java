package org.eventlite.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.eventlite.protocol.Credentials;

/** HTTP Basic credentials as the protocol's: no header means anonymous, as the bare {@code |} does on TCP. */
final class BasicCredentials {

    private static final String SCHEME = "Basic ";

    private BasicCredentials() {
    }

    /** @return empty if the header is present but not readable Basic credentials */
    static Optional<Credentials> from(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.of(Credentials.ANONYMOUS);
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(SCHEME.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new Credentials(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
