package org.eventlite.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The subscriber side of the load generator: a few threads, each a selector
 * over its share of the subscriber connections, as event-loop load generators
 * (redis-benchmark, nats bench) do. A thread per connection would make every
 * event wake ten (or a hundred) threads on the generator's share of two cores.
 */
final class BenchReaders {

    private final List<Selector> selectors = new ArrayList<>();
    private final int readBufferBytes;
    private int next;

    BenchReaders(int threads, int readBufferBytes) throws IOException {
        this.readBufferBytes = readBufferBytes;
        for (int i = 0; i < threads; i++) {
            selectors.add(Selector.open());
        }
    }

    /** A subscribed connection, switched to non-blocking and read from now on. */
    void add(SocketChannel channel, BenchSubscriber subscriber) throws IOException {
        channel.configureBlocking(false);
        channel.register(selectors.get(next), SelectionKey.OP_READ, subscriber);
        next = (next + 1) % selectors.size();
    }

    void start() {
        for (int i = 0; i < selectors.size(); i++) {
            Selector selector = selectors.get(i);
            Thread reader = new Thread(() -> read(selector, readBufferBytes), "bench-readers-" + i);
            reader.setDaemon(true);
            reader.start();
        }
    }

    /**
     * Ready keys go to an action rather than through the selected-key set, whose hash-set entries
     * and iterators were most of what the generator allocated per event: the collections they
     * caused paused the readers for several milliseconds inside timed runs.
     */
    private static void read(Selector selector, int readBufferBytes) {
        ByteBuffer buffer = ByteBuffer.allocate(readBufferBytes);
        int[] open = {selector.keys().size()};
        Consumer<SelectionKey> readable = key -> {
            if (!readable(key, buffer)) {
                open[0]--;
            }
        };
        // Counted, not read from keys(): a cancelled key stays there until the next select, which
        // would then wait forever in epoll, and the JVM's exit waits 300 ms for such threads.
        try (selector) {
            while (open[0] > 0) {
                selector.select(readable);
            }
        } catch (IOException e) {
            for (SelectionKey key : selector.keys()) {
                ((BenchSubscriber) key.attachment()).ended("reader failed: " + e.getMessage());
            }
        }
    }

    /**
     * Reads until a read leaves the socket empty (one that fills less than the buffer does); a
     * finished or closed subscriber leaves the selector.
     * @return false once the subscriber has left
     */
    private static boolean readable(SelectionKey key, ByteBuffer buffer) {
        BenchSubscriber subscriber = (BenchSubscriber) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            int n;
            while ((n = channel.read(buffer.clear())) > 0) {
                if (subscriber.feed(buffer.array(), n)) {
                    key.cancel();
                    return false;
                }
                if (n < buffer.capacity()) {
                    return true;
                }
            }
            if (n < 0) {
                subscriber.ended("the server closed the connection");
                key.cancel();
                return false;
            }
            return true;
        } catch (IOException e) {
            subscriber.ended(e.getMessage());
            key.cancel();
            return false;
        }
    }
}
