package org.eventlite.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Encodes requests as clients send them. Lines end with LF and publish bodies
 * with an empty line, so a server ends each request at once instead of
 * waiting for a pause; the 2008 server reads these forms as well.
 */
public final class RequestEncoder {

    private RequestEncoder() {
    }

    public static byte[] subscribe(String event, Credentials credentials) {
        return line("subscribe", event, credentials).getBytes(StandardCharsets.UTF_8);
    }

    /** {@code json} must be the UTF-8 text of one JSON object. */
    public static byte[] publish(String event, Credentials credentials, byte[] json) {
        byte[] head = (line("publish", event, credentials) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] base64 = Base64.getEncoder().encode(json);
        byte[] out = new byte[head.length + base64.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(base64, 0, out, head.length, base64.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    private static String line(String verb, String event, Credentials credentials) {
        return verb + "/" + event + ":" + credentials.username() + "|" + credentials.password() + "\n";
    }
}
