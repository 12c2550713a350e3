package dev.berth.spi;

import java.util.Objects;

/**
 * What {@code statfs(2)} and a directory read tell about the file system that holds a path.
 *
 * @param name          the file system's name as Docker prints it ({@code extfs}, {@code xfs}, {@code overlayfs},
 *                      {@code tmpfs}, ...), or {@code <unknown>} with the magic number
 * @param magic         the {@code f_type} magic number
 * @param supportsDType whether directory entries carry their file type ({@code d_type}); overlayfs needs it
 */
public record FileSystemInfo(String name, long magic, boolean supportsDType) {

    public FileSystemInfo {
        Objects.requireNonNull(name, "name");
    }
}
