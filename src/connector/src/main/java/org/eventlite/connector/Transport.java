package org.eventlite.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.eventlite.protocol.ErrorCode;

/**
 * The bytes of one connection as the protocol sees them: plain, or decrypted
 * and encrypted by TLS. Non-blocking, used by the connection's loop thread only.
 */
interface Transport {

    /** @return protocol bytes read into {@code into}; 0 if none are ready; -1 at the end of input */
    int read(ByteBuffer into) throws IOException;

    /**
     * Whether a read that filled less than its buffer left nothing to read: then the loop
     * waits for the selector instead of paying one more system call to learn the socket is empty.
     */
    boolean shortReadDrains();

    /**
     * Whether input has left the socket but not yet been handed out (TLS records read ahead):
     * the selector will not report it, so the loop reads again by itself.
     */
    default boolean hasBufferedInput() {
        return false;
    }

    /**
     * The wire error the peer is to be answered with and closed, because what it sends is not
     * this transport's (plain text on the TLS port); null while there is none. A read that
     * finds one returns 0.
     */
    default ErrorCode refusal() {
        return null;
    }

    /** @return protocol bytes taken from {@code source}; 0 if the socket takes none now */
    long write(ByteBuffer source) throws IOException;

    /** Bytes accepted by {@link #write} but not yet on the socket (TLS records); the loop waits for writability. */
    boolean hasBufferedOutput();

    /** Writes what is buffered; @return true if nothing is left */
    boolean flushBuffered() throws IOException;

    /** Ends the output after what was written, so the peer reads the last reply and then the end. */
    void shutdownOutput() throws IOException;

    SocketChannel channel();

    /** Plain TCP: the protocol's bytes are the socket's. */
    static Transport plain(SocketChannel channel) {
        return new Transport() {
            @Override
            public int read(ByteBuffer into) throws IOException {
                return channel.read(into);
            }

            @Override
            public boolean shortReadDrains() {
                return true;
            }

            @Override
            public long write(ByteBuffer source) throws IOException {
                return channel.write(source);
            }

            @Override
            public boolean hasBufferedOutput() {
                return false;
            }

            @Override
            public boolean flushBuffered() {
                return true;
            }

            @Override
            public void shutdownOutput() throws IOException {
                channel.shutdownOutput();
            }

            @Override
            public SocketChannel channel() {
                return channel;
            }
        };
    }
}
