package dev.berth.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the command line in-process, as a test would run {@code berth ARGS} in a shell.
 *
 * @param code     the exit code
 * @param out      what went to standard output, as text
 * @param err      what went to standard error
 * @param outBytes what went to standard output, as bytes (for archives)
 */
public record CliRun(int code, String out, String err, byte[] outBytes) {

    public static CliRun run(Map<String, String> environment, String... args) {
        return run(new ByteArrayInputStream(new byte[0]), environment, args);
    }

    public static CliRun run(InputStream stdin, Map<String, String> environment, String... args) {
        return run(stdin, false, environment, args);
    }

    /** Runs as if standard input and output were a terminal (no real terminal is involved). */
    public static CliRun runOnTerminal(Map<String, String> environment, String... args) {
        return run(new ByteArrayInputStream(new byte[0]), true, environment, args);
    }

    private static CliRun run(InputStream stdin, boolean terminal, Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("BERTH_CONFIG", "");
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int code = Main.run(args, new Streams(stdin, o, e, terminal, terminal, false), new Environment(env));
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                    out.toByteArray());
        }
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
