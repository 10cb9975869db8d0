package org.eventlite.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eventlite.passwords.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code eventlite hash-password}: prints the hash to put in
 * {@code eventlite.user.<name>.password-hash}. The password is asked for on the
 * terminal (twice), or read as the first line of standard input when there is
 * no terminal; never taken as an argument, where it would show in process lists.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print a salted PBKDF2 hash of a password for eventlite.user.<name>.password-hash.")
final class HashPasswordCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        char[] password = read();
        try {
            if (password.length == 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the password is empty");
            }
            spec.commandLine().getOut().println(PasswordHash.create(password));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read() {
        Console console = System.console();
        if (console == null) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                return line == null ? new char[0] : line.toCharArray();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the password: " + e.getMessage());
            }
        }
        char[] first = console.readPassword("Password: ");
        char[] again = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, again)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the two passwords differ");
        }
        Arrays.fill(again, '\0');
        return first;
    }
}
