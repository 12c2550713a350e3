package dev.berth.cli.command.image;

import dev.berth.cli.Confirmation;
import dev.berth.cli.Streams;
import dev.berth.cli.command.PruneReport;
import dev.berth.core.BerthException;
import dev.berth.core.image.ImageRemover;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth image prune}: removes unused images. */
@Command(name = "prune", description = "Remove unused images")
public final class ImagePruneCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    private final Streams streams;
    private final Provider<ImageRemover> remover;

    @Inject
    ImagePruneCommand(Streams streams, Provider<ImageRemover> remover) {
        this.streams = streams;
        this.remover = remover;
    }

    @Override
    public Integer call() throws BerthException {
        String warning = all ? "WARNING! This will remove all images without at least one container associated to them."
                : "WARNING! This will remove all dangling images.";
        if (!force && !Confirmation.ask(streams, warning)) {
            return 0;
        }
        ImageRemover.Outcome outcome = remover.get().prune(all);
        PruneReport.images(streams.out(), outcome);
        PruneReport.reclaimed(streams.out(), outcome.reclaimed());
        return 0;
    }
}
