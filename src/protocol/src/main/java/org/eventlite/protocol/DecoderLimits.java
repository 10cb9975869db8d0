package org.eventlite.protocol;

/**
 * Limits one connection's decoder enforces.
 *
 * @param maxRequestLineBytes longest request line, terminator excluded
 * @param maxEventBytes       largest event, counted as decoded JSON bytes as the client sent them
 * @param maxEventNameBytes   longest event name in UTF-8 bytes
 * @param maxEventNameTokens  most dot-separated tokens in an event name or pattern
 */
public record DecoderLimits(int maxRequestLineBytes, int maxEventBytes, int maxEventNameBytes, int maxEventNameTokens) {

    /** 4 KiB: ample for a name and credentials, small enough to bound unauthenticated work. */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 4096;
    /** 1 MiB, the original's advice; also the largest frame a Perl subscriber reads whole. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    /** 255 bytes. */
    public static final int DEFAULT_MAX_EVENT_NAME_BYTES = 255;
    /**
     * 16: deeper than any naming scheme we know of needs, and it bounds what one subscription
     * costs in the registry's tree, where every token is a node.
     */
    public static final int DEFAULT_MAX_EVENT_NAME_TOKENS = 16;

    public static final DecoderLimits DEFAULTS = new DecoderLimits(DEFAULT_MAX_REQUEST_LINE_BYTES,
            DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_EVENT_NAME_BYTES, DEFAULT_MAX_EVENT_NAME_TOKENS);

    /** With the default token limit. */
    public DecoderLimits(int maxRequestLineBytes, int maxEventBytes, int maxEventNameBytes) {
        this(maxRequestLineBytes, maxEventBytes, maxEventNameBytes, DEFAULT_MAX_EVENT_NAME_TOKENS);
    }

    public DecoderLimits {
        requirePositive("maxRequestLineBytes", maxRequestLineBytes);
        requirePositive("maxEventBytes", maxEventBytes);
        requirePositive("maxEventNameBytes", maxEventNameBytes);
        requirePositive("maxEventNameTokens", maxEventNameTokens);
        if (maxEventNameBytes >= maxRequestLineBytes) {
            throw new IllegalArgumentException("maxEventNameBytes (" + maxEventNameBytes
                    + ") must be smaller than maxRequestLineBytes (" + maxRequestLineBytes + ")");
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
