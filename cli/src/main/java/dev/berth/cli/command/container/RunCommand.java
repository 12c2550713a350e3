package dev.berth.cli.command.container;

import dev.berth.cli.AttachedSession;
import dev.berth.cli.Environment;
import dev.berth.cli.ExitCodes;
import dev.berth.cli.OwnFailureExitCode;
import dev.berth.cli.StopsAtImage;
import dev.berth.cli.Streams;
import dev.berth.cli.TerminalMode;
import dev.berth.core.BerthException;
import dev.berth.core.NotFoundException;
import dev.berth.core.container.CommandFailedException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.CreateRequest;
import dev.berth.spi.Attachment;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code berth run}: create, start and (unless {@code -d}) attach; exits with the container's exit code, 125
 * when berth itself fails, 126/127 when the command cannot be run.
 */
@Command(name = "run", description = "Create and run a new container from an image")
public final class RunCommand implements Callable<Integer>, StopsAtImage, OwnFailureExitCode {

    @Mixin
    ContainerOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    private final Streams streams;
    private final Environment environment;
    private final Provider<ContainerEngine> engine;
    private final ImageForContainer image;

    @Inject
    RunCommand(Streams streams, Environment environment, Provider<ContainerEngine> engine, ImageForContainer image) {
        this.streams = streams;
        this.environment = environment;
        this.engine = engine;
        this.image = image;
    }

    @Override
    public int ownFailureExitCode() {
        return ExitCodes.USAGE_OR_ENGINE;
    }

    @Override
    public Integer call() throws BerthException, IOException {
        CreateRequest request = options.request(environment.variables());
        image.prepare(request.image(), options.pullPolicy());
        ContainerEngine containers = engine.get();
        Container container = containers.create(request);
        ContainerEngine.StartOptions start = detach ? ContainerEngine.StartOptions.DETACHED
                : new ContainerEngine.StartOptions(true, TerminalMode.size(request.tty() && streams.inIsTerminal()),
                request.hostConfig().autoRemove());
        ContainerEngine.Started started;
        try {
            started = containers.start(container, start);
        } catch (CommandFailedException e) {
            streams.err().println("Error: " + e.getMessage());
            removeIfAsked(containers, container, request);
            return e.exitCode();
        } catch (BerthException | RuntimeException e) {
            removeIfAsked(containers, container, request);
            throw e;
        }
        if (detach) {
            streams.out().println(container.id().hex());
            return 0;
        }
        int code;
        try (Attachment attachment = started.attachment().orElseThrow()) {
            OptionalInt exit = AttachedSession.run(attachment, streams, request.interactive(), request.tty());
            code = exit.isPresent() ? exit.getAsInt() : containers.waitForExit(container);
        }
        removeIfAsked(containers, container, request);
        return code;
    }

    private static void removeIfAsked(ContainerEngine containers, Container container, CreateRequest request)
            throws BerthException {
        if (request.hostConfig().autoRemove()) {
            try {
                containers.remove(containers.refresh(container), true);
            } catch (NotFoundException e) {
                // Removed by its exit command already.
            }
        }
    }
}
