package dev.berth.cli.command;

import dev.berth.cli.GlobalOptions;
import dev.berth.cli.Streams;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth}: with no command, prints the help, as {@code docker} does. */
@Command(name = "berth", description = "A container engine for Linux, driven like docker")
public final class BerthCommand implements Runnable {

    @Mixin
    final GlobalOptions global;

    @Spec
    CommandSpec spec;

    private final Streams streams;

    @Inject
    BerthCommand(GlobalOptions global, Streams streams) {
        this.global = global;
        this.streams = streams;
    }

    @Override
    public void run() {
        spec.commandLine().usage(streams.out());
    }
}
