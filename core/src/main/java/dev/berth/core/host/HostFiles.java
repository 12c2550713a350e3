package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The file operations that {@code java.nio} lacks and that faithful layers need: owners without following
 * symlinks, full modes (setuid, setgid, sticky), nanosecond mtimes on symlinks too, device nodes and fifos,
 * extended attributes (including {@code trusted.*}), reflink clones, and {@code syncfs}.
 *
 * <p>The calls are bound with JNA's direct mapping rather than a {@code Library} proxy: applying a layer
 * makes several of them per file, and a proxy call costs several times more.
 */
public final class HostFiles {

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NOFOLLOW = 0400000;
    private static final int O_DIRECTORY = 0200000;
    static final int O_CLOEXEC = 02000000;
    private static final long FICLONE = 0x40049409L;
    static final int EOPNOTSUPP = 95;
    private static final int ENODATA = 61;
    static final int EPERM = 1;
    private static final int ERANGE = 34;
    private static final int EXDEV = 18;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;
    private static final int EBADF = 9;
    private static final int ETXTBSY = 26;
    private static final long COPY_CHUNK = 1L << 30;

    static {
        Native.register("c");
    }

    private HostFiles() {
    }

    private static native int lchown(String path, int uid, int gid) throws LastErrorException;

    private static native int chmod(String path, int mode) throws LastErrorException;

    private static native int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

    private static native int mknod(String path, int mode, long dev) throws LastErrorException;

    private static native int lsetxattr(String path, String name, byte[] value, long size, int flags)
            throws LastErrorException;

    private static native long lgetxattr(String path, String name, byte[] value, long size)
            throws LastErrorException;

    private static native long llistxattr(String path, byte[] list, long size) throws LastErrorException;

    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    private static native int ioctl(int fd, long request, long argument) throws LastErrorException;

    private static native long copy_file_range(int in, long[] inOffset, int out, long[] outOffset, long length,
                                               int flags) throws LastErrorException;

    private static native int syncfs(int fd) throws LastErrorException;

    // Calls on the descriptor of a file berth has just created (see NewFile): no path lookup, no symlink race.

    static native long write(int fd, Pointer buffer, long count) throws LastErrorException;

    static native int statx(int dirfd, String path, int flags, int mask, Pointer buffer) throws LastErrorException;

    static native int fchown(int fd, int uid, int gid) throws LastErrorException;

    static native int fchmod(int fd, int mode) throws LastErrorException;

    static native int fsetxattr(int fd, String name, byte[] value, long size, int flags) throws LastErrorException;

    static native int futimens(int fd, long[] times) throws LastErrorException;

    private static native int geteuid();

    /** Whether this process runs as root, and so may set owners and create device nodes. */
    public static boolean isRoot() {
        return geteuid() == 0;
    }

    /** Sets the owner of {@code path}, or of the symlink itself when it is one. */
    public static void setOwner(Path path, int uid, int gid) throws IOException {
        try {
            lchown(path.toString(), uid, gid);
        } catch (LastErrorException e) {
            throw Errno.io("cannot change the owner of " + path, e);
        }
    }

    /**
     * Sets all mode bits of {@code path} (permissions, setuid, setgid, sticky). Follows a symlink, so callers
     * never pass one: a symlink's mode means nothing on Linux.
     */
    public static void setMode(Path path, int mode) throws IOException {
        try {
            chmod(path.toString(), mode & 07777);
        } catch (LastErrorException e) {
            throw Errno.io("cannot change the mode of " + path, e);
        }
    }

    /** Sets the access and modification time of {@code path}, or of the symlink itself when it is one. */
    public static void setModificationTime(Path path, long epochSecond, int nanos) throws IOException {
        try {
            utimensat(AT_FDCWD, path.toString(), new long[] {epochSecond, nanos, epochSecond, nanos},
                    AT_SYMLINK_NOFOLLOW);
        } catch (LastErrorException e) {
            throw Errno.io("cannot set the modification time of " + path, e);
        }
    }

    /** Creates a device node, fifo or socket; {@code mode} carries the file type bits. */
    public static void createNode(Path path, int mode, long device) throws IOException {
        try {
            mknod(path.toString(), mode, device);
        } catch (LastErrorException e) {
            throw Errno.io("cannot create " + path, e);
        }
    }

