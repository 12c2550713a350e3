package dev.berth.cli.command.container;

import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth rename}. */
@Command(name = "rename", description = "Rename a container")
public final class RenameCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container")
    String container;

    @Parameters(index = "1", paramLabel = "NEW_NAME", description = "Its new name")
    String newName;

    private final Provider<ContainerEngine> engine;

    @Inject
    RenameCommand(Provider<ContainerEngine> engine) {
        this.engine = engine;
    }

    @Override
    public Integer call() throws BerthException {
        engine.get().rename(engine.get().resolve(container), newName);
        return 0;
    }
}
