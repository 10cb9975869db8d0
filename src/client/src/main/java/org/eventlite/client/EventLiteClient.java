package org.eventlite.client;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eventlite.protocol.Credentials;
import org.eventlite.protocol.DecoderLimits;
import org.eventlite.protocol.RequestEncoder;

/**
 * A client of an Event::Lite server (ours or the 2008 original).
 *
 * <pre>{@code
 * try (EventLiteClient client = EventLiteClient.builder().server("127.0.0.1:34343").build()) {
 *     Subscription prices = client.addEventListener("price", event -> System.out.println(event));
 *     client.dispatchEvent("price", Map.of("value", 42));
 * }
 * }</pre>
 *
 * <p>Threading: publishes share one connection and may be called from any
 * thread; many may be in flight ({@link #publishAsync}). Each subscription has
 * its own connection and its own thread, which runs its callback: callbacks of
 * one subscription run one at a time, in order, and a slow callback delays no
 * other subscription. A lost subscriber connection is re-established with
 * exponential backoff and jitter, and subscribed again; events published
 * meanwhile are not replayed (at most once).
 */
public final class EventLiteClient implements AutoCloseable {

    private final ClientSettings settings;
    private final List<SubscriberConnection> subscriptions = new CopyOnWriteArrayList<>();
    private final Object publisherLock = new Object();
    private PublisherConnection publisher;
    private volatile Jsonb jsonb;
    private volatile boolean closed;

