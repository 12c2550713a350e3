package dev.berth.examples.naivecopy;

import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An example of a third-party storage driver: each layer is a full copy of its parent, kept in one
 * directory per layer. It is written against berth's SPI only, and found by berth through
 * {@code META-INF/services/dev.berth.spi.StorageDriverFactory} when its jar is in the plugins directory.
 */
public final class NaiveCopyDriverFactory implements StorageDriverFactory {

    public static final String NAME = "naivecopy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Support isSupported(Path home, DriverContext context) {
        Path existing = home;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing)) {
            return Support.no(home + " cannot be created: no writable parent directory");
        }
        return Support.yes();
    }

    @Override
    public StorageDriver create(Path home, Map<String, String> options, DriverContext context)
            throws StorageDriverException {
        boolean verify = false;
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (!option.getKey().equals("verify")) {
                throw new StorageDriverException("unknown naivecopy option \"" + option.getKey()
                        + "\"; the only option is verify=true|false");
            }
            verify = Boolean.parseBoolean(option.getValue());
        }
        try {
            Files.createDirectories(home.resolve("layers"));
        } catch (IOException e) {
            throw new StorageDriverException("cannot create " + home + ": " + e.getMessage(), e);
        }
        return new NaiveCopyDriver(home.resolve("layers"), context, verify);
    }
}
