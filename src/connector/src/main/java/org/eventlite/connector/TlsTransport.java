package org.eventlite.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.eventlite.protocol.ErrorCode;

/**
 * TLS over a non-blocking socket with an {@link SSLEngine}: records read from
 * the socket are unwrapped into protocol bytes, protocol bytes are wrapped into
 * records. The handshake runs inside {@link #read} (the client speaks first);
 * its delegated tasks run on the loop thread, a few milliseconds once per
 * connection.
 *
 * <p>A peer whose first byte is not a TLS handshake record is taken for a
 * plain-text client: what it sent is not handed out, the transport's
 * {@link #refusal} becomes {@code tls-required}, and from then on bytes pass
 * unencrypted, so that the refusal reaches it in words it reads.
 */
final class TlsTransport implements Transport {

    private static final byte HANDSHAKE_RECORD = 0x16;
    /** Content type, version and length come before every record's body. */
    private static final int RECORD_HEADER_BYTES = 5;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Records read and not yet unwrapped. */
    private ByteBuffer netIn;
    /** Records wrapped and not yet written; kept in read mode. */
    private ByteBuffer netOut;
    /** Protocol bytes unwrapped and not yet handed out; kept in read mode. */
    private ByteBuffer appIn;
    private boolean firstByteSeen;
    private boolean plainText;
    private ErrorCode refusal;
    private boolean inputEnded;

    TlsTransport(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    @Override
    public SocketChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        if (plainText) {
            return channel.read(into);
        }
        while (true) {
            if (appIn.hasRemaining()) {
                return handOut(into);
            }
            if (!flushBuffered()) {
                return 0;
            }
            SSLEngineResult.HandshakeStatus handshake = engine.getHandshakeStatus();
            if (handshake == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
                continue;
            }
            if (handshake == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(NOTHING);
                continue;
            }
            if (inputEnded && netIn.position() == 0) {
                return -1;
            }
            int n = netIn.hasRemaining() ? channel.read(netIn) : 0;
            if (n < 0) {
                inputEnded = true;
            }
            if (!firstByteSeen && netIn.position() > 0) {
                firstByteSeen = true;
                if (netIn.get(0) != HANDSHAKE_RECORD) {
                    plainText = true;
                    refusal = ErrorCode.TLS_REQUIRED;
                    return 0;
                }
            }
            if (!unwrap() && n <= 0) {
                return inputEnded ? -1 : 0;
            }
        }
    }

    /** @return whether the engine made progress */
    private boolean unwrap() throws SSLException {
        netIn.flip();
        appIn.compact();
        try {
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            switch (result.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = larger(appIn.flip(), engine.getSession().getApplicationBufferSize());
                case BUFFER_UNDERFLOW -> {
                    if (netIn.limit() == netIn.capacity()) {
                        // A record larger than the buffer: keep its first bytes, in read mode as netIn is here.
                        netIn = larger(netIn, engine.getSession().getPacketBufferSize()).flip();
                    }
                }
                case CLOSED -> inputEnded = true;
                default -> { }
            }
            return result.bytesConsumed() > 0 || result.bytesProduced() > 0
                    || result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW
                    || result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK
                    || result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
        } finally {
            netIn.compact();
            appIn.flip();
        }
    }

    private int handOut(ByteBuffer into) {
        int count = Math.min(into.remaining(), appIn.remaining());
        ByteBuffer slice = appIn.slice(appIn.position(), count);
        into.put(slice);
        appIn.position(appIn.position() + count);
        return count;
    }

    @Override
    public ErrorCode refusal() {
        return refusal;
    }

    /**
     * Decrypted bytes not yet handed out, or a whole record read ahead: one socket read can take
     * many small records, and the caller's reads per round end before they are all unwrapped.
     */
    @Override
    public boolean hasBufferedInput() {
        if (plainText) {
            return false;
        }
        if (appIn.hasRemaining()) {
            return true;
        }
        int held = netIn.position(); // netIn is kept in write mode between reads
        return held >= RECORD_HEADER_BYTES
                && held >= RECORD_HEADER_BYTES + ((netIn.get(3) & 0xFF) << 8 | (netIn.get(4) & 0xFF));
    }

    /** Records decrypted in one read may hold more than the caller's buffer took. */
    @Override
    public boolean shortReadDrains() {
        return false;
    }

    @Override
    public long write(ByteBuffer source) throws IOException {
        if (plainText) {
            return channel.write(source);
        }
        long taken = 0;
        while (flushBuffered()) {
            SSLEngineResult.HandshakeStatus handshake = engine.getHandshakeStatus();
            if (handshake == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            } else if (handshake == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrap(NOTHING);
            } else if (handshake == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                break; // the peer must speak first; read() goes on from here
            } else {
                long consumed = wrap(source);
                if (consumed == 0) {
                    break;
                }
                taken += consumed;
            }
        }
        return taken;
    }

    /** Wraps as much as one record takes into {@link #netOut}, which must be empty. */
    private long wrap(ByteBuffer source) throws SSLException {
        while (true) {
            netOut.clear();
            SSLEngineResult result = engine.wrap(source, netOut);
            netOut.flip();
            if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2,
                        engine.getSession().getPacketBufferSize())).flip();
                continue;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runDelegatedTasks();
            }
            return result.bytesConsumed();
        }
    }

    @Override
    public boolean hasBufferedOutput() {
        return netOut.hasRemaining();
    }

    @Override
    public boolean flushBuffered() throws IOException {
        while (netOut.hasRemaining()) {
            if (channel.write(netOut) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Sends close_notify (best effort: the socket may not take it now), then ends the TCP output. */
    @Override
    public void shutdownOutput() throws IOException {
        if (!plainText) {
            engine.closeOutbound();
            if (flushBuffered()) {
                wrap(NOTHING);
                flushBuffered();
            }
        }
        channel.shutdownOutput();
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** A bigger buffer holding {@code readable}'s remaining bytes, in write mode. */
    private static ByteBuffer larger(ByteBuffer readable, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(readable.capacity() * 2, atLeast));
        bigger.put(readable);
        return bigger;
    }
}
