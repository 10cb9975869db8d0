package org.eventlite.tools;

import org.eventlite.cli.EventLiteCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code eventlite-tools}: the load generator and the soak test, kept out of the shipped
 * {@code eventlite} tool because they exist to measure and to stress a server.
 */
@Command(name = "eventlite-tools", mixinStandardHelpOptions = true, version = "eventlite-tools 0.1",
        description = "Measure and stress an EventLite (or Redis) server.",
        subcommands = {BenchCommand.class, SoakCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:done, every event checked",
            "1:events lost, refused or out of order",
            "2:bad arguments",
            "3:server unreachable or connection lost"})
public final class ToolsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: bench or soak");
    }

    public static void main(String[] args) {
        System.exit(EventLiteCommand.commandLine(new ToolsCommand()).execute(args));
    }
}
