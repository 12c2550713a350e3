package dev.berth.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a runtime needs to create a container, decided by berth's core (see
 * {@code dev.berth.core.container.DefaultSpec} for Docker's defaults). The model is the OCI runtime spec,
 * kept small and typed.
 *
 * @param hostname           the container's host name (in its own UTS namespace)
 * @param root               the root file system
 * @param process            the container's main process
 * @param mounts             mounts inside the container, in order (a parent before what is mounted in it)
 * @param isolation          namespaces, masked and read-only paths, device nodes
 * @param resources          cgroup limits
 * @param init               whether a small reaping init runs as PID 1 in front of the command
 *                           (Docker's {@code --init}); the runtime provides and mounts it
 * @param containerDirectory the container's directory: the runtime writes the exit status there (the file
 *                           {@code exit}), so it is known even when no berth process ran at the exit
 * @param logFile            where the container's output is logged in Docker's json-file format; empty for no log
 * @param exitCommand        a command the runtime runs on the host after the container exits and its exit
 *                           status is written (absolute path first); empty for none
 */
public record RuntimeSpec(String hostname, RootFileSystem root, ProcessSpec process, List<ContainerMount> mounts,
                          Isolation isolation, Resources resources, boolean init, Path containerDirectory,
                          Optional<Path> logFile, List<String> exitCommand) {

    public RuntimeSpec {
        Objects.requireNonNull(hostname, "hostname");
        ProcessSpec.requireNoNul(hostname);
        if (hostname.length() > 64) {
            throw new IllegalArgumentException("a host name has at most 64 characters: " + hostname);
        }
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(process, "process");
        mounts = List.copyOf(mounts);
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(containerDirectory, "containerDirectory");
        Objects.requireNonNull(logFile, "logFile");
        exitCommand = List.copyOf(exitCommand);
        if (!exitCommand.isEmpty() && !exitCommand.get(0).startsWith("/")) {
            throw new IllegalArgumentException("the exit command must start with an absolute path");
        }
    }
}
