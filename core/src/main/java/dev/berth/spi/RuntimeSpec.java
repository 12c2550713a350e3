package dev.berth.spi;

import java.util.List;
import java.util.Objects;

/**
 * Everything a runtime needs to create a container, decided by berth's core.
 *
 * @param hostname the container's host name
 * @param root     how to mount the root file system (as the storage driver described it)
 * @param process  the container's main process
 */
public record RuntimeSpec(String hostname, List<MountSpec> root, ProcessSpec process) {

    public RuntimeSpec {
        Objects.requireNonNull(hostname, "hostname");
        root = List.copyOf(root);
        Objects.requireNonNull(process, "process");
    }
}
