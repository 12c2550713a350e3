package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.SignalNames;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth kill [-s SIGNAL]}: SIGKILL by default. */
@Command(name = "kill", description = "Kill one or more running containers")
public final class KillCommand implements Callable<Integer> {

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "Signal to send to the container (default KILL)")
    String signal = "KILL";

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    KillCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() throws InvalidInputException {
        int number = SignalNames.parse(signal);
        return EachContainer.apply(streams, names, name -> engine.get().kill(engine.get().resolve(name), number));
    }
}
