package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Failed attempts are throttled per remote address (eventlite.auth.max-failures=20
 * on the test server), and no password ever reaches a log.
 */
class AuthenticationHardeningIT {

    private static final int MAX_FAILURES = 20;
    /** Every password the tests use, right or wrong. */
    private static final List<String> TEST_PASSWORDS = List.of("alice-Secret-9", "bob-Secret-7", "alice-secret-9",
            "guess-number-", "wrong");

    @Test
    void addressIsThrottledAfterTooManyFailuresWhileOthersAreNot() throws Exception {
        try (RawClient attacker = RawClient.connectFrom("127.0.0.2")) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertEquals("permission denied", attacker.subscribe("a", "alice|guess-number-" + i));
            }
            assertEquals("permission denied", attacker.subscribe("a", TestServer.ALICE),
                    "even the right password is refused from a throttled address");
        }
        try (RawClient sameAddress = RawClient.connectFrom("127.0.0.2")) {
            assertEquals("permission denied", sameAddress.subscribe("a", TestServer.ALICE));
        }
        try (RawClient other = RawClient.connectFrom("127.0.0.3")) {
            assertEquals("ok", other.subscribe("a", TestServer.ALICE));
        }
    }

    @Test
    void noPasswordAppearsInAnyServerLog() throws IOException {
        try (RawClient client = RawClient.connect()) {
            assertEquals("permission denied", client.publish("a", TestServer.ALICE_WRONG_PASSWORD, "{}"));
            assertEquals("ok", client.publish("b", TestServer.ALICE, "{}"));
        }
        Path logs = Path.of(System.getProperty("server.log.dir", "target/liberty/wlp/usr/servers/eventlite-it/logs"));
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String password : TEST_PASSWORDS) {
                    assertTrue(!text.contains(password), file + " contains the password " + password);
                }
            }
        }
    }
}
