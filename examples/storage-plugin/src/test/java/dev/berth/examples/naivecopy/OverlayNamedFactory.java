package dev.berth.examples.naivecopy;

import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.nio.file.Path;
import java.util.Map;

/** A broken plugin for the end-to-end test: it claims the name of the built-in overlay driver. */
public final class OverlayNamedFactory implements StorageDriverFactory {

    private final NaiveCopyDriverFactory delegate = new NaiveCopyDriverFactory();

    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public Support isSupported(Path home, DriverContext context) {
        return delegate.isSupported(home, context);
    }

    @Override
    public StorageDriver create(Path home, Map<String, String> options, DriverContext context)
            throws StorageDriverException {
        return delegate.create(home, options, context);
    }
}
