package dev.berth.cli.command.container;

import dev.berth.cli.Confirmation;
import dev.berth.cli.Streams;
import dev.berth.cli.command.PruneReport;
import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth container prune}: removes every stopped container. */
@Command(name = "prune", description = "Remove all stopped containers")
public final class ContainerPruneCommand implements Callable<Integer> {

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    ContainerPruneCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() throws BerthException {
        if (!force && !Confirmation.ask(streams, "WARNING! This will remove all stopped containers.")) {
            return 0;
        }
        ContainerEngine.Pruned pruned = engine.get().prune();
        PruneReport.containers(streams.out(), pruned.removed());
        PruneReport.reclaimed(streams.out(), pruned.reclaimed());
        return 0;
    }
}
