package dev.berth.cli.command.image;

import dev.berth.cli.ProgressBars;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.image.ImageLoader;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.LoadedImage;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth load}: images from a {@code docker save}, {@code berth save} or OCI archive. */
@Command(name = "load", description = "Load an image from a tar archive or STDIN")
public final class LoadCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from tar archive file, instead of STDIN")
    Path input;

    @Option(names = {"-q", "--quiet"}, description = "Suppress the load progress")
    boolean quiet;

    private final Streams streams;
    private final Provider<ImageLoader> loader;

    @Inject
    LoadCommand(Streams streams, Provider<ImageLoader> loader) {
        this.streams = streams;
        this.loader = loader;
    }

    @Override
    public Integer call() throws BerthException {
        if (input == null && streams.inIsTerminal()) {
            throw new InvalidInputException("requested load from stdin, but stdin is empty");
        }
        Progress progress = quiet ? Progress.NONE : ProgressBars.on(streams.out(), streams.outIsTerminal());
        List<LoadedImage> loaded = input != null ? loader.get().load(input, progress)
                : loader.get().load(streams.in(), progress);
        for (LoadedImage image : loaded) {
            for (LoadedImage.Renamed renamed : image.renamed()) {
                streams.out().println("The image " + renamed.name().familiarString() + " already exists, renaming the "
                        + "old one with ID " + renamed.previous() + " to empty string");
            }
            if (image.names().isEmpty()) {
                streams.out().println("Loaded image ID: " + image.id());
            }
            for (ImageReference name : image.names()) {
                streams.out().println("Loaded image: " + name.familiarString());
            }
        }
        return 0;
    }
}
