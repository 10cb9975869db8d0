package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The UTF-8 text of one event: a valid JSON object that starts with <code>{</code>
 * and carries an {@code "event"} member naming the event. Immutable: the bytes
 * are never exposed, only copied or encoded.
 */
public final class EventJson {

    private final byte[] utf8;

    private EventJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /**
     * Checks {@code text} as a publish body for {@code event} and returns it in
     * canonical form (surrounding white space dropped, {@code "event"} member
     * added when absent).
     *
     * @throws ProtocolException with the catalogue code of the first problem found
     */
    public static EventJson of(String event, byte[] text) throws ProtocolException {
        return JsonBody.canonical(event, text, 0, text.length);
    }

    static EventJson wrap(byte[] canonicalUtf8) {
        return new EventJson(canonicalUtf8);
    }

    /** Length of the JSON text in bytes. */
    public int length() {
        return utf8.length;
    }

    /** A copy of the UTF-8 bytes. */
    public byte[] toByteArray() {
        return utf8.clone();
    }

    /** The base64 text of a delivered frame, without the trailing empty line. */
    byte[] base64() {
        return java.util.Base64.getEncoder().encode(utf8);
    }

    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventJson json && Arrays.equals(utf8, json.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }
}
