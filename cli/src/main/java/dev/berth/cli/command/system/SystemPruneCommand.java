package dev.berth.cli.command.system;

import dev.berth.cli.Confirmation;
import dev.berth.cli.Streams;
import dev.berth.cli.command.PruneReport;
import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.image.ImageRemover;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth system prune}: the stopped containers, then the images nothing uses any more (dangling ones, or
 * with {@code -a} every image without a container), in that order, so that images freed by the containers'
 * removal go too. berth has no networks or build cache, the other things Docker's prune removes.
 */
@Command(name = "prune", description = "Remove unused data")
public final class SystemPruneCommand implements Callable<Integer> {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ImageRemover> remover;

    @Inject
    SystemPruneCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ImageRemover> remover) {
        this.streams = streams;
        this.engine = engine;
        this.remover = remover;
    }

    @Override
    public Integer call() throws BerthException {
        String warning = "WARNING! This will remove:\n  - all stopped containers\n"
                + (all ? "  - all images without at least one container associated to them\n"
                        : "  - all dangling images\n");
        if (!force && !Confirmation.ask(streams, warning)) {
            return 0;
        }
        ContainerEngine.Pruned containers = engine.get().prune();
        ImageRemover.Outcome images = remover.get().prune(all);
        PruneReport.containers(streams.out(), containers.removed());
        PruneReport.images(streams.out(), images);
        PruneReport.reclaimed(streams.out(), containers.reclaimed() + images.reclaimed());
        return 0;
    }
}
