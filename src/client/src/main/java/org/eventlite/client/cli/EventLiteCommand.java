package org.eventlite.client.cli;

import org.eventlite.client.ConnectionLostException;
import org.eventlite.client.EventLiteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eventlite}: publish and subscribe from a shell. */
@Command(name = "eventlite", mixinStandardHelpOptions = true, version = "eventlite 0.1",
        description = "Publish and subscribe to Event::Lite events.",
        subcommands = {SubscribeCommand.class, PublishCommand.class, SoakCommand.class, BenchCommand.class,
            HashPasswordCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done",
            "1:permission denied, or the server refused a request",
            "2:bad arguments or input",
            "3:server unreachable or connection lost"})
public final class EventLiteCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: sub, pub, bench, soak or hash-password");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    static CommandLine commandLine() {
        return new CommandLine(new EventLiteCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    commandLine.getErr().println("eventlite: " + error.getMessage());
                    if (error instanceof ConnectionLostException) {
                        return ExitCodes.UNREACHABLE;
                    }
                    return error instanceof EventLiteException ? ExitCodes.REFUSED : ExitCodes.USAGE;
                });
    }
}
