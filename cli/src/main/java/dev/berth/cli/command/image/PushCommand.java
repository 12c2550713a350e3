package dev.berth.cli.command.image;

import dev.berth.cli.StatusLines;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.image.ImageReference;
import dev.berth.core.registry.ImagePusher;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth push}: an image to a registry, with Docker's output. */
@Command(name = "push", description = "Upload an image to a registry")
public final class PushCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Parameters(paramLabel = "NAME[:TAG]", description = "The image")
    String name;

    private final Streams streams;
    private final Provider<ImagePusher> pusher;

    @Inject
    PushCommand(Streams streams, Provider<ImagePusher> pusher) {
        this.streams = streams;
        this.pusher = pusher;
    }

    @Override
    public Integer call() throws BerthException {
        ImageReference parsed = ImageReference.parse(name);
        if (parsed.digest().isPresent()) {
            throw new InvalidInputException("cannot push a digest reference");
        }
        ImageReference reference = parsed.withDefaultTag();
        if (!quiet) {
            if (parsed.tag().isEmpty()) {
                streams.out().println("Using default tag: " + ImageReference.DEFAULT_TAG);
            }
            streams.out().println("The push refers to repository [" + reference.fullName() + "]");
            streams.out().flush();
        }
        Progress progress = quiet ? Progress.NONE : StatusLines.on(streams.out(), streams.outIsTerminal());
        ImagePusher.Result result = pusher.get().push(reference, progress);
        if (quiet) {
            streams.out().println(reference);
        } else {
            streams.out().println(reference.tag().orElseThrow() + ": digest: " + result.digest() + " size: "
                    + result.size());
        }
        return 0;
    }
}
