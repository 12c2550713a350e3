package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth container}: the container commands, grouped as Docker groups them. */
@Command(name = "container", description = "Manage containers")
public final class ContainerCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Streams streams;

    @Inject
    ContainerCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        spec.commandLine().usage(streams.out());
    }
}