    private EventLiteClient(ClientSettings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Subscribes to {@code event} and returns once the server has answered {@code ok}.
     *
     * @throws PermissionDeniedException if the server refuses
     * @throws ConnectionLostException   if the server cannot be reached
     */
    public Subscription addEventListener(String event, Consumer<JsonObject> callback) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(callback, "callback");
        checkOpen();
        SubscriberConnection subscription = new SubscriberConnection(event, callback, settings);
        await(subscription.start(), event);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Publishes and waits for the server's answer. */
    public void dispatchEvent(String event, Map<String, ?> data) {
        await(publishAsync(event, data), event);
    }

    /** Publishes and waits for the server's answer. */
    public void dispatchEvent(String event, JsonObject data) {
        await(publishAsync(event, data), event);
    }

    /** Publishes an object serialized by JSON-B, and waits for the server's answer. */
    public void dispatchEvent(String event, Object data) {
        await(publishAsync(event, toJson(data)), event);
    }

    @SuppressWarnings("unchecked")
    public CompletableFuture<Void> publishAsync(String event, Map<String, ?> data) {
        Objects.requireNonNull(data, "data");
        return publishAsync(event, Json.createObjectBuilder((Map<String, Object>) data).build());
    }

    /**
     * Publishes without waiting. The future completes when the server answers
     * {@code ok}, or fails with {@link PermissionDeniedException},
     * {@link ServerErrorException} or {@link ConnectionLostException}; also
     * after the reply timeout. Publishes on one client reach subscribers in
     * the order of these calls.
     */
    public CompletableFuture<Void> publishAsync(String event, JsonObject data) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        checkOpen();
        byte[] request = RequestEncoder.publish(event, settings.credentials(), data.toString().getBytes(StandardCharsets.UTF_8));
        PublisherConnection connection;
        try {
            connection = publisher();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ConnectionLostException(
                    "cannot reach " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e));
        }
        return connection.publish(event, request)
                .orTimeout(settings.replyTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The shared publisher connection, opened again if the last one was lost. */
    private PublisherConnection publisher() throws IOException {
        synchronized (publisherLock) {
            if (publisher == null || !publisher.isOpen()) {
                publisher = PublisherConnection.open(settings);
            }
            return publisher;
        }
    }

    private JsonObject toJson(Object data) {
        Objects.requireNonNull(data, "data");
        if (jsonb == null) {
            jsonb = JsonbBuilder.create();
        }
        String text = jsonb.toJson(data);
        return Json.createReader(new java.io.StringReader(text)).readObject();
    }

    private void await(CompletableFuture<Void> reply, String event) {
        try {
            reply.get(settings.replyTimeout().toMillis() + settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EventLiteException failure) {
                throw failure;
            }
            if (e.getCause() instanceof TimeoutException) {
                throw new ConnectionLostException("no answer for '" + event + "' within " + settings.replyTimeout(), e);
            }
            throw new EventLiteException("request for '" + event + "' failed", e.getCause());
        } catch (TimeoutException e) {
            throw new ConnectionLostException("no answer for '" + event + "' within " + settings.replyTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventLiteException("interrupted while waiting for '" + event + "'", e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this EventLiteClient is closed");
        }
    }

    /** Closes every subscription and the publisher connection; pending publishes fail. */
    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(SubscriberConnection::close);
        synchronized (publisherLock) {
            if (publisher != null) {
                publisher.close();
            }
        }
        if (jsonb != null) {
            try {
                jsonb.close();
            } catch (Exception ignored) {
                // nothing held that outlives the client
            }
        }
    }

    /** Options of a client; every one has a default. */
    public static final class Builder {

        public static final String DEFAULT_SERVER = "127.0.0.1:34343";
        public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);

        private String host = "127.0.0.1";
        private int port = 34343;
        private Credentials credentials = Credentials.ANONYMOUS;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration replyTimeout = DEFAULT_REPLY_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private int maxEventBytes = DecoderLimits.DEFAULT_MAX_EVENT_BYTES;
        private Optional<SSLContext> tls = Optional.empty();
        private ConnectionListener listener = ConnectionListener.NONE;

        private Builder() {
        }

        /** Hears lost and regained connections, refused subscriptions and skipped events. */
        public Builder connectionListener(ConnectionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Connects with TLS (to the server's {@code eventlite.tls.port}), trusting the
         * certificates {@code context} trusts; the certificate must name the server's host.
         */
        public Builder tls(SSLContext context) {
            this.tls = Optional.of(Objects.requireNonNull(context, "context"));
            return this;
        }

        /** TLS trusting the Java runtime's certificate authorities. */
        public Builder tls() {
            try {
                return tls(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this Java runtime has no default TLS context", e);
            }
        }

        /** TLS trusting the certificates in a PKCS#12 (or JKS) trust store, such as a test certificate's. */
        public Builder tls(Path trustStore, char[] password) {
            try (InputStream in = Files.newInputStream(trustStore)) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(in, password);
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                return tls(context);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot use trust store " + trustStore + ": " + e.getMessage(), e);
            }
        }

        /** {@code host:port}, {@code host} (port 34343), or an IPv6 address in brackets: {@code [::1]:34343}. */
        public Builder server(String hostAndPort) {
            ServerAddress address = ServerAddress.parse(hostAndPort);
            this.host = address.host();
            this.port = address.port();
            return this;
        }

        public Builder credentials(String username, String password) {
            this.credentials = new Credentials(username, password);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long a publish or subscribe waits for the server's answer. */
        public Builder replyTimeout(Duration timeout) {
            this.replyTimeout = positive("replyTimeout", timeout);
            return this;
        }

        /** Reconnect delays of subscriptions: from {@code initial}, doubling to {@code max}, with jitter. */
        public Builder reconnectBackoff(Duration initial, Duration max) {
            this.initialBackoff = positive("initial backoff", initial);
            this.maxBackoff = positive("max backoff", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff " + max + " is below the initial " + initial);
            }
            return this;
        }

        /** The largest event accepted from the server; match the server's {@code eventlite.max-event-bytes}. */
        public Builder maxEventBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxEventBytes must be positive, was " + bytes);
            }
            this.maxEventBytes = bytes;
            return this;
        }

        /** Creates the client; connections open on first use. */
        public EventLiteClient build() {
            return new EventLiteClient(new ClientSettings(host, port, credentials, connectTimeout, replyTimeout,
                    initialBackoff, maxBackoff, maxEventBytes, tls, listener));
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
