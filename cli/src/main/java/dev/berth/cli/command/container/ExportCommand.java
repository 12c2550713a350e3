package dev.berth.cli.command.container;

import dev.berth.cli.ArchiveOutput;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth export}: the container's flattened file system as a tar. */
@Command(name = "export", description = "Export a container's filesystem as a tar archive")
public final class ExportCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT")
    Path output;

    @Parameters(paramLabel = "CONTAINER", description = "The container")
    String name;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerFiles> files;

    @Inject
    ExportCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerFiles> files) {
        this.streams = streams;
        this.engine = engine;
        this.files = files;
    }

    @Override
    public Integer call() throws BerthException {
        Container container = engine.get().resolve(name);
        ArchiveOutput.write(output, streams, out -> files.get().export(container, out));
        return 0;
    }
}
