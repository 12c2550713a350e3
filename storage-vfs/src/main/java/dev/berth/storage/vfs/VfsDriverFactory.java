package dev.berth.storage.vfs;

import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The copying storage driver's factory: it works on any file system that can hold a directory tree. */
public final class VfsDriverFactory implements StorageDriverFactory {

    public static final String NAME = "vfs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support isSupported(Path home, DriverContext context) {
        return Support.yes();
    }

    @Override
    public StorageDriver create(Path home, Map<String, String> options, DriverContext context)
            throws StorageDriverException {
        if (!options.isEmpty()) {
            throw new StorageDriverException("unknown vfs storage option \"" + options.keySet().iterator().next()
                    + "\"; the vfs driver takes no options");
        }
        try {
            Files.createDirectories(home.resolve(VfsDriver.LAYERS));
        } catch (IOException e) {
            throw new StorageDriverException("cannot create " + home + ": " + e.getMessage(), e);
        }
        return new VfsDriver(home, context);
    }
}
