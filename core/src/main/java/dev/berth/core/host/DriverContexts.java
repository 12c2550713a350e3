package dev.berth.core.host;

import dev.berth.core.config.BerthConfig;
import dev.berth.spi.DriverContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lends each storage driver its host context, with a run directory of its own under the exec-root. */
public final class DriverContexts {

    private final Path runRoot;
    private final Mounter mounter = new Mounter();
    private final FileSystemProbe fileSystems = new FileSystemProbe();

    public DriverContexts(BerthConfig config) {
        this.runRoot = config.execRoot().resolve("storage");
    }

    public DriverContext forDriver(String name) {
        Path runDirectory = runRoot.resolve(name);
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + runDirectory, e);
        }
        return new HostDriverContext(runDirectory, mounter, fileSystems);
    }
}
