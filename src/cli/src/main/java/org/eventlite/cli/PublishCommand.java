package org.eventlite.cli;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.eventlite.client.EventLiteClient;
import org.eventlite.client.EventLiteException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code eventlite pub EVENT ...}: publishes from arguments, --json, or standard input. */
@Command(name = "pub", mixinStandardHelpOptions = true,
        description = {"Publish an event. Its data comes from key=value arguments (strings), key:=JSON arguments "
                + "(numbers, booleans, objects), --json, or else standard input: one JSON object per line, "
                + "each published as one event, pipelined."})
final class PublishCommand implements Callable<Integer> {

    /** Publishes sent from standard input and not yet answered, at most. */
    static final int MAX_UNANSWERED = 10_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-j", "--json"}, paramLabel = "OBJECT", description = "The event's data as one JSON object.")
    String json;

    @Parameters(index = "0", paramLabel = "EVENT", description = "Event name.")
    String event;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Data members: key=text or key:=json.")
    List<String> members = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (json != null && !members.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give --json or KEY=VALUE arguments, not both");
        }
        try (EventLiteClient client = connection.client()) {
            if (json != null) {
                client.dispatchEvent(event, parseObject(json, "--json"));
            } else if (!members.isEmpty()) {
                client.dispatchEvent(event, fromMembers());
            } else {
                publishLines(client);
            }
        }
        return ExitCodes.OK;
    }

    private JsonObject fromMembers() {
        JsonObjectBuilder data = Json.createObjectBuilder();
        for (String member : members) {
            int raw = member.indexOf(":=");
            int equals = member.indexOf('=');
            if (raw > 0 && raw < equals) {
                data.add(member.substring(0, raw), parseValue(member.substring(raw + 2), member));
            } else if (equals > 0) {
                data.add(member.substring(0, equals), member.substring(equals + 1));
            } else {
                throw new ParameterException(spec.commandLine(), "'" + member + "' is not key=value or key:=json");
            }
        }
        return data.build();
    }

    /**
     * Lines are sent as they come, without waiting for answers, at most {@link #MAX_UNANSWERED}
     * unanswered, so that an endless input ({@code tail -f}) holds bounded memory. Each refusal
     * is reported on standard error as it happens; the first decides the exit status.
     */
    private void publishLines(EventLiteClient client) throws IOException, InterruptedException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Semaphore unanswered = new Semaphore(MAX_UNANSWERED);
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonObject data = parseObject(line, "line " + number);
            unanswered.acquire();
            int lineNumber = number;
            client.publishAsync(event, data).whenComplete((ok, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    spec.commandLine().getErr().println("eventlite: line " + lineNumber + ": " + cause.getMessage());
                    firstFailure.compareAndSet(null, cause);
                }
                unanswered.release();
            });
        }
        unanswered.acquire(MAX_UNANSWERED);
        Throwable failure = firstFailure.get();
        if (failure instanceof EventLiteException refused) {
            throw refused;
        }
        if (failure != null) {
            throw new IllegalStateException(failure.getMessage(), failure);
        }
    }

    private JsonObject parseObject(String text, String where) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), where + " is not a JSON object: " + e.getMessage());
        }
    }

    private JsonValue parseValue(String text, String member) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new ParameterException(spec.commandLine(), "'" + member + "': the value is not JSON");
        }
    }
}
