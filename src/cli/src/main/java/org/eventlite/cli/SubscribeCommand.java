package org.eventlite.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.eventlite.client.EventLiteClient;
import org.eventlite.client.Subscription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eventlite sub EVENT...}: prints each event as one line of JSON. */
@Command(name = "sub", mixinStandardHelpOptions = true,
        description = "Subscribe to events and print each as one line of JSON on standard output.")
final class SubscribeCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-n", "--count"}, paramLabel = "N",
            description = "Exit after N events in all (default: run until interrupted).")
    Long count;

    @Option(names = {"-v", "--verbose"},
            description = "Say on standard error when each subscription is acknowledged (scripts wait for it).")
    boolean verbose;

    @Parameters(arity = "1..*", paramLabel = "EVENT", description = "Event names to subscribe to.")
    List<String> events;

    @Override
    public Integer call() throws InterruptedException {
        if (count != null && count < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong printed = new AtomicLong();
        List<Subscription> subscriptions = new ArrayList<>();
        try (EventLiteClient client = connection.client()) {
            for (String event : events) {
                subscriptions.add(client.addEventListener(event, data -> {
                    synchronized (out) {
                        if (count != null && printed.get() >= count) {
                            return;
                        }
                        out.println(data);
                        out.flush();
                        if (count != null && printed.incrementAndGet() >= count) {
                            done.countDown();
                        }
                    }
                }));
                if (verbose) {
                    spec.commandLine().getErr().println("eventlite: subscribed to " + event);
                    spec.commandLine().getErr().flush();
                }
            }
            done.await();
            return ExitCodes.OK;
        }
    }
}
