package org.eventlite.cdi.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the cluster link works (docs/cluster.md); the password is not here, it is read when the
 * link connects and kept nowhere.
 *
 * @param enabled            whether events cross to other servers at all
 * @param node               this server's name, carried by every event it forwards
 * @param connectionFactory  JNDI name of the provider's connection factory
 * @param topic              JNDI name of the provider's topic
 * @param artemisUrl         an Artemis connection URL, used instead of the JNDI resources
 * @param artemisAddress     the Artemis address (a multicast topic) events cross on
 * @param user               the user the link signs in as
 * @param maxPendingEvents   events waiting for the link at most; past it they are delivered locally only
 * @param maxPendingBytes    bytes of those events at most
 * @param batchMaxEvents     events in one message at most
 * @param batchMaxBytes      bytes of events in one message at most; a larger event goes alone
 * @param batchLinger        how long a message waits for more events once it has one; zero sends what is queued
 * @param retryInterval      pause between reconnection attempts
 * @param readyWhileLinkDown whether this server stays ready, serving its own clients, while the link is down
 * @param engine             {@code host:port} of Liberty's engine, for a member of another server's engine
 */
public record ClusterSettings(boolean enabled, String node, String connectionFactory, String topic,
        Optional<String> artemisUrl, String artemisAddress, String user, int maxPendingEvents, long maxPendingBytes,
        int batchMaxEvents, int batchMaxBytes, Duration batchLinger, Duration retryInterval,
        boolean readyWhileLinkDown, Optional<String> engine) {

    public ClusterSettings {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(connectionFactory, "connectionFactory");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(artemisUrl, "artemisUrl");
        Objects.requireNonNull(artemisAddress, "artemisAddress");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(engine, "engine");
        engine.ifPresent(EngineProbe::address);
        requireAtLeastOne("maxPendingEvents", maxPendingEvents);
        requireAtLeastOne("maxPendingBytes", maxPendingBytes);
        requireAtLeastOne("batchMaxEvents", batchMaxEvents);
        requireAtLeastOne("batchMaxBytes", batchMaxBytes);
        if (batchLinger.isNegative()) {
            throw new IllegalArgumentException("batchLinger must not be negative, was " + batchLinger);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retryInterval must be positive, was " + retryInterval);
        }
        if (batchMaxEvents > maxPendingEvents) {
            throw new IllegalArgumentException("batchMaxEvents (" + batchMaxEvents
                    + ") must not be more than maxPendingEvents (" + maxPendingEvents + ")");
        }
    }

    private static void requireAtLeastOne(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
