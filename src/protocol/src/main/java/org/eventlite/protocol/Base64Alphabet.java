package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The standard base64 alphabet (RFC 4648), the one definition of it for the codec, the client and the tools. */
public final class Base64Alphabet {

    private static final String CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private Base64Alphabet() {
    }

    /** The 64 characters, each at its value. */
    public static byte[] characters() {
        return CHARACTERS.getBytes(StandardCharsets.US_ASCII);
    }

    /** Indexed by unsigned byte: the value of each alphabet character, -1 for any other byte. */
    public static int[] values() {
        int[] values = new int[256];
        Arrays.fill(values, -1);
        for (int i = 0; i < CHARACTERS.length(); i++) {
            values[CHARACTERS.charAt(i)] = i;
        }
        return values;
    }
}
