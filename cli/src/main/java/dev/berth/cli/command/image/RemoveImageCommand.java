package dev.berth.cli.command.image;

import dev.berth.cli.ExitCodes;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageRemover;
import dev.berth.core.model.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth rmi} and {@code berth image rm}. */
@Command(name = "rmi", description = "Remove one or more images")
public final class RemoveImageCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Force removal of the image")
    boolean force;

    @Option(names = "--no-prune", description = "Do not delete untagged parents")
    boolean noPrune;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "The images (names or IDs)")
    List<String> names;

    private final Streams streams;
    private final Provider<ImageRemover> remover;

    @Inject
    RemoveImageCommand(Streams streams, Provider<ImageRemover> remover) {
        this.streams = streams;
        this.remover = remover;
    }

    @Override
    public Integer call() {
        int code = ExitCodes.OK;
        for (String name : names) {
            try {
                ImageRemover.Outcome outcome = remover.get().remove(name, force, !noPrune);
                for (ImageReference untagged : outcome.untagged()) {
                    streams.out().println("Untagged: " + untagged.familiarString());
                }
                for (Digest deleted : outcome.deleted()) {
                    streams.out().println("Deleted: " + deleted);
                }
            } catch (BerthException e) {
                // Like docker: every image is tried, each failure reported, and the command fails at the end.
                streams.err().println("Error: " + e.getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        return code;
    }
}
