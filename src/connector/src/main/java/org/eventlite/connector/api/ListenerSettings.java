package org.eventlite.connector.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.eventlite.protocol.DecoderLimits;

/**
 * How one listener works; the application reads the values from its
 * configuration and hands them over in {@link ConnectionHandler#settings()}.
 *
 * @param decoderLimits   request line, event and event name sizes
 * @param lineGracePeriod how long a line without LF may wait for more bytes before it counts as complete
 * @param ioThreads       network I/O loops, each a WorkManager thread
 * @param maxConnections  open connections at most; the next one gets {@code too-many-connections}
 * @param maxPendingBytes bytes queued for one connection at most before it is closed as a slow consumer (the hard limit)
 * @param writeTimeout    how long queued bytes may make no progress before the connection is closed as a slow consumer
 * @param requestTimeout  how long a begun request (half a line, an unfinished body) may take before the connection is closed
 * @param latencySampleEvery write batches per I/O loop per publish-to-deliver latency sample (1: every batch)
 * @param tls             the TLS listener beside the plain one, if any
 * @param clientLimits    soft slow-consumer limit, shared budgets, first-request timeout, connections per address
 * @param bareSubscribePause how long frames wait after the reply to a subscribe line that came without
 *                        terminator (the 2008 Perl subscriber's), so that the client reads its ok alone
 */
public record ListenerSettings(DecoderLimits decoderLimits, Duration lineGracePeriod, int ioThreads,
        int maxConnections, long maxPendingBytes, Duration writeTimeout, Duration requestTimeout,
        int latencySampleEvery, Optional<TlsSettings> tls, ClientLimits clientLimits, Duration bareSubscribePause) {

    public static final Duration DEFAULT_LINE_GRACE_PERIOD = Duration.ofMillis(50);
    /**
     * The 2008 Perl subscriber takes a read holding its {@code ok} and a frame for a broken frame
     * and dies. Its read follows its send at once; the pause covers a busy machine's scheduling
     * delay before that read (docs/performance.md has the measurement), and delays one
     * connection's first frames once.
     */
    public static final Duration DEFAULT_BARE_SUBSCRIBE_PAUSE = Duration.ofMillis(50);
    /**
     * Half the cores: a loop's writes also run the kernel's TCP work for them on its core, and
     * every event a loop hands to another costs a wake-up (docs/performance.md, item 12, has the
     * measurements behind it).
     */
    public static final int DEFAULT_IO_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** As Redis's hard limit for Pub/Sub clients: 32 MiB. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 32L * 1024 * 1024;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Recording every write batch into the metrics timer (a concurrent HDR histogram) would cost
     * the I/O threads more than decoding and writing small events (docs/performance.md); one
     * batch in 16 still gives thousands of samples a second under load.
     */
    public static final int DEFAULT_LATENCY_SAMPLE_EVERY = 16;

    public static final ListenerSettings DEFAULTS = new ListenerSettings(DecoderLimits.DEFAULTS,
            DEFAULT_LINE_GRACE_PERIOD, DEFAULT_IO_THREADS, DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_PENDING_BYTES,
            DEFAULT_WRITE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_LATENCY_SAMPLE_EVERY, Optional.empty(),
            ClientLimits.DEFAULTS, DEFAULT_BARE_SUBSCRIBE_PAUSE);

    public ListenerSettings {
        Objects.requireNonNull(decoderLimits, "decoderLimits");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(clientLimits, "clientLimits");
        requirePositive("lineGracePeriod", lineGracePeriod);
        requirePositive("writeTimeout", writeTimeout);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("bareSubscribePause", bareSubscribePause);
        if (requestTimeout.compareTo(lineGracePeriod) <= 0) {
            throw new IllegalArgumentException("requestTimeout (" + requestTimeout
                    + ") must be longer than lineGracePeriod (" + lineGracePeriod + ")");
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be at least 1, was " + ioThreads);
        }
        if (latencySampleEvery < 1) {
            throw new IllegalArgumentException("latencySampleEvery must be at least 1, was "
                    + latencySampleEvery);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (maxPendingBytes < decoderLimits.maxEventBytes()) {
            throw new IllegalArgumentException("maxPendingBytes (" + maxPendingBytes
                    + ") must hold at least one event of maxEventBytes (" + decoderLimits.maxEventBytes() + ")");
        }
        if (clientLimits.softPendingBytes() > maxPendingBytes) {
            throw new IllegalArgumentException("softPendingBytes (" + clientLimits.softPendingBytes()
                    + ") must not be above maxPendingBytes (" + maxPendingBytes + ")");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
