package dev.berth.spi;

import java.nio.file.Path;

/**
 * Makes a container runtime by name. Built-in factories are bound with Dagger; third-party ones are found
 * with {@link java.util.ServiceLoader} in the plugins directory, so an implementation needs a public
 * no-argument constructor.
 */
public interface RuntimeFactory {

    /** The name users select the runtime by; lower case, unique. */
    String name();

    /** The runtime's own version, as {@code berth version} prints it. Must be cheap: no probing. */
    String version();

    /** Probes whether the runtime can run containers on this host. */
    Support isSupported();

    /**
     * Opens the runtime.
     *
     * @param stateRoot a directory under berth's exec-root that belongs to this runtime (fifos, sockets,
     *                  per-container state that lasts one boot); it exists when passed
     */
    ContainerRuntime create(Path stateRoot) throws RuntimeFailureException;
}
