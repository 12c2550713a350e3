package dev.berth.spi;

import java.util.List;
import java.util.Set;

/**
 * What separates a container from the host besides its mounts.
 *
 * @param namespaces    the namespaces the container gets of its own; {@link Namespace#MOUNT} is required, a
 *                      missing {@link Namespace#NETWORK} means the host's network
 * @param maskedPaths   paths hidden from the container: {@code /dev/null} over a file, an empty read-only
 *                      tmpfs over a directory; missing ones are skipped
 * @param readOnlyPaths paths made read-only; missing ones are skipped
 * @param devices       device nodes created in the container's {@code /dev}
 * @param deniedSyscalls system calls refused to the container's processes (a seccomp filter); empty for none
 */
public record Isolation(Set<Namespace> namespaces, List<String> maskedPaths, List<String> readOnlyPaths,
                        List<DeviceNode> devices, List<DeniedSyscall> deniedSyscalls) {

    public Isolation {
        namespaces = Set.copyOf(namespaces);
        if (!namespaces.contains(Namespace.MOUNT)) {
            throw new IllegalArgumentException("a container needs its own mount namespace");
        }
        maskedPaths = List.copyOf(maskedPaths);
        readOnlyPaths = List.copyOf(readOnlyPaths);
        maskedPaths.forEach(ContainerMount::requireContainerPath);
        readOnlyPaths.forEach(ContainerMount::requireContainerPath);
        devices = List.copyOf(devices);
        deniedSyscalls = List.copyOf(deniedSyscalls);
    }
}
