package dev.berth.spi;

import java.nio.file.Path;
import java.util.Map;

/**
 * Makes a storage driver by name. Built-in factories are bound with Dagger; third-party ones are found with
 * {@link java.util.ServiceLoader} in the jars of the plugins directory, so an implementation needs a public
 * no-argument constructor.
 */
public interface StorageDriverFactory {

    /** The name users select the driver by ({@code --storage-driver NAME}); lower case, unique. */
    String name();

    /**
     * Probes whether the driver can work with {@code home} as its directory (which may not exist yet). The
     * probe must leave nothing mounted and nothing behind outside {@code home} and the run directory.
     */
    Support isSupported(Path home, DriverContext context);

    /**
     * Opens the driver on {@code home} (created if missing). {@code options} are the driver's entries of
     * the {@code storage-opts} setting ({@code overlay.mount_program=...} arrives as {@code mount_program}).
     *
     * @throws StorageDriverException when the driver cannot work there, or an option is unknown or bad
     */
    StorageDriver create(Path home, Map<String, String> options, DriverContext context)
            throws StorageDriverException;
}
