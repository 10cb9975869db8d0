package org.eventlite.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Running out of file descriptors is transient: the listener keeps accepting once
 * descriptors are free again, and readiness says what happens meanwhile.
 */
class AcceptRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void theListenerAcceptsAgainOnceDescriptorsAreFree() throws Exception {
        ServerProcess server = ServerProcess.of("eventlite-it");
        long limit = server.openFilesLimit();
        List<Socket> sockets = new ArrayList<>();
        try {
            server.limitOpenFiles(server.openFileDescriptors() + 20);
            for (int i = 0; i < 60; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(TestServer.HOST, TestServer.PORT)); // the kernel's backlog takes it
                sockets.add(socket);
            }
            // Liberty's own HTTP endpoint cannot accept either now, so the log, not readiness, is asked.
            assertTrue(logSaysWithin("Too many open files; retrying", WAIT), "no failed accept was logged");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            server.limitOpenFiles(limit);
        }
        JsonObject ready = ServerHealth.awaitListenerData(data -> data.getString("phase").equals("listening"), WAIT);
        assertEquals("listening", ready.getString("phase"));
        try (RawClient client = RawClient.connect()) {
            assertEquals("ok", client.subscribe("accept.recovered", TestServer.ANONYMOUS));
        }
    }

    private static boolean logSaysWithin(String text, Duration wait) throws Exception {
        Path log = Path.of(System.getProperty("it.server.dir", "target/liberty/wlp/usr/servers/eventlite-it"),
                "logs", "messages.log");
        return Waits.until(wait, Duration.ofMillis(100), () -> Files.readString(log).contains(text), found -> found);
    }
}
