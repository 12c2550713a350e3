package dev.berth.cli.command.container;

import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerId;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth container cleanup ID}: what the runtime runs when a container exits ({@code --rm}, restart
 * policies). Not for people; hidden from the help.
 */
@Command(name = "cleanup", hidden = true, description = "Apply --rm and restart policies after a container exits")
public final class CleanupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "The container's full ID")
    String id;

    private final Provider<ContainerEngine> engine;

    @Inject
    CleanupCommand(Provider<ContainerEngine> engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws BerthException {
        engine.get().afterExit(new ContainerId(id));
        return 0;
    }
}
