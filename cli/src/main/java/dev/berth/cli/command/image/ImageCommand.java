package dev.berth.cli.command.image;

import dev.berth.cli.Streams;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code berth image}: the image commands, grouped as Docker groups them. */
@Command(name = "image", description = "Manage images")
public final class ImageCommand implements Runnable {

    @Spec
    CommandSpec spec;

    private final Streams streams;

    @Inject
    ImageCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public void run() {
        spec.commandLine().usage(streams.out());
    }
}
