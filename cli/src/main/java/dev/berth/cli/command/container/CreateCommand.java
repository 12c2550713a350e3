package dev.berth.cli.command.container;

import dev.berth.cli.Environment;
import dev.berth.cli.StopsAtImage;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.CreateRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code berth create}: a container that does not run yet. */
@Command(name = "create", description = "Create a new container")
public final class CreateCommand implements Callable<Integer>, StopsAtImage {

    @Mixin
    ContainerOptions options;

    private final Streams streams;
    private final Environment environment;
    private final Provider<ContainerEngine> engine;
    private final ImageForContainer image;

    @Inject
    CreateCommand(Streams streams, Environment environment, Provider<ContainerEngine> engine, ImageForContainer image) {
        this.streams = streams;
        this.environment = environment;
        this.engine = engine;
        this.image = image;
    }

    @Override
    public Integer call() throws BerthException {
        CreateRequest request = options.request(environment.variables());
        image.prepare(request.image(), options.pullPolicy());
        Container container = engine.get().create(request);
        streams.out().println(container.id().hex());
        return 0;
    }
}
