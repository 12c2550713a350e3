package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        if (output == null) {
            if (streams.outIsTerminal()) {
                throw new InvalidInputException("cowardly refusing to save to a terminal. Use the -o flag or redirect");
            }
            files.get().export(container, streams.out());
            streams.out().flush();
            return 0;
        }
        Path target = output.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
            try (OutputStream out = Files.newOutputStream(temp)) {
                files.get().export(container, out);
            } catch (BerthException | IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EngineFailureException("cannot write " + output + ": " + e.getMessage(), e);
        }
        return 0;
    }
}
