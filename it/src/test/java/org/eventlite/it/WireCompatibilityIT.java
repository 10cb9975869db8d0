package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The byte-exact behaviour the 2008 Perl clients depend on. */
class WireCompatibilityIT {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration PERL_REPLY_DEADLINE = Duration.ofSeconds(1);

    /** JSON::XS pretty output, as Event::Lite's publisher sends it. */
    private static final String PERL_PRETTY_JSON = "{\n   \"event\" : \"perl.pub\",\n   \"price\" : 42,\n"
            + "   \"text\" : \"long enough to wrap the base64 over more than one seventy-six column line\"\n}\n";

    @Test
    void subscribeGetsExactlyOkAndNothingElseUntilAnEvent() throws IOException {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            subscriber.send("subscribe/wire.ok:|\n");
            assertArrayEquals(bytes("ok"), subscriber.readExactly(2, RawClient.DEFAULT_WAIT));
            assertTrue(subscriber.silentFor(QUIET));

            assertEquals("ok", publisher.publish("wire.ok", TestServer.ANONYMOUS, "{\"n\":1}"));

            String frame = subscriber.readFrame();
            assertEquals('e', frame.charAt(0));
            assertTrue(frame.endsWith("\n\n"));
            String base64 = frame.substring(0, frame.length() - 2);
            assertFalse(base64.contains("\n"), "canonical base64 has no line breaks");
            assertEquals(base64, Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64)));
            assertEquals("{\"event\":\"wire.ok\",\"n\":1}",
                    new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        }
    }

    @Test
    void publishGetsExactlyOk() throws IOException {
        try (RawClient publisher = RawClient.connect()) {
            publisher.send(RawClient.publishBytes("wire.pub", TestServer.ANONYMOUS, "{\"a\":true}"));
            assertArrayEquals(bytes("ok"), publisher.readExactly(2, RawClient.DEFAULT_WAIT));
            assertTrue(publisher.silentFor(QUIET));
        }
    }

    @Test
    void deniedRequestGetsExactlyPermissionDeniedAndStaysOpen() throws IOException {
        try (RawClient client = RawClient.connect()) {
            client.send("subscribe/a:" + TestServer.ALICE_WRONG_PASSWORD + "\n");
            assertArrayEquals(bytes("permission denied"), client.readExactly(17, RawClient.DEFAULT_WAIT));
            assertTrue(client.silentFor(QUIET));
            assertEquals("ok", client.subscribe("a", TestServer.ALICE), "the original keeps a denied connection open");
        }
    }

    @Test
    void perlStyleSubscribeWithoutTerminatorIsAnsweredWithinOneSecond() throws IOException {
        try (RawClient subscriber = RawClient.connect()) {
            long start = System.nanoTime();
            subscriber.send("subscribe/perl.sub:|");
            assertArrayEquals(bytes("ok"), subscriber.readExactly(2, PERL_REPLY_DEADLINE));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PERL_REPLY_DEADLINE) < 0);
        }
    }

    @Test
    void perlStylePublishIsAnsweredWithinOneSecondAndDelivered() throws IOException {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("perl.pub", TestServer.ANONYMOUS));
            byte[] body = Base64.getMimeEncoder(76, new byte[] {'\n'}).encode(bytes(PERL_PRETTY_JSON));
            long start = System.nanoTime();
            publisher.send("publish/perl.pub:|\n\n" + new String(body, StandardCharsets.US_ASCII) + "\n");
            assertArrayEquals(bytes("ok"), publisher.readExactly(2, PERL_REPLY_DEADLINE));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(PERL_REPLY_DEADLINE) < 0);

            assertEquals(PERL_PRETTY_JSON.strip(), subscriber.readEventJson());
        }
    }

    @Test
    void eventMemberIsAddedWhenThePublisherLeftItOut() throws IOException {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("wire.add", TestServer.ANONYMOUS));
            assertEquals("ok", publisher.publish("wire.add", TestServer.ANONYMOUS, "{\"x\":[1,2]}"));
            assertEquals("{\"event\":\"wire.add\",\"x\":[1,2]}", subscriber.readEventJson());
        }
    }

    @Test
    void malformedRequestGetsOneErrorLineThenClose() throws IOException {
        try (RawClient client = RawClient.connect()) {
            client.send("hello/world:|\n");
            assertEquals("-ERR unknown-verb: a request starts with subscribe/, unsubscribe/ or publish/\n",
                    client.readLine(RawClient.DEFAULT_WAIT));
            assertTrue(client.closedWithin(Duration.ofSeconds(1)));
        }
    }

    @Test
    void eventMemberNamingAnotherEventIsRefused() throws IOException {
        try (RawClient subscriber = RawClient.connect(); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", subscriber.subscribe("wire.victim", TestServer.ANONYMOUS));
            publisher.send(RawClient.publishBytes("wire.spoof", TestServer.ANONYMOUS, "{\"event\":\"wire.victim\"}"));
            assertTrue(publisher.readLine(RawClient.DEFAULT_WAIT).startsWith("-ERR event-name-mismatch: "));
            assertTrue(publisher.closedWithin(Duration.ofSeconds(1)));
            assertTrue(subscriber.silentFor(QUIET));
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
