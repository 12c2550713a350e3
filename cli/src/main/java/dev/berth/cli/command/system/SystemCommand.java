package dev.berth.cli.command.system;

import dev.berth.cli.Streams;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth system}: information about the engine as a whole. */
@Command(name = "system", description = "Manage berth")
public final class SystemCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Streams streams;

    @Inject
    SystemCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        spec.commandLine().usage(streams.out());
    }
}
