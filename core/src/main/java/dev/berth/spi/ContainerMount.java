package dev.berth.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mount inside a container, performed in the container's mount namespace before {@code pivot_root}.
 *
 * @param destination the absolute, normalised path inside the container; missing directories (or, for a bind
 *                    mount of a file, the file) are created, and symlinks resolve inside the container
 * @param mount       what to mount there; a bind mount's source is a host path
 */
public record ContainerMount(String destination, MountSpec mount) {

    public ContainerMount {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(mount, "mount");
        requireContainerPath(destination);
    }

    public static ContainerMount of(String destination, String type, String source, String... options) {
        return new ContainerMount(destination, new MountSpec(type, source, List.of(options), Optional.empty()));
    }

    /** A bind mount of a host file or directory. */
    public static ContainerMount bind(Path source, String destination, boolean readOnly) {
        return of(destination, "bind", source.toString(), "rbind", readOnly ? "ro" : "rw", "rprivate");
    }

    /** Whether the mount is a bind mount of a host path. */
    public boolean isBind() {
        return mount.type().equals("bind") || mount.options().contains("bind") || mount.options().contains("rbind");
    }

    /** Checks that {@code path} is absolute and normalised: no empty, {@code .} or {@code ..} component. */
    public static void requireContainerPath(String path) {
        ProcessSpec.requireNoNul(path);
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path in the container must be absolute, not \"" + path + "\"");
        }
        if (path.equals("/")) {
            return;
        }
        for (String part : path.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("a path in the container must be normalised, not \"" + path + "\"");
            }
        }
    }
}
