package org.eventlite.cli;

import java.io.Console;
import org.eventlite.client.EventLiteClient;
import org.eventlite.client.ServerAddress;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where and as whom to connect, a picocli mixin of every command that connects (the
 * tools' load generator too). The password is never an argument (it would show in the
 * process list and shell history): it comes from an environment variable, or from a
 * prompt when a terminal is attached.
 */
public final class ConnectionOptions {

    static final String DEFAULT_PASSWORD_ENV = "EVENTLITE_PASSWORD";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-s", "--server"}, paramLabel = "HOST:PORT", defaultValue = "${env:EVENTLITE_SERVER:-127.0.0.1:34343}",
            description = "Server address (default: EVENTLITE_SERVER, else 127.0.0.1:34343).")
    String server;

    @Option(names = {"-u", "--user"}, paramLabel = "NAME", defaultValue = "${env:EVENTLITE_USER}",
            description = "User name (default: EVENTLITE_USER); anonymous when neither is given.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", defaultValue = DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}); "
                    + "without it, the password is asked for on the terminal.")
    String passwordEnv;

    @Option(names = "--tls", description = "Connect with TLS (to the server's eventlite.tls.port).")
    boolean tls;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "PKCS#12 trust store holding the server's certificate or its issuer; implies --tls."
                    + " Without it, the Java runtime's certificate authorities are trusted.")
    java.nio.file.Path truststore;

    @Option(names = "--truststore-password-env", paramLabel = "VAR", defaultValue = "EVENTLITE_TRUSTSTORE_PASSWORD",
            description = "Environment variable holding the trust store's password (default: ${DEFAULT-VALUE}).")
    String truststorePasswordEnv;

    /** The server's address, for raw connections. */
    public java.net.InetSocketAddress address() {
        try {
            return ServerAddress.parse(server).socketAddress();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
        }
    }

    public EventLiteClient client() {
        EventLiteClient.Builder builder = EventLiteClient.builder();
        try {
            builder.server(server);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--server: " + e.getMessage());
        }
        if (user != null) {
            builder.credentials(user, password());
        }
        if (truststore != null) {
            String password = System.getenv(truststorePasswordEnv);
            try {
                builder.tls(truststore, password == null ? new char[0] : password.toCharArray());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--truststore: " + e.getMessage());
            }
        } else if (tls) {
            builder.tls();
        }
        return builder.build();
    }

    private String password() {
        String fromEnvironment = System.getenv(passwordEnv);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new ParameterException(spec.commandLine(),
                    "--user " + user + " needs a password: set " + passwordEnv + " or run in a terminal");
        }
        char[] typed = console.readPassword("Password for %s: ", user);
        return typed == null ? "" : new String(typed);
    }
}
