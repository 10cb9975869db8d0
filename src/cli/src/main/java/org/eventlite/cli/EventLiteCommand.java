package org.eventlite.cli;

import org.eventlite.client.ConnectionLostException;
import org.eventlite.client.EventLiteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code eventlite}: publish and subscribe from a shell. */
@Command(name = "eventlite", mixinStandardHelpOptions = true, version = "eventlite 0.1",
        description = "Publish and subscribe to Event::Lite events.",
        subcommands = {SubscribeCommand.class, PublishCommand.class, HashPasswordCommand.class},
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
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: sub, pub or hash-password");
    }

    public static void main(String[] args) {
        System.exit(commandLine(new EventLiteCommand()).execute(args));
    }

    /**
     * {@code command} with this tool's conventions: enum values in any case, and a failure
     * reported in one line under the exit status {@link ExitCodes} gives it.
     */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandSpec().root().name() + ": "
                            + error.getMessage());
                    if (error instanceof ConnectionLostException) {
                        return ExitCodes.UNREACHABLE;
                    }
                    return error instanceof EventLiteException ? ExitCodes.REFUSED : ExitCodes.USAGE;
                });
    }
}
