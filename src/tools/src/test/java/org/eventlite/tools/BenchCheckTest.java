package org.eventlite.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load generator's own encoding and checks: a benchmark that cannot see corruption proves nothing. */
class BenchCheckTest {

    private static final String EVENT = "bench.1";

    @Test
    void base64MatchesTheJdkForEveryRemainder() {
        for (int length = 0; length < 10; length++) {
            byte[] data = new byte[length];
            for (int i = 0; i < length; i++) {
                data[i] = (byte) (i * 37 - 100);
            }
            ByteSink sink = new ByteSink().appendBase64(data, 0, length);
            assertEquals(Base64.getEncoder().encodeToString(data),
                    new String(sink.array(), 0, sink.length(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void payloadIsTheSizeAskedAndChecksOut() {
        ByteSink json = new ByteSink();
        new BenchPayload(EVENT, 100).write(json, 3, 41, 123_456_789L);
        String text = new String(json.array(), 0, json.length(), StandardCharsets.UTF_8);
        assertEquals(100, text.length());
        assertTrue(text.startsWith("{\"event\":\"bench.1\",\"p\":3,\"seq\":41,\"t\":123456789,\"pad\":\"xx"), text);

        BenchPayload check = new BenchPayload(EVENT, 100);
        assertTrue(check.check(json.array(), 0, json.length()));
        assertEquals(3, check.publisher());
        assertEquals(41, check.seq());
        assertEquals(123_456_789L, check.sentNanos());
    }

    @Test
    void everyChangedByteFailsTheCheck() {
        ByteSink json = new ByteSink();
        new BenchPayload(EVENT, 80).write(json, 0, 7, 99L);
        byte[] good = Arrays.copyOf(json.array(), json.length());
        String text = new String(good, StandardCharsets.US_ASCII);
        int numbersStart = text.indexOf("\"p\":");
        int numbersEnd = text.indexOf(",\"pad\"");
        BenchPayload check = new BenchPayload(EVENT, 80);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] = (byte) (bad[i] == '9' ? '8' : bad[i] + 1);
            boolean passes = check.check(bad, 0, bad.length);
            // A changed digit of p, seq or t makes another well-formed event; the order check catches that one.
            boolean numberDigit = Character.isDigit(good[i]) && i > numbersStart && i < numbersEnd;
            assertEquals(numberDigit, passes, "byte " + i + " changed: " + new String(bad, StandardCharsets.US_ASCII));
        }
        assertFalse(check.check(good, 0, good.length - 1), "a truncated payload");
    }

    @Test
    void eventLiteFramesSplitAtEveryPositionDecodeExactly() throws IOException {
        List<String> payloads = List.of("{\"a\":1}", "{\"b\":22}", "{\"c\":333}");
        StringBuilder stream = new StringBuilder();
        for (String payload : payloads) {
            stream.append(Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))).append("\n\n");
        }
        byte[] bytes = stream.toString().getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            List<String> seen = new ArrayList<>();
            BenchWire.FrameReader reader = new EventLiteBenchWire(EVENT).frameReader(
                    (b, offset, length) -> seen.add(new String(b, offset, length, StandardCharsets.UTF_8)), 64);
            reader.feed(Arrays.copyOfRange(bytes, 0, split), split);
            byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
            reader.feed(rest, rest.length);
            assertEquals(payloads, seen, "split at " + split);
        }
    }

