package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests byte for byte as the 2008 Perl clients and our own clients send them. */
final class WireFixtures {

    /** JSON::XS pretty output of dispatchEvent(event => 'foo', price => 42, note => "caf\u00e9"). */
    static final String PRETTY_JSON = "{\n   \"event\" : \"foo\",\n   \"note\" : \"caf\u00e9\",\n   \"price\" : 42,\n"
            + "   \"text\" : \"a long enough value to push the base64 over one seventy-six column line\"\n}\n";

    /** The Perl subscriber: no terminator at all. */
    static final byte[] PERL_SUBSCRIBE = ascii("subscribe/foo:|");

    /** The Perl publisher: MIME base64 with a LF every 76 characters and a final LF, then nothing. */
    static final byte[] PERL_PUBLISH = concat(ascii("publish/foo:|\n\n"), mimeBase64(utf8(PRETTY_JSON)));

    static final byte[] LF_SUBSCRIBE = ascii("subscribe/foo:alice|secret\n");
    static final byte[] CRLF_SUBSCRIBE = ascii("subscribe/foo:alice|secret\r\n");

    private WireFixtures() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] mimeBase64(byte[] data) {
        byte[] encoded = Base64.getMimeEncoder(76, new byte[] {'\n'}).encode(data);
        return concat(encoded, new byte[] {'\n'});
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
