package org.eventlite.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Turns the bytes of one connection into requests. Stateful and bounded: it
 * holds at most one request line and one event body, each under its limit.
 * Not thread-safe; one decoder per connection, fed by that connection's I/O
 * thread. It never touches a socket: the transport tells it about time.
 *
 * <p>How requests end, as the Perl clients force it:
 * <ul>
 * <li>A request line ends at LF (a CR before it is dropped). A line without
 *     LF ends when the transport calls {@link #lineGraceExpired} after the
 *     sender has been quiet for the grace period, but only if it already reads
 *     as a whole subscribe request ({@code subscribe/<event>:<user>|...}): the
 *     Perl subscriber sends exactly that and nothing after it, while every
 *     other client ends its lines. Any other unterminated line waits for its
 *     LF, so a pipelining client that TCP or a busy machine holds up for a
 *     moment is never cut mid-request. {@link #hasPartialLine()} tells the
 *     transport when to arm the timer.</li>
 * <li>A publish body, base64 with optional line breaks after one empty line,
 *     ends at an empty line, at a line that cannot be base64 (the next
 *     request), or in {@link #paused} when the sender has no more bytes ready
 *     and the lines so far decode to one complete JSON object. A partial line
 *     after such a body, whether the sender paused or went quiet for the grace
 *     period, is the start of the next request, never more body.</li>
 * </ul>
 * The access decision comes before the body: {@link RequestSink#publishBegins}
 * is asked when a publish line is complete, and a denied body is decoded only
 * to find its end, then dropped, so that it holds no memory. Bodies grow only
 * as a shared {@link MemoryBudget} allows. After the first error the decoder
 * decodes nothing more.
 */
public final class RequestDecoder {

    /** Where the decoder is in the request; a publish body has four states of its own. */
    private enum State {
        /** Reading a request line, or between requests. */
        REQUEST_LINE,
        /** After a publish line: the empty separator line or the first body line comes next. */
        BODY_EXPECTED,
        /** After the separator: the first body line comes next; a second empty line means no body. */
        BODY_AFTER_SEPARATOR,
        /** Body lines have ended; an empty line, or a line that is not base64 after a whole object, ends the body. */
        BODY_LINES,
        /**
         * A body line that cannot be the next request (longer than any request line, or begun
         * while the body cannot yet hold a whole object): its base64 goes straight to the body
         * until its LF.
         */
        LONG_BODY_LINE,
        /** An error was reported; nothing more is decoded. */
        FAILED;

        boolean inBody() {
            return this != REQUEST_LINE && this != FAILED;
        }
    }

    private final DecoderLimits limits;
    /** One line, terminator included: a CR may follow a line of the full length. */
    private final byte[] line;
    private int lineLength;

    private State state = State.REQUEST_LINE;

    private byte[] lastLine = new byte[0];
    private int lastLineLength;
    /** What {@link #lastLine} parsed to; null until a line parsed. */
    private RequestLine.Parsed lastParsed;

    private String publishEvent;
    private Credentials publishCredentials;
    private final Base64Stream base64 = new Base64Stream();
    private final BodyBuffer body;

    /** A decoder whose bodies draw on no shared budget, for clients and tools. */
    public RequestDecoder(DecoderLimits limits) {
        this(limits, MemoryBudget.unlimited());
    }

    /** @param bodies the heap that unfinished bodies of every connection share */
    public RequestDecoder(DecoderLimits limits, MemoryBudget bodies) {
        this.limits = limits;
        this.line = new byte[limits.maxRequestLineBytes() + 1];
        this.body = new BodyBuffer(limits.maxEventBytes(), bodies);
    }

    /** Decodes every byte remaining in {@code in}, or stops at the first error. */
    public void feed(ByteBuffer in, RequestSink sink) {
        int count = in.remaining();
        if (in.hasArray()) {
            feed(in.array(), in.arrayOffset() + in.position(), count, sink);
        } else {
            byte[] copy = new byte[count];
            in.duplicate().get(copy);
            feed(copy, 0, count, sink);
        }
        in.position(in.limit());
    }

    /**
     * Decodes {@code count} bytes from {@code offset}, or stops at the first error. Runs of
     * line or base64 bytes are taken in bulk; only the bytes that end or separate things
     * are looked at one by one.
     */
    public void feed(byte[] bytes, int offset, int count, RequestSink sink) {
        int at = offset;
        int end = offset + count;
        try {
            while (at < end && state != State.FAILED) {
                at = state == State.REQUEST_LINE ? requestLineBytes(bytes, at, end, sink) : bodyBytes(bytes, at, end, sink);
            }
        } catch (ProtocolException e) {
            fail(e, sink);
        }
    }

    /**
     * The sender has no more bytes ready: a body that holds a whole object is complete, and a
     * partial line after it begins the next request. Between requests the body's arrays are
     * given back, so an idle connection holds no more than a new one.
     */
    public void paused(RequestSink sink) {
        try {
            if (bodyCompleteBeforeLine()) {
                finishBodyKeepingLine(sink);
            }
        } catch (ProtocolException e) {
            fail(e, sink);
        }
        if (state == State.REQUEST_LINE) {
            body.release();
        }
    }

    /**
     * The sender stayed quiet for the grace period. An unterminated subscribe line is complete;
     * an unterminated last body line is the body's end. A line after a complete body is the next
     * request, which waits for its LF: pipelined requests are never split.
     */
    public void lineGraceExpired(RequestSink sink) {
        try {
            if (state == State.REQUEST_LINE && lineLength > 0) {
                if (looksLikeWholeSubscribe()) {
                    requestLineEnded(sink);
                }
            } else if (bodyCompleteBeforeLine()) {
                finishBodyKeepingLine(sink);
                if (looksLikeWholeSubscribe()) {
                    requestLineEnded(sink);
                }
            } else if (state.inBody() && (lineLength > 0 || state == State.LONG_BODY_LINE)) {
                bodyLineEnded(sink);
                paused(sink);
            }
        } catch (ProtocolException e) {
            fail(e, sink);
        }
    }

    /** The body lines ended so far hold a whole object: what follows is not body. */
    private boolean bodyCompleteBeforeLine() throws ProtocolException {
        return state == State.BODY_LINES && base64.aligned() && body.holdsCompleteObject();
    }

    /** Completes the body; the partial line, if any, stays as the start of the next request line. */
    private void finishBodyKeepingLine(RequestSink sink) throws ProtocolException {
        int pending = lineLength;
        finishBody(sink);
        lineLength = pending;
    }

    private static final byte[] SUBSCRIBE_PREFIX = "subscribe/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** {@code subscribe/}, then a {@code :} and after it a {@code |}: all a Perl subscriber's line has. */
    private boolean looksLikeWholeSubscribe() {
        if (lineLength < SUBSCRIBE_PREFIX.length
                || !java.util.Arrays.equals(line, 0, SUBSCRIBE_PREFIX.length, SUBSCRIBE_PREFIX, 0, SUBSCRIBE_PREFIX.length)) {
            return false;
        }
        boolean colonSeen = false;
        for (int i = SUBSCRIBE_PREFIX.length; i < lineLength; i++) {
            if (line[i] == ':') {
                colonSeen = true;
            } else if (line[i] == '|' && colonSeen) {
                return true;
            }
        }
        return false;
    }

    /** A line has begun that the grace period could end; the transport should arm the timer. */
    public boolean hasPartialLine() {
        return switch (state) {
            case REQUEST_LINE -> lineLength > 0 && looksLikeWholeSubscribe();
            case BODY_EXPECTED, BODY_AFTER_SEPARATOR, BODY_LINES -> lineLength > 0;
            case LONG_BODY_LINE -> true;
            case FAILED -> false;
        };
    }

    /** The connection has closed: what the body held goes back to the shared budget. */
    public void close() {
        body.reset();
        body.release();
    }

    /** Nothing is half-received: no partial line and no unfinished body. */
    public boolean betweenRequests() {
        return state == State.REQUEST_LINE && lineLength == 0;
    }

    public boolean failed() {
        return state == State.FAILED;
    }

    /** Takes request line bytes up to and including an LF; @return where the next byte is */
    private int requestLineBytes(byte[] bytes, int from, int end, RequestSink sink) throws ProtocolException {
        int at = from;
        while (at < end && bytes[at] != '\n') {
            at++;
        }
        int run = at - from;
        if (run > line.length - lineLength) {
            throw lineTooLong();
        }
        System.arraycopy(bytes, from, line, lineLength, run);
        lineLength += run;
        if (at == end) {
            return end;
        }
        requestLineEnded(sink);
        return at + 1;
    }

    private void requestLineByte(byte b, RequestSink sink) throws ProtocolException {
        if (b == '\n') {
            requestLineEnded(sink);
            return;
        }
        if (lineLength == line.length) {
            throw lineTooLong();
        }
        line[lineLength++] = b;
    }

    private ProtocolException lineTooLong() {
        return new ProtocolException(ErrorCode.LINE_TOO_LONG,
                "request line is longer than " + limits.maxRequestLineBytes() + " bytes");
    }

    private void requestLineEnded(RequestSink sink) throws ProtocolException {
        int length = withoutCarriageReturn();
        lineLength = 0;
        if (length == 0) {
            return;
        }
        if (length > limits.maxRequestLineBytes()) {
            throw lineTooLong();
        }
        RequestLine.Parsed parsed = parse(length);
        switch (parsed.verb()) {
            case SUBSCRIBE -> sink.request(new SubscribeRequest(parsed.event(), parsed.credentials()));
            case UNSUBSCRIBE -> sink.request(new UnsubscribeRequest(parsed.event(), parsed.credentials()));
            case PUBLISH -> startBody(parsed, sink);
            default -> throw new IllegalStateException(parsed.verb().name());
        }
    }

    /**
     * A publisher repeats one request line (the same event and credentials) for every publish,
     * so the last publish line parsed is remembered and a repeat costs one comparison. Only
     * publish lines: a subscriber's connection, often idle for hours, keeps no copy.
     */
    private RequestLine.Parsed parse(int length) throws ProtocolException {
        if (lastParsed != null && Arrays.equals(line, 0, length, lastLine, 0, lastLineLength)) {
            return lastParsed;
        }
        RequestLine.Parsed parsed = RequestLine.parse(line, length, limits);
        if (parsed.verb() == RequestLine.Verb.PUBLISH) {
            lastLine = Arrays.copyOf(line, length);
            lastLineLength = length;
            lastParsed = parsed;
        }
        return parsed;
    }

    private void startBody(RequestLine.Parsed parsed, RequestSink sink) {
        state = State.BODY_EXPECTED;
        publishEvent = parsed.event();
        publishCredentials = parsed.credentials();
        base64.reset();
        body.reset(!sink.publishBegins(publishEvent, publishCredentials));
    }

    /** Takes body bytes: a run of one line's characters, or one byte that ends something; @return where the next byte is */
    private int bodyBytes(byte[] bytes, int from, int end, RequestSink sink) throws ProtocolException {
        byte b = bytes[from];
        if (b == '\n') {
            bodyLineEnded(sink);
            return from + 1;
        }
        if (state == State.LONG_BODY_LINE) {
            return base64.decode(bytes, from, end, body);
        }
        if (!Base64Stream.isBase64Char(b) && b != '\r') {
            lineIsNextRequest(b, sink);
            return from + 1;
        }
        if (state == State.BODY_LINES && lineLength == 0 && body.certainlyIncomplete()) {
            // Only more body can follow: decoded where it lies, not copied into the line first
            // (MIME-style bodies, as Perl's, have a line every 76 characters).
            state = State.LONG_BODY_LINE;
            return base64.decode(bytes, from, end, body);
        }
        int at = from;
        int stop = Math.min(end, from + line.length - lineLength);
        while (at < stop && (Base64Stream.isBase64Char(bytes[at]) || bytes[at] == '\r')) {
            at++;
        }
        System.arraycopy(bytes, from, line, lineLength, at - from);
        lineLength += at - from;
        if (lineLength == line.length) {
            state = State.LONG_BODY_LINE;
            flushLineToBody();
        }
        return at;
    }

    /**
     * A byte no base64 line holds. After a whole object it starts the next
     * request (the Perl publisher pipelines nothing, but others may); before
     * one, the body itself is broken.
     */
    private void lineIsNextRequest(byte b, RequestSink sink) throws ProtocolException {
        if (state != State.BODY_LINES && lineLength == 0) {
            throw new ProtocolException(ErrorCode.MISSING_BODY);
        }
        if (state != State.BODY_LINES || !body.holdsCompleteObject()) {
            throw new ProtocolException(ErrorCode.INVALID_BASE64,
                    "the publish body holds byte 0x" + Integer.toHexString(b & 0xFF));
        }
        finishBodyKeepingLine(sink);
        requestLineByte(b, sink);
    }

    private void bodyLineEnded(RequestSink sink) throws ProtocolException {
        if (state == State.LONG_BODY_LINE) {
            state = State.BODY_LINES;
            return;
        }
        if (withoutCarriageReturn() == 0) {
            lineLength = 0;
            emptyBodyLine(sink);
            return;
        }
        flushLineToBody();
        state = State.BODY_LINES;
    }

    private void emptyBodyLine(RequestSink sink) throws ProtocolException {
        switch (state) {
            case BODY_LINES -> finishBody(sink);
            case BODY_EXPECTED -> state = State.BODY_AFTER_SEPARATOR;
            default -> throw new ProtocolException(ErrorCode.MISSING_BODY);
        }
    }

    private void flushLineToBody() throws ProtocolException {
        base64.decode(line, 0, lineLength, body);
        lineLength = 0;
    }

    private void finishBody(RequestSink sink) throws ProtocolException {
        base64.finish(body);
        if (body.isEmpty()) {
            throw new ProtocolException(ErrorCode.MISSING_BODY);
        }
        PublishRequest request = body.discarding()
                ? null
                : new PublishRequest(publishEvent, publishCredentials, body.toEventJson(publishEvent));
        state = State.REQUEST_LINE;
        lineLength = 0;
        body.reset();
        publishEvent = null;
        publishCredentials = null;
        if (request != null) {
            sink.request(request);
        }
    }

    private int withoutCarriageReturn() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return length;
    }

    private void fail(ProtocolException error, RequestSink sink) {
        state = State.FAILED;
        lineLength = 0;
        close();
        sink.error(error);
    }
}
