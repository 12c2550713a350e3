package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.archive.Change;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth diff}: the container's changes, {@code A}, {@code C} and {@code D} as Docker prints them. */
@Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem")
public final class DiffCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER", description = "The container")
    String name;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerFiles> files;

    @Inject
    DiffCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerFiles> files) {
        this.streams = streams;
        this.engine = engine;
        this.files = files;
    }

    @Override
    public Integer call() throws BerthException {
        for (Change change : files.get().changes(engine.get().resolve(name))) {
            streams.out().println(change);
        }
        return 0;
    }
}
