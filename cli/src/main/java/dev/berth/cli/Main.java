package dev.berth.cli;

import dev.berth.cli.inject.CliComponent;
import dev.berth.cli.inject.DaggerCliComponent;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The {@code berth} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Streams streams = Streams.system();
        int code = run(args, streams, Environment.system());
        streams.out().flush();
        streams.err().flush();
        // Halt rather than exit: berth registers no shutdown hooks, and System.exit would first run the JDK's
        // own (the logging manager's reset, which JNA's logger brings in); halting ends a command some 5 ms
        // sooner. The JVM still writes a start-up cache it was asked for as it halts.
        Runtime.getRuntime().halt(code);
    }

    /** Runs the command line once and returns its exit code; used in-process by tests. */
    public static int run(String[] args, Streams streams, Environment environment) {
        CliComponent component = DaggerCliComponent.builder().streams(streams).environment(environment).build();
        CommandLine commandLine = CommandTree.build(args, component.commandFactory());
        commandLine.setOut(new PrintWriter(streams.out(), true));
        commandLine.setErr(new PrintWriter(streams.err(), true));
        HelpLayout.apply(commandLine);
        Failures failures = new Failures(streams.err(), component.globalOptions());
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExecutionExceptionHandler(failures);
        try {
            return commandLine.execute(args);
        } finally {
            component.openResources().closeAll();
        }
    }
}
