package org.eventlite.connector.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/** Live figures of one listener, read by health checks and metrics from any thread. */
public interface ListenerStatus {

    /** The address accepting connections, or empty while none is. */
    Optional<InetSocketAddress> boundAddress();

    /** The address accepting TLS connections, or empty while none is or none is configured. */
    Optional<InetSocketAddress> tlsBoundAddress();

    int openConnections();

    /** Subscribers dropped for falling behind (pending bytes over the limit, or no write progress). */
    long slowConsumerDisconnects();

    /** Bytes read from and written to client sockets since the listener started (TLS: protocol bytes). */
    long bytesRead();

    long bytesWritten();

    /** Requests refused as malformed or oversized (error replies other than the listener's own limits). */
    long decodeErrors();

    /** Connections refused because the connection limit was reached. */
    long refusedConnections();

    /**
     * The longest time any I/O loop has gone without completing a round. Loops
     * wake at least once a second, so a value of several seconds means a loop
     * is stuck (a blocked handler, for instance).
     */
    Duration longestLoopSilence();

    /** I/O loops that have ended while the listener runs: each is a failure liveness must report. */
    int failedLoops();

    /** Bytes that unfinished request bodies of all connections hold now, counted against their budget. */
    long requestBodyBytes();

    /** Bytes of the event frames queued on any connection now, each frame counted once however many hold it. */
    long outboundBytes();
}
