package org.eventlite.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import org.eventlite.protocol.Base64Alphabet;

/** A growable byte array the benchmark writes requests into without a String or allocation per event. */
final class ByteSink {

    private static final byte[] BASE64 = Base64Alphabet.characters();

    private byte[] bytes = new byte[1024];
    private int length;

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    ByteSink append(byte b) {
        ensure(1);
        bytes[length++] = b;
        return this;
    }

    ByteSink append(byte[] source) {
        return append(source, 0, source.length);
    }

    ByteSink append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    ByteSink repeat(byte b, int count) {
        ensure(count);
        Arrays.fill(bytes, length, length + count, b);
        length += count;
        return this;
    }

    ByteSink appendDecimal(long value) {
        if (value < 0) {
            append((byte) '-');
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /** Standard base64, padded, without line breaks (what the Java client and the server's frames use). */
    ByteSink appendBase64(byte[] source, int offset, int count) {
        ensure((count + 2) / 3 * 4);
        int end = offset + count;
        int i = offset;
        for (; i + 2 < end; i += 3) {
            int bits = (source[i] & 0xFF) << 16 | (source[i + 1] & 0xFF) << 8 | (source[i + 2] & 0xFF);
            bytes[length++] = BASE64[bits >>> 18];
            bytes[length++] = BASE64[(bits >>> 12) & 0x3F];
            bytes[length++] = BASE64[(bits >>> 6) & 0x3F];
            bytes[length++] = BASE64[bits & 0x3F];
        }
        if (i < end) {
            int bits = (source[i] & 0xFF) << 16 | (i + 1 < end ? (source[i + 1] & 0xFF) << 8 : 0);
            bytes[length++] = BASE64[bits >>> 18];
            bytes[length++] = BASE64[(bits >>> 12) & 0x3F];
            bytes[length++] = i + 1 < end ? BASE64[(bits >>> 6) & 0x3F] : (byte) '=';
            bytes[length++] = '=';
        }
        return this;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
