package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses one request line, {@code <verb>/<event>:<username>|<password>}. The
 * event name is the text between the first {@code /} and the first {@code :},
 * as in the original server. The password is everything after the first
 * {@code |}: the original kept only the text up to a second {@code |}, which
 * silently truncated such passwords.
 */
final class RequestLine {

    enum Verb { SUBSCRIBE, UNSUBSCRIBE, PUBLISH }

    record Parsed(Verb verb, String event, Credentials credentials) {
    }

    private RequestLine() {
    }

    static Parsed parse(byte[] bytes, int length, DecoderLimits limits) throws ProtocolException {
        for (int i = 0; i < length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                throw new ProtocolException(ErrorCode.CONTROL_CHARACTER,
                        "request line contains control byte 0x" + Integer.toHexString(b) + " at position " + i);
            }
        }
        String line = decodeUtf8(bytes, length);
        int slash = line.indexOf('/');
        if (slash < 0) {
            throw new ProtocolException(ErrorCode.UNKNOWN_VERB);
        }
        Verb verb = switch (line.substring(0, slash)) {
            case "subscribe" -> Verb.SUBSCRIBE;
            case "unsubscribe" -> Verb.UNSUBSCRIBE;
            case "publish" -> Verb.PUBLISH;
            default -> throw new ProtocolException(ErrorCode.UNKNOWN_VERB);
        };
        int colon = line.indexOf(':', slash + 1);
        if (colon < 0) {
            throw new ProtocolException(ErrorCode.MISSING_CREDENTIALS);
        }
        String event = line.substring(slash + 1, colon);
        EventNames.check(event, limits);
        if (verb == Verb.PUBLISH) {
            EventNames.checkPublishable(event);
        } else {
            EventNames.checkPattern(event);
        }
        String credentials = line.substring(colon + 1);
        int pipe = credentials.indexOf('|');
        if (pipe < 0) {
            throw new ProtocolException(ErrorCode.MALFORMED_CREDENTIALS);
        }
        return new Parsed(verb, event,
                new Credentials(credentials.substring(0, pipe), credentials.substring(pipe + 1)));
    }

    private static String decodeUtf8(byte[] bytes, int length) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.INVALID_UTF8_REQUEST);
        }
    }
}
