package dev.berth.core.archive;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of a tar archive, with its name as written (not yet made safe: see {@link LayerPath}).
 *
 * @param name     the path inside the archive, without a trailing slash
 * @param type     the typeflag: {@code '0'} file, {@code '1'} hard link, {@code '2'} symlink, {@code '3'}
 *                 character device, {@code '4'} block device, {@code '5'} directory, {@code '6'} fifo
 * @param mode     permission bits with setuid, setgid and sticky
 * @param uid      owner
 * @param gid      group
 * @param size     bytes of content that follow (regular files only)
 * @param mtime    modification time, nanoseconds since the epoch
 * @param linkName the target of a symlink or hard link, else empty
 * @param devMajor a device node's major number
 * @param devMinor a device node's minor number
 * @param xattrs   extended attributes (PAX {@code SCHILY.xattr.*}), values as raw bytes
 */
public record TarEntry(String name, char type, int mode, int uid, int gid, long size, long mtime, String linkName,
                       int devMajor, int devMinor, Map<String, byte[]> xattrs) {

    public static final char FILE = '0';
    public static final char HARD_LINK = '1';
    public static final char SYMLINK = '2';
    public static final char CHAR_DEVICE = '3';
    public static final char BLOCK_DEVICE = '4';
    public static final char DIRECTORY = '5';
    public static final char FIFO = '6';

    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkName, "linkName");
        Objects.requireNonNull(xattrs, "xattrs");
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + name);
        }
    }

    public boolean isRegularFile() {
        return type == FILE;
    }

    public boolean isDirectory() {
        return type == DIRECTORY;
    }
}
