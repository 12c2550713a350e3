package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The attributes berth restores on a file it creates (from a tar entry or a copy): owner, mode bits,
 * extended attributes and modification time.
 *
 * @param uid         owner
 * @param gid         group
 * @param permissions the mode's permission bits, setuid, setgid and sticky included
 * @param xattrs      extended attributes by name
 * @param mtime       modification time, nanoseconds since the epoch
 */
public record FileAttributes(int uid, int gid, int permissions, Map<String, byte[]> xattrs, long mtime) {

    public FileAttributes {
        Objects.requireNonNull(xattrs, "xattrs");
    }

    /**
     * Sets these attributes on {@code path}, in the order that keeps them: the owner first (a chown clears
     * setuid and setgid), then the mode, the extended attributes, and the mtime last. A symlink gets no mode.
     *
     * @param owners whether to set the owner (only root may)
     * @return the names of extended attributes the file system or file type refused (e.g. {@code user.*} on
     *         a symlink), which the caller may report
     */
    public List<String> applyTo(Path path, boolean symlink, boolean owners) throws IOException {
        if (owners) {
            HostFiles.setOwner(path, uid, gid);
        }
        if (!symlink) {
            HostFiles.setMode(path, permissions);
        }
        List<String> refused = setXattrs((name, value) -> HostFiles.setXattr(path, name, value));
        setModificationTime(path);
        return refused;
    }

    /** Sets one extended attribute, somewhere. */
    @FunctionalInterface
    interface XattrSetter {
        void set(String name, byte[] value) throws IOException;
    }

    /** Sets every extended attribute through {@code setter}; returns those the file system refused. */
    List<String> setXattrs(XattrSetter setter) throws IOException {
        List<String> refused = List.of();
        for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
            try {
                setter.set(xattr.getKey(), xattr.getValue());
            } catch (IOException e) {
                if (!HostFiles.isUnsupportedXattr(e)) {
                    throw e;
                }
                refused = refused.isEmpty() ? new java.util.ArrayList<>() : refused;
                refused.add(xattr.getKey());
            }
        }
        return refused;
    }

    public long mtimeSeconds() {
        return Math.floorDiv(mtime, 1_000_000_000L);
    }

    public int mtimeNanos() {
        return (int) Math.floorMod(mtime, 1_000_000_000L);
    }

    /** Sets only the mtime: directories get theirs again once their contents are in place. */
    public void setModificationTime(Path path) throws IOException {
        HostFiles.setModificationTime(path, mtimeSeconds(), mtimeNanos());
    }
}
