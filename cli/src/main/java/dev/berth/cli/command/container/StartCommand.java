package dev.berth.cli.command.container;

import dev.berth.cli.AttachedSession;
import dev.berth.cli.Streams;
import dev.berth.cli.TerminalMode;
import dev.berth.core.BerthException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.spi.Attachment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth start [-a] [-i]}. */
@Command(name = "start", description = "Start one or more stopped containers")
public final class StartCommand implements Callable<Integer> {

    @Option(names = {"-a", "--attach"}, description = "Attach STDOUT/STDERR and forward signals")
    boolean attach;

    @Option(names = {"-i", "--interactive"}, description = "Attach container's STDIN")
    boolean interactive;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "The containers")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;

    @Inject
    StartCommand(Streams streams, Provider<ContainerEngine> engine) {
        this.streams = streams;
        this.engine = engine;
    }

    @Override
    public Integer call() throws BerthException, IOException {
        if (!attach && !interactive) {
            return EachContainer.apply(streams, names, name -> engine.get().start(engine.get().resolve(name),
                    ContainerEngine.StartOptions.DETACHED));
        }
        if (names.size() > 1) {
            throw new dev.berth.core.InvalidInputException("you cannot start and attach multiple containers at once");
        }
        Container container = engine.get().resolve(names.get(0));
        boolean tty = container.config().tty();
        ContainerEngine.Started started = engine.get().start(container, new ContainerEngine.StartOptions(true,
                TerminalMode.size(tty && streams.inIsTerminal()), container.hostConfig().autoRemove()));
        if (started.attachment().isEmpty()) {
            return 0; // it was running already
        }
        try (Attachment attachment = started.attachment().get()) {
            OptionalInt exit = AttachedSession.run(attachment, streams, interactive, tty);
            return exit.isPresent() ? exit.getAsInt() : engine.get().waitForExit(container);
        }
    }
}
