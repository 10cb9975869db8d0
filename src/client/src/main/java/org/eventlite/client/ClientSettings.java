package org.eventlite.client;

import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eventlite.protocol.Credentials;

/** What {@link EventLiteClient.Builder} collected; see the builder for defaults. */
record ClientSettings(String host, int port, Credentials credentials, Duration connectTimeout,
        Duration replyTimeout, Duration initialBackoff, Duration maxBackoff, int maxEventBytes,
        Optional<SSLContext> tls, ConnectionListener listener) {
}
