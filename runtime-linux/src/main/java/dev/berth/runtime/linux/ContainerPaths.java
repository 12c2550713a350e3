package dev.berth.runtime.linux;

import dev.berth.spi.RuntimeFailureException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the runtime keeps a container's (or an exec's) files under its state root. Attach sockets live in a
 * flat directory under short hashed names, as containerd's shim sockets do: a unix socket's path has at most
 * 107 bytes for the kernel, and at most 106 for the JDK's client, which berth attaches with.
 *
 * @param directory the directory of the container or exec
 * @param socket    its monitor's attach socket
 */
record ContainerPaths(Path directory, Path socket) {

    private static final int SOCKET_PATH_LIMIT = 106;

    static ContainerPaths container(Path stateRoot, String id) throws RuntimeFailureException {
        return new ContainerPaths(stateRoot.resolve("containers").resolve(id), socket(stateRoot, id));
    }

    static ContainerPaths exec(Path stateRoot, String id, String execId) throws RuntimeFailureException {
        return new ContainerPaths(stateRoot.resolve("containers").resolve(id).resolve("exec").resolve(execId),
                socket(stateRoot, id + "/" + execId));
    }

    Path spec() {
        return directory.resolve("spec");
    }

    Path fifo() {
        return directory.resolve("exec.fifo");
    }

    Path rootfs() {
        return directory.resolve("rootfs");
    }

    Path record() {
        return directory.resolve("state");
    }

    /** An exec's exit status (a container's goes to its container directory). */
    Path exitFile() {
        return directory.resolve(ExitStatus.FILE_NAME);
    }

    private static Path socket(Path stateRoot, String name) throws RuntimeFailureException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            Path socket = stateRoot.resolve("s").resolve(HexFormat.of().formatHex(digest, 0, 16));
            if (socket.toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_LIMIT) {
                throw new RuntimeFailureException("the runtime's state directory " + stateRoot + " is too long for a "
                        + "unix socket path: choose a shorter exec-root");
            }
            return socket;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
