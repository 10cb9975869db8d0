package org.eventlite.connector.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What clients may cost the server, per connection and in total, before any of
 * them has proved who it is. Slow subscribers follow Redis's model: a hard limit
 * of queued bytes that drops at once, and a soft limit that drops a subscriber
 * staying above it for a while, so that a steady reader survives a burst while
 * a stalled one goes.
 *
 * @param softPendingBytes        bytes queued for one connection that it may stay above only for {@code softPendingTime}
 * @param softPendingTime         how long a connection may stay above {@code softPendingBytes}
 * @param requestBodyBudgetBytes  heap that unfinished publish bodies of all connections may hold together;
 *                                past it a body that needs more is refused with {@code server-busy}
 * @param outboundBudgetBytes     bytes of the event frames queued on any connection, each frame counted once
 *                                however many connections hold it; past it a subscriber above its
 *                                soft limit is dropped at once instead of after {@code softPendingTime}
 * @param firstRequestTimeout     how long a new connection (its TLS handshake included) may take to complete its
 *                                first request before it is closed with {@code idle-timeout}
 * @param maxConnectionsPerAddress open connections from one remote address at most
 */
public record ClientLimits(long softPendingBytes, Duration softPendingTime, long requestBodyBudgetBytes,
        long outboundBudgetBytes, Duration firstRequestTimeout, int maxConnectionsPerAddress) {

    /** As Redis's {@code client-output-buffer-limit pubsub 32mb 8mb 60}, with a shorter time: 8 MiB. */
    public static final long DEFAULT_SOFT_PENDING_BYTES = 8L * 1024 * 1024;
    public static final Duration DEFAULT_SOFT_PENDING_TIME = Duration.ofSeconds(10);
    /** A quarter of the heap each: the rest is for subscriptions, frames in flight and the server itself. */
    public static final long DEFAULT_REQUEST_BODY_BUDGET_BYTES = Runtime.getRuntime().maxMemory() / 4;
    public static final long DEFAULT_OUTBOUND_BUDGET_BYTES = Runtime.getRuntime().maxMemory() / 4;
    public static final Duration DEFAULT_FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A tenth of the default connection limit: no one address can fill the server. Behind a proxy
     * or NAT that shows every client under one address, raise it.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;

    public static final ClientLimits DEFAULTS = new ClientLimits(DEFAULT_SOFT_PENDING_BYTES,
            DEFAULT_SOFT_PENDING_TIME, DEFAULT_REQUEST_BODY_BUDGET_BYTES, DEFAULT_OUTBOUND_BUDGET_BYTES,
            DEFAULT_FIRST_REQUEST_TIMEOUT, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);

    public ClientLimits {
        requirePositive("softPendingBytes", softPendingBytes);
        requirePositive("softPendingTime", softPendingTime);
        requirePositive("requestBodyBudgetBytes", requestBodyBudgetBytes);
        requirePositive("outboundBudgetBytes", outboundBudgetBytes);
        requirePositive("firstRequestTimeout", firstRequestTimeout);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
