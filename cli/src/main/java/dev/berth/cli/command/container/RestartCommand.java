package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.container.ContainerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth restart [-t N]}. */
@Command(name = "restart", description = "Restart one or more containers")
public final class RestartCommand implements Callable<Integer> {

    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing the container")
    Integer seconds;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    RestartCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        return EachContainer.apply(streams, names,
                name -> engine.get().restart(engine.get().resolve(name), Optional.ofNullable(seconds)));
    }
}
