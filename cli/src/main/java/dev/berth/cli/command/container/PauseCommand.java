package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.container.ContainerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth pause}: freezes every process of the containers. */
@Command(name = "pause", description = "Pause all processes within one or more containers")
public final class PauseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    PauseCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        return EachContainer.apply(streams, names, name -> engine.get().pause(engine.get().resolve(name)));
    }
}
