package dev.berth.spi;

import java.util.Objects;

/**
 * A device node created in the container's {@code /dev}.
 *
 * @param path     the absolute path in the container
 * @param type     {@code 'c'} for a character device, {@code 'b'} for a block device
 * @param major    the major number
 * @param minor    the minor number
 * @param fileMode the permission bits, e.g. {@code 0666}
 * @param uid      the owner
 * @param gid      the group
 */
public record DeviceNode(String path, char type, long major, long minor, int fileMode, int uid, int gid) {

    public DeviceNode {
        Objects.requireNonNull(path, "path");
        ContainerMount.requireContainerPath(path);
        if (type != 'c' && type != 'b') {
            throw new IllegalArgumentException("a device node is of type 'c' or 'b', not '" + type + "'");
        }
        if (major < 0 || minor < 0 || (fileMode & ~07777) != 0) {
            throw new IllegalArgumentException("invalid device node " + path);
        }
    }

    /** A root-owned character device readable and writable by all, like /dev/null. */
    public static DeviceNode character(String path, long major, long minor) {
        return new DeviceNode(path, 'c', major, minor, 0666, 0, 0);
    }
}
