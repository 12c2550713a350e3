package dev.berth.cli.command.image;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.Platform;
import dev.berth.core.registry.ImagePuller;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull}: an image from a registry, with Docker's output. */
@Command(name = "pull", description = "Download an image from a registry")
public final class PullCommand implements Callable<Integer> {

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "Set platform if server is multi-platform capable")
    String platform;

    @Parameters(paramLabel = "NAME[:TAG|@DIGEST]", description = "The image")
    String name;

    private final Streams streams;
    private final Provider<ImagePuller> puller;

    @Inject
    PullCommand(Streams streams, Provider<ImagePuller> puller) {
        this.streams = streams;
        this.puller = puller;
    }

    @Override
    public Integer call() throws BerthException {
        ImageReference parsed = ImageReference.parse(name);
        Optional<Platform> requested = platform == null ? Optional.empty() : Optional.of(Platform.parse(platform));
        if (!quiet && parsed.tag().isEmpty() && parsed.digest().isEmpty()) {
            streams.out().println("Using default tag: " + ImageReference.DEFAULT_TAG);
        }
        ImageReference reference = PullReport.target(parsed);
        new PullReport(streams.out(), streams.outIsTerminal()).pull(puller.get(), reference, requested, quiet);
        streams.out().println(reference);
        return 0;
    }
}
