package dev.berth.core.plugin;

import dev.berth.spi.StorageDriverFactory;

/**
 * The parent of every plugin's class loader: it exposes the JDK and berth's SPI package, and nothing else of
 * berth or its libraries. A plugin therefore cannot depend on berth's internals, and two plugins can use
 * different versions of the same library.
 */
final class SpiOnlyClassLoader extends ClassLoader {

    private static final String SPI_PACKAGE = StorageDriverFactory.class.getPackageName() + ".";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader berth;

    SpiOnlyClassLoader() {
        super("berth-spi", ClassLoader.getPlatformClassLoader());
        this.berth = StorageDriverFactory.class.getClassLoader();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(SPI_PACKAGE)) {
            return berth.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
