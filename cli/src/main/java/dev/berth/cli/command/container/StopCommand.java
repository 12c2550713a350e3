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

/** {@code berth stop [-t N]}: the stop signal, then SIGKILL after N seconds. */
@Command(name = "stop", description = "Stop one or more running containers")
public final class StopCommand implements Callable<Integer> {

    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before killing the container")
    Integer seconds;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    StopCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        return EachContainer.apply(streams, names,
                name -> engine.get().stop(engine.get().resolve(name), Optional.ofNullable(seconds)));
    }
}
