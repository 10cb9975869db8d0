package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Real Perl processes that speak as Event::Lite 0.005's clients do
 * (it/src/test/perl/event-lite-client.pl), against the real server.
 */
class PerlClientIT {

    @BeforeAll
    static void perlIsThere() {
        Tools.requireOnPath("perl", "the 2008 clients need Perl 5 (.ci/run installs it)");
    }

    private static final String SCRIPT = System.getProperty("perl.client", "src/test/perl/event-lite-client.pl");
    private static final int EVENTS = 100;
    private static final long DEADLINE_SECONDS = 30;

    @Test
    void perlPublisherReachesPerlSubscriberInOrder() throws Exception {
        Process subscriber = perl("subscribe", "perl.both", EVENTS);
        try (BufferedReader events = reader(subscriber)) {
            assertEquals("ok", events.readLine());

            Process publisher = perl("publish", "perl.both", EVENTS);
            List<String> replies = lines(publisher);
            assertTrue(publisher.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertEquals(Collections.nCopies(EVENTS, "ok"), replies);

            for (int i = 0; i < EVENTS; i++) {
                assertEquals("{\"event\":\"perl.both\",\"from\":\"perl\",\"seq\":" + i
                        + ",\"text\":\"a value long enough that the base64 wraps onto a second line of 76 columns\"}",
                        events.readLine());
            }
            assertTrue(subscriber.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertEquals(0, subscriber.exitValue());
        } finally {
            subscriber.destroyForcibly();
        }
    }

    @Test
    void rawJavaPublisherReachesPerlSubscriber() throws Exception {
        Process subscriber = perl("subscribe", "perl.fromjava", 3);
        try (BufferedReader events = reader(subscriber); RawClient publisher = RawClient.connect()) {
            assertEquals("ok", events.readLine());
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", publisher.publish("perl.fromjava", TestServer.ANONYMOUS, "{\"n\":" + i + "}"));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("{\"event\":\"perl.fromjava\",\"n\":" + i + "}", events.readLine());
            }
            assertTrue(subscriber.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
        } finally {
            subscriber.destroyForcibly();
        }
    }

    @Test
    void perlSubscriberWithWrongPasswordIsRefused() throws Exception {
        Process subscriber = new ProcessBuilder("perl", SCRIPT, TestServer.HOST, String.valueOf(TestServer.PORT),
                "subscribe", "a", "1", "alice", "wrong").redirectErrorStream(true).start();
        try (BufferedReader out = reader(subscriber)) {
            assertEquals("permission denied", out.readLine());
            assertTrue(subscriber.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertEquals(1, subscriber.exitValue());
        } finally {
            subscriber.destroyForcibly();
        }
    }

    /**
     * The 2008 subscriber reads "ok" and its first frame as one broken frame if they arrive
     * together; with events every 2 ms they would, unless the server sends ok alone. Ten such
     * subscribers join one after another while events flow, twenty times over.
     */
    @RepeatedTest(20)
    void perlSubscribersJoiningALiveStreamSurvive() throws Exception {
        int subscribers = 10;
        int eventsEach = 20;
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> publishEvery2Millis("perl.live", publishing), "perl-live-publisher");
        publisher.start();
        List<Process> joined = new ArrayList<>();
        try {
            for (int i = 0; i < subscribers; i++) {
                Process subscriber = perl("subscribe", "perl.live", eventsEach);
                joined.add(subscriber);
                BufferedReader out = reader(subscriber);
                assertEquals("ok", out.readLine(), "subscriber " + i);
            }
            for (int i = 0; i < subscribers; i++) {
                Process subscriber = joined.get(i);
                assertTrue(subscriber.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS), "subscriber " + i + " hangs");
                assertEquals(0, subscriber.exitValue(), "subscriber " + i + " died: "
                        + new String(subscriber.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            publishing.set(false);
            publisher.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
            joined.forEach(Process::destroyForcibly);
        }
    }

    /** One event every 2 ms, as in the report of the 2008 subscribers dying; the pace shapes the load. */
    private static void publishEvery2Millis(String event, AtomicBoolean publishing) {
        try (RawClient client = RawClient.connect()) {
            for (int seq = 0; publishing.get(); seq++) {
                if (!client.publish(event, TestServer.ANONYMOUS, "{\"seq\":" + seq + "}").equals("ok")) {
                    throw new IllegalStateException("publish " + seq + " refused");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Process perl(String mode, String event, int count) throws IOException {
        return new ProcessBuilder("perl", SCRIPT, TestServer.HOST, String.valueOf(TestServer.PORT),
                mode, event, String.valueOf(count)).redirectErrorStream(true).start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static List<String> lines(Process process) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = reader(process)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}
