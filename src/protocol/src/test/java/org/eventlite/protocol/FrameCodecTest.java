package org.eventlite.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    @Test
    void frameIsCanonicalBase64FollowedByEmptyLine() throws ProtocolException {
        EventJson json = EventJson.of("foo", WireFixtures.utf8(WireFixtures.PRETTY_JSON));
        byte[] frame = FrameCodec.encode(json);
        String text = new String(frame, StandardCharsets.US_ASCII);

        assertEquals('e', text.charAt(0));
        assertEquals("\n\n", text.substring(text.length() - 2));
        String base64 = text.substring(0, text.length() - 2);
        assertFalse(base64.contains("\n"));
        assertArrayEquals(json.toByteArray(), Base64.getDecoder().decode(base64));
        assertArrayEquals(json.toByteArray(), FrameCodec.decode(java.nio.ByteBuffer.wrap(FrameCodec.encode(json))));
        assertEquals(base64, Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64)));
    }

    @Test
    void repliesAreByteExact() {
        assertArrayEquals(new byte[] {'o', 'k'}, Replies.ok());
        assertEquals(17, Replies.permissionDenied().length);
        for (ErrorCode code : ErrorCode.values()) {
            byte[] reply = code.reply();
            assertEquals('-', reply[0], code.id());
            assertEquals('\n', reply[reply.length - 1]);
            assertEquals(1, Arrays.stream(code.replyText().split("")).filter("\n"::equals).count());
        }
    }

    @Test
    void credentialsNeverShowThePassword() {
        String shown = new Credentials("alice", "s3cr3t-pw").toString();
        assertFalse(shown.contains("s3cr3t-pw"), shown);
    }
}
