package org.eventlite.tools;

/**
 * How the load generator's clients behave. A server should lead with either: a user's program
 * is as likely to look like one as the other.
 */
enum BenchShape {
    /** Pipelined batches with a bound on what is in flight to the subscribers, large reads, two reader threads. */
    GENERATOR,
    /** A buffered stream per publisher with no bound but TCP's, one selector thread reading 64 KiB at a time. */
    STREAM;

    static final int GENERATOR_READ_BYTES = 1 << 20;
    static final int STREAM_READ_BYTES = 64 * 1024;
    static final int STREAM_WRITE_BYTES = 64 * 1024;
}
