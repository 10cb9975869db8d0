package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;

/** The two success and refusal replies, byte-exact: no terminator, as the Perl clients expect. */
public final class Replies {

    /** {@code ok}: exactly 2 bytes. */
    public static final String OK = "ok";

    /** {@code permission denied}: exactly 17 bytes. */
    public static final String PERMISSION_DENIED = "permission denied";

    private static final byte[] OK_BYTES = OK.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DENIED_BYTES = PERMISSION_DENIED.getBytes(StandardCharsets.US_ASCII);

    private Replies() {
    }

    public static byte[] ok() {
        return OK_BYTES.clone();
    }

    public static byte[] permissionDenied() {
        return DENIED_BYTES.clone();
    }
}
