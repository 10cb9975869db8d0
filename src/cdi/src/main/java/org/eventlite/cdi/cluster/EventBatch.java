package org.eventlite.cdi.cluster;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of one cluster message: several events, so that the link sends a message per batch
 * rather than per event. Binary and length-prefixed: {@code "ELB1"}, then per event its name
 * (2-byte length, UTF-8), its publisher's user (2-byte length, UTF-8) and its JSON (4-byte
 * length). Decoding trusts nothing: lengths are checked against the bytes left and the limits
 * given, and a body that breaks the framing yields the events before the break and an error.
 */
public final class EventBatch {

    private static final byte[] MAGIC = "ELB1".getBytes(StandardCharsets.US_ASCII);
    /** A user name longer than this is not one a registry hands out; the frame is broken. */
    static final int MAX_USER_BYTES = 1024;

    /** One event of a batch, as the sender queued it. */
    public record Entry(String name, String user, byte[] json) {

        /** Its bytes in a batch. */
        int size() {
            return 8 + utf8(name).length + utf8(user).length + json.length;
        }
    }

    /** What a body held: its events up to the first framing error, and that error, if any. */
    public record Decoded(List<Entry> entries, String error) {
    }

    private EventBatch() {
    }

    /** The overhead of a batch besides its entries. */
    static int headerSize() {
        return MAGIC.length;
    }

    public static byte[] encode(List<Entry> entries) {
        int size = MAGIC.length;
        for (Entry entry : entries) {
            size += entry.size();
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(MAGIC);
        for (Entry entry : entries) {
            byte[] name = utf8(entry.name());
            byte[] user = utf8(entry.user());
            out.putShort((short) name.length).put(name)
                    .putShort((short) user.length).put(user)
                    .putInt(entry.json().length).put(entry.json());
        }
        return out.array();
    }

    /**
     * @param maxNameBytes the longest event name accepted
     * @param maxJsonBytes the largest event accepted; a longer one breaks the framing
     */
    public static Decoded decode(byte[] body, int maxNameBytes, int maxJsonBytes) {
        List<Entry> entries = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(body);
        if (body.length < MAGIC.length || !ByteBuffer.wrap(body, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            return new Decoded(entries, "not an EventLite batch");
        }
        in.position(MAGIC.length);
        try {
            while (in.hasRemaining()) {
                String name = text(in, in.getShort() & 0xFFFF, maxNameBytes, "event name");
                String user = text(in, in.getShort() & 0xFFFF, MAX_USER_BYTES, "user name");
                int length = in.getInt();
                if (length < 0 || length > maxJsonBytes || length > in.remaining()) {
                    return new Decoded(entries, "an event of " + Integer.toUnsignedString(length)
                            + " bytes, with " + in.remaining() + " left and a limit of " + maxJsonBytes);
                }
                byte[] json = new byte[length];
                in.get(json);
                entries.add(new Entry(name, user, json));
            }
            return new Decoded(entries, null);
        } catch (BufferUnderflowException e) {
            return new Decoded(entries, "the batch ends inside an event");
        } catch (MalformedText e) {
            return new Decoded(entries, e.getMessage());
        }
    }

    private static String text(ByteBuffer in, int length, int max, String what) throws MalformedText {
        if (length > max || length > in.remaining()) {
            throw new MalformedText("a " + what + " of " + length + " bytes, with " + in.remaining()
                    + " left and a limit of " + max);
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedText("a " + what + " that is not UTF-8");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A broken frame, found while reading text. */
    private static final class MalformedText extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedText(String message) {
            super(message, null, false, false);
        }
    }
}
