package org.eventlite.cli;

/** What the command-line tool's exit status means, for shell scripts. */
public final class ExitCodes {

    /** Everything done. */
    public static final int OK = 0;
    /** The server said {@code permission denied} or refused a request with an error reply. */
    public static final int REFUSED = 1;
    /** Bad arguments or input (picocli's own usage errors are 2 as well). */
    public static final int USAGE = 2;
    /** The server could not be reached, or the connection was lost. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
