package dev.berth.core.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What {@code lstat(2)} says about a file, read in one call without following a symlink.
 *
 * @param mode   type and permission bits ({@code st_mode})
 * @param uid    owner
 * @param gid    group
 * @param size   size in bytes
 * @param mtime  modification time, nanoseconds since the epoch
 * @param device the file system's device ({@code st_dev})
 * @param inode  the inode number
 * @param links  the number of hard links
 * @param rdev   the device number of a device node
 */
public record FileStatus(int mode, int uid, int gid, long size, long mtime, long device, long inode, int links,
                         long rdev) {

    private static final String ATTRIBUTES = "unix:mode,uid,gid,size,lastModifiedTime,dev,ino,nlink,rdev";

    public static FileStatus of(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        return new FileStatus((Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                (Long) a.get("size"), ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                (Long) a.get("dev"), (Long) a.get("ino"), (Integer) a.get("nlink"), (Long) a.get("rdev"));
    }

    public int type() {
        return mode & HostFiles.S_IFMT;
    }

    public int permissions() {
        return mode & 07777;
    }

    public boolean isDirectory() {
        return type() == HostFiles.S_IFDIR;
    }

    public boolean isRegularFile() {
        return type() == HostFiles.S_IFREG;
    }

    public boolean isSymlink() {
        return type() == HostFiles.S_IFLNK;
    }

    /** An overlayfs whiteout: a character device with device number 0/0. */
    public boolean isWhiteout() {
        return type() == HostFiles.S_IFCHR && rdev == 0;
    }

    public long mtimeSeconds() {
        return Math.floorDiv(mtime, 1_000_000_000L);
    }

    public int mtimeNanos() {
        return (int) Math.floorMod(mtime, 1_000_000_000L);
    }
}