    /** Linux's {@code makedev}: the combined device number of a major and minor number. */
    public static long device(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    public static long major(long device) {
        return ((device >>> 32) & 0xfffff000L) | ((device >>> 8) & 0xfffL);
    }

    public static long minor(long device) {
        return ((device >>> 12) & 0xffffff00L) | (device & 0xffL);
    }

    /** Sets an extended attribute without following a symlink. */
    public static void setXattr(Path path, String name, byte[] value) throws IOException {
        try {
            lsetxattr(path.toString(), name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw Errno.io("cannot set " + name + " on " + path, e);
        }
    }

    /**
     * Whether setting an extended attribute failed because the file system or the file's type does not take
     * it (e.g. {@code user.*} on a symlink), rather than for a reason worth stopping for.
     */
    public static boolean isUnsupportedXattr(IOException e) {
        return e.getCause() instanceof LastErrorException
                && (((LastErrorException) e.getCause()).getErrorCode() == EOPNOTSUPP
                || ((LastErrorException) e.getCause()).getErrorCode() == 1);
    }

    /** The extended attributes of {@code path} (not following a symlink), in the order the kernel lists them. */
    public static Map<String, byte[]> xattrs(Path path) throws IOException {
        String file = path.toString();
        try {
            byte[] names = new byte[256];
            long length;
            while (true) {
                try {
                    length = llistxattr(file, names, names.length);
                    break;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != ERANGE) {
                        throw e;
                    }
                    names = new byte[names.length * 4];
                }
            }
            if (length == 0) {
                return Map.of();
            }
            Map<String, byte[]> xattrs = new LinkedHashMap<>();
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (names[i] == 0) {
                    String name = new String(names, start, i - start, StandardCharsets.UTF_8);
                    byte[] value = xattr(file, name);
                    if (value != null) {
                        xattrs.put(name, value);
                    }
                    start = i + 1;
                }
            }
            return xattrs;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == EOPNOTSUPP) {
                return Map.of();
            }
            throw Errno.io("cannot list the extended attributes of " + path, e);
        }
    }

    /** One attribute's value, or null when it vanished since it was listed. */
    private static byte[] xattr(String file, String name) {
        byte[] value = new byte[128];
        while (true) {
            try {
                long length = lgetxattr(file, name, value, value.length);
                return java.util.Arrays.copyOf(value, (int) length);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == ENODATA) {
                    return null;
                }
                if (e.getErrorCode() != ERANGE) {
                    throw e;
                }
                value = new byte[value.length * 8];
            }
        }
    }

    /**
     * Creates {@code target} (which must not exist) with the contents of the regular file {@code source}: a
     * reflink clone where the file system can share the blocks, else an in-kernel copy, else a plain copy.
     * The new file has mode 0600 and belongs to this process; the caller sets its attributes.
     */
    public static void copyContents(Path source, Path target) throws IOException {
        int in = openOrThrow(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        try {
            int out = openOrThrow(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
            try {
                if (clone(in, out) || copyInKernel(in, out, source)) {
                    return;
                }
            } finally {
                closeQuietly(out);
            }
            copyInJava(source, target);
        } finally {
            closeQuietly(in);
        }
    }

    private static boolean clone(int in, int out) {
        try {
            ioctl(out, FICLONE, in);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Copies with copy_file_range(2); false when the kernel cannot do it for these files (nothing copied). */
    private static boolean copyInKernel(int in, int out, Path source) throws IOException {
        long total = 0;
        try {
            while (true) {
                long copied = copy_file_range(in, null, out, null, COPY_CHUNK, 0);
                if (copied == 0) {
                    return true;
                }
                total += copied;
            }
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            boolean unsupported = errno == EXDEV || errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP
                    || errno == EBADF || errno == ETXTBSY;
            if (unsupported && total == 0) {
                return false;
            }
            throw Errno.io("cannot copy " + source, e);
        }
    }

    private static void copyInJava(Path source, Path target) throws IOException {
        try (InputStream from = Files.newInputStream(source);
             OutputStream to = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
            from.transferTo(to);
        }
    }

    /**
     * Flushes the file system that holds {@code path} to disk, so that what was written before is durable
     * before a commit point (a metadata rename) makes it visible.
     */
    public static void syncFileSystem(Path path) throws IOException {
        int fd = openOrThrow(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
        try {
            syncfs(fd);
        } catch (LastErrorException e) {
            throw Errno.io("cannot sync the file system of " + path, e);
        } finally {
            closeQuietly(fd);
        }
    }

    static int openOrThrow(Path path, int flags, int mode) throws IOException {
        try {
            return open(path.toString(), flags, mode);
        } catch (LastErrorException e) {
            throw Errno.io("cannot open " + path, e);
        }
    }

    static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException e) {
            // close(2) fails only for a bad descriptor; nothing was written through it that could be lost.
        }
    }
}