    /**
     * Long frames that share their text after the decoded prefix, and frames that depart from the
     * one before at every kind of place (inside the compared text, by being longer or shorter, by a
     * corrupt byte), each stream split at every position: every payload arrives exactly.
     */
    @Test
    void eventLiteFramesComparedWithThePreviousDecodeExactly() throws IOException {
        String tail = "x".repeat(300);
        List<String> payloads = List.of(
                "{\"seq\":1,\"pad\":\"" + tail + "\"}",
                "{\"seq\":2,\"pad\":\"" + tail + "\"}",
                "{\"seq\":3,\"pad\":\"" + tail.substring(1) + "y\"}",
                "{\"seq\":4,\"pad\":\"" + tail.substring(150) + "z" + tail.substring(151) + "\"}",
                "{\"seq\":5,\"pad\":\"" + tail + "more\"}",
                "{\"seq\":6,\"pad\":\"" + tail + "\"}",
                "{\"seq\":7,\"pad\":\"" + tail.substring(5) + "\"}",
                "{\"seq\":8}",
                "{\"seq\":9,\"pad\":\"" + tail.substring(5) + "\"}",
                "{\"seq\":10,\"pad\":\"" + tail.substring(5) + "\"}");
        byte[] bytes = frames(payloads);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(payloads, readSplit(bytes, split, 1024), "split at " + split);
        }
    }

    /** FrameCodec equal to the one before up to and with their padding, then longer and shorter ones. */
    @Test
    void eventLiteFramesEqualToTheLastIncludingPaddingDecodeExactly() throws IOException {
        String padded = "{\"pad\":\"" + "x".repeat(201) + "\"}";
        assertEquals(1, padded.length() % 3, "a frame that ends in two '='");
        List<String> payloads = List.of(padded, padded, padded + " ", padded + " ", padded, padded.substring(0, 100) + "}",
                padded, "{}", padded);
        byte[] bytes = frames(payloads);
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(payloads, readSplit(bytes, split, 1024), "split at " + split);
        }
    }

    @Test
    void eventLiteFrameThatGoesOnAfterTheLastOnesPaddingIsCorrupt() {
        String padded = "{\"pad\":\"" + "x".repeat(201) + "\"}";
        String first = Base64.getEncoder().encodeToString(padded.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = (first + "\n\n" + first + "AAAA\n\n").getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= bytes.length; split++) {
            int at = split;
            assertThrows(IOException.class, () -> readSplit(bytes, at, 1024), "split at " + split);
        }
    }

    @Test
    void eventLiteFrameCorruptWhereItMatchedTheLastOneIsCorrupt() throws IOException {
        String payload = "{\"pad\":\"" + "x".repeat(300) + "\"}";
        byte[] bytes = frames(List.of(payload, payload));
        int corruptAt = bytes.length / 2 + 150;
        bytes[corruptAt] = '*';
        for (int split = 0; split <= bytes.length; split++) {
            int at = split;
            assertThrows(IOException.class, () -> readSplit(bytes, at, 1024), "split at " + split);
        }
    }

    private static byte[] frames(List<String> payloads) {
        StringBuilder stream = new StringBuilder();
        for (String payload : payloads) {
            stream.append(Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))).append("\n\n");
        }
        return stream.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> readSplit(byte[] bytes, int split, int maxPayloadBytes) throws IOException {
        List<String> seen = new ArrayList<>();
        BenchWire.FrameReader reader = new EventLiteBenchWire(EVENT).frameReader(
                (b, offset, length) -> seen.add(new String(b, offset, length, StandardCharsets.UTF_8)), maxPayloadBytes);
        reader.feed(Arrays.copyOfRange(bytes, 0, split), split);
        byte[] rest = Arrays.copyOfRange(bytes, split, bytes.length);
        reader.feed(rest, rest.length);
        return seen;
    }

    @Test
    void eventLiteFrameWithForeignBytesIsCorrupt() {
        BenchWire.FrameReader reader = new EventLiteBenchWire(EVENT).frameReader((b, offset, length) -> { }, 64);
        byte[] bad = "eyJh*IjoxfQ==\n\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> reader.feed(bad, bad.length));
    }

    @Test
    void redisPayloadsSplitAtEveryPositionAreTakenByTheirLength() throws IOException {
        byte[] messages = ("*3\r\n$7\r\nmessage\r\n$7\r\nbench.1\r\n$7\r\n{\"a\":1}\r\n"
                + "*3\r\n$7\r\nmessage\r\n$7\r\nbench.1\r\n$11\r\n{\"b\":\"\r\n2\"}\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= messages.length; split++) {
            List<String> seen = new ArrayList<>();
            BenchWire.FrameReader reader = new RedisBenchWire(EVENT).frameReader(
                    (b, offset, length) -> seen.add(new String(b, offset, length, StandardCharsets.UTF_8)), 64);
            reader.feed(Arrays.copyOfRange(messages, 0, split), split);
            byte[] rest = Arrays.copyOfRange(messages, split, messages.length);
            reader.feed(rest, rest.length);
            assertEquals(List.of("{\"a\":1}", "{\"b\":\"\r\n2\"}"), seen, "split at " + split);
        }
    }

    @Test
    void acknowledgementsSplitBetweenReadsAreCounted() throws IOException {
        BenchWire.AckCounter counter = new EventLiteBenchWire(EVENT).ackCounter();
        assertEquals(1, counter.count("oko".getBytes(StandardCharsets.US_ASCII), 3));
        assertEquals(1, counter.count("k".getBytes(StandardCharsets.US_ASCII), 1));
        byte[] refused = "-ERR no\n".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> counter.count(refused, refused.length));
    }
}
