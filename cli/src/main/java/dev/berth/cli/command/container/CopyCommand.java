package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth cp}: files between a container and the host, either way; {@code -} stands for a tar stream on
 * standard input or output, as in Docker.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem")
public final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC", description = "CONTAINER:SRC_PATH, a host path, or -")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "CONTAINER:DEST_PATH, a host path, or -")
    String destination;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerFiles> files;

    @Inject
    CopyCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerFiles> files) {
        this.streams = streams;
        this.engine = engine;
        this.files = files;
    }

    @Override
    public Integer call() throws BerthException {
        int from = containerSeparator(source);
        int to = containerSeparator(destination);
        if (from > 0 && to > 0) {
            throw new InvalidInputException("copying between containers is not supported");
        }
        if (from < 0 && to < 0) {
            throw new InvalidInputException("must specify at least one container source");
        }
        if (from > 0) {
            var container = engine.get().resolve(source.substring(0, from));
            String path = source.substring(from + 1);
            if (destination.equals("-")) {
                files.get().copyOut(container, path, streams.out());
                streams.out().flush();
            } else {
                files.get().copyOut(container, path, Path.of(destination));
            }
        } else {
            var container = engine.get().resolve(destination.substring(0, to));
            String path = destination.substring(to + 1);
            if (source.equals("-")) {
                files.get().copyIn(container, streams.in(), path);
            } else {
                files.get().copyIn(container, Path.of(source), path);
            }
        }
        return 0;
    }

    /** The colon of {@code CONTAINER:PATH}; -1 for a host path (absolute or relative paths hold no colon first). */
    private static int containerSeparator(String argument) {
        if (argument.startsWith("/") || argument.startsWith(".")) {
            return -1;
        }
        return argument.indexOf(':');
    }
}
