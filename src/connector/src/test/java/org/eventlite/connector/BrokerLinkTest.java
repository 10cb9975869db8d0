package org.eventlite.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.eventlite.api.EventRejectedException;
import org.eventlite.connector.api.Delivery;
import org.eventlite.connector.api.InServerBroker;
import org.eventlite.connector.api.Subscriber;
import org.eventlite.protocol.Credentials;
import org.junit.jupiter.api.Test;

class BrokerLinkTest {

    /** A broker that records what it is asked and refuses the pattern "denied". */
    private static final class RecordingBroker implements InServerBroker {
        final List<String> subscribed = new ArrayList<>();
        final List<Subscriber> unsubscribed = new ArrayList<>();

        @Override
        public int publish(Credentials credentials, String name, String json) {
            return 1;
        }

        @Override
        public void subscribe(Credentials credentials, List<String> patterns, Subscriber subscriber) {
            if (patterns.contains("denied")) {
                throw new EventRejectedException(EventRejectedException.Reason.DENIED, "denied");
            }
            subscribed.addAll(patterns);
        }

        @Override
        public void unsubscribe(Subscriber subscriber) {
            unsubscribed.add(subscriber);
        }
    }

    private static Subscriber subscriber(long id) {
        return new Subscriber() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public String location() {
                return "test subscriber " + id;
            }

            @Override
            public boolean deliver(Delivery delivery) {
                return true;
            }
        };
    }

    @Test
    void withoutABrokerPublishingIsUnavailableAndSubscriptionsWaitForOne() {
        BrokerLink link = new BrokerLink();
        EventRejectedException refused = assertThrows(EventRejectedException.class,
                () -> link.publish(Credentials.ANONYMOUS, "a", "{}"));
        assertEquals(EventRejectedException.Reason.UNAVAILABLE, refused.reason());

        link.subscribe(Credentials.ANONYMOUS, List.of("a.>", "b"), subscriber(1));
        RecordingBroker broker = new RecordingBroker();
        link.attach(broker);

        assertEquals(List.of("a.>", "b"), broker.subscribed);
        assertEquals(1, link.publish(Credentials.ANONYMOUS, "a", "{}"));
    }

    @Test
    void aRestartedBrokerGetsEverySubscriptionAgainAndAnUnsubscribedOneIsGone() {
        BrokerLink link = new BrokerLink();
        RecordingBroker first = new RecordingBroker();
        link.attach(first);
        Subscriber kept = subscriber(1);
        Subscriber dropped = subscriber(2);
        link.subscribe(Credentials.ANONYMOUS, List.of("kept"), kept);
        link.subscribe(Credentials.ANONYMOUS, List.of("dropped"), dropped);
        link.unsubscribe(dropped);
        assertEquals(List.of(dropped), first.unsubscribed);

        link.detach(first);
        assertThrows(EventRejectedException.class, () -> link.publish(Credentials.ANONYMOUS, "a", "{}"));
        RecordingBroker second = new RecordingBroker();
        link.attach(second);

        assertEquals(List.of("kept"), second.subscribed);
        assertEquals(1, link.subscriptions());
    }

    @Test
    void aRefusedSubscriptionIsNotKept() {
        BrokerLink link = new BrokerLink();
        link.attach(new RecordingBroker());

        assertThrows(EventRejectedException.class,
                () -> link.subscribe(Credentials.ANONYMOUS, List.of("denied"), subscriber(1)));

        assertEquals(0, link.subscriptions());
    }

    @Test
    void detachingAnOlderBrokerLeavesTheCurrentOne() {
        BrokerLink link = new BrokerLink();
        RecordingBroker old = new RecordingBroker();
        link.attach(old);
        link.attach(new RecordingBroker());

        link.detach(old);

        assertEquals(1, link.publish(Credentials.ANONYMOUS, "a", "{}"));
    }
}
