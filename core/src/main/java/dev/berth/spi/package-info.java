/**
 * The extension points of berth: storage drivers and container runtimes.
 *
 * <p>This package is all that a third-party plugin sees of berth. A plugin jar placed in the plugins
 * directory names its factories in {@code META-INF/services/dev.berth.spi.StorageDriverFactory} (or
 * {@code ...RuntimeFactory}); berth loads each jar in its own class loader whose parent exposes only this
 * package and the JDK. Keep these types small and stable: adding a method here breaks every plugin that
 * implements the interface, unless it has a default.
 */
package dev.berth.spi;
