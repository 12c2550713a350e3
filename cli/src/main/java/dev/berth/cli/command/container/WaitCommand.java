package dev.berth.cli.command.container;

import dev.berth.cli.ExitCodes;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth wait}: blocks until the containers stop, printing each exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes")
public final class WaitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    WaitCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        int code = ExitCodes.OK;
        for (String name : names) {
            try {
                streams.out().println(engine.get().waitForExit(engine.get().resolve(name)));
            } catch (BerthException e) {
                streams.err().println("Error: " + e.getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        return code;
    }
}
