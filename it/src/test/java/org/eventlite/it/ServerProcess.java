package org.eventlite.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test server's JVM as the operating system sees it: threads, open file
 * descriptors (/proc) and heap (jcmd, after a full collection).
 */
final class ServerProcess {

    /** The last line of a class histogram: "Total <instances> <bytes>". */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("Total\\s+\\d+\\s+(\\d+)");

    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The Liberty JVM running the named server. */
    static ServerProcess of(String serverName) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.contains(" " + serverName)
                        && !c.contains(serverName + "-")).orElse(false))
                .findFirst()
                .map(p -> new ServerProcess(p.pid()))
                .orElseThrow(() -> new AssertionError("no running Liberty server " + serverName));
    }

    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        throw new AssertionError("no thread count for " + pid);
    }

    long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return fds.count();
        }
    }

    /** Sets the server's soft limit of open files (prlimit), keeping its hard limit. */
    void limitOpenFiles(long soft) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("prlimit", "--pid", String.valueOf(pid), "--nofile=" + soft + ":")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("prlimit failed: " + out);
        }
    }

    /** The server's soft limit of open files. */
    long openFilesLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no open-files limit for " + pid);
    }

    /**
     * Bytes of live objects: a class histogram collects garbage first and
     * counts what is left, unlike "used", which also counts the collector's
     * partly filled regions.
     */
    long heapUsedAfterGc() throws IOException, InterruptedException {
        String histogram = jcmd("GC.class_histogram");
        Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
        if (!total.find()) {
            throw new AssertionError("cannot read the heap total from the class histogram");
        }
        return Long.parseLong(total.group(1));
    }

    /** The classes holding most heap, for a failure message. */
    String topOfHeapHistogram(int lines) throws IOException, InterruptedException {
        return jcmd("GC.class_histogram").lines().limit(lines + 3L).reduce("", (a, b) -> a + "\n" + b);
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
