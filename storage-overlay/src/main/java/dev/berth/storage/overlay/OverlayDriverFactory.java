package dev.berth.storage.overlay;

import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The overlayfs storage driver's factory. */
public final class OverlayDriverFactory implements StorageDriverFactory {

    public static final String NAME = "overlay";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support isSupported(Path home, DriverContext context) {
        return new OverlayProbe(context).check(home);
    }

    @Override
    public StorageDriver create(Path home, Map<String, String> options, DriverContext context)
            throws StorageDriverException {
        if (!options.isEmpty()) {
            throw new StorageDriverException("unknown overlay storage option \"" + options.keySet().iterator().next()
                    + "\"; the overlay driver takes no options");
        }
        Support support = isSupported(home, context);
        if (!support.supported()) {
            throw new StorageDriverException("the overlay storage driver is not supported here: " + support.reason());
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new StorageDriverException("cannot create " + home + ": " + e.getMessage(), e);
        }
        return new OverlayDriver(home, context);
    }
}
