package dev.berth.spi;

import java.util.List;

/**
 * A container's root file system.
 *
 * @param mounts   the mounts that make it, in order, as the storage driver described them
 * @param readOnly whether the root is mounted read-only (Docker's {@code --read-only}); the mounts on it are
 *                 not affected
 */
public record RootFileSystem(List<MountSpec> mounts, boolean readOnly) {

    public RootFileSystem {
        mounts = List.copyOf(mounts);
        if (mounts.isEmpty()) {
            throw new IllegalArgumentException("a root file system needs at least one mount");
        }
    }
}
