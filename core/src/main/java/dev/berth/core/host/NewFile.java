package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A regular file this process has just created, written and given its attributes through its descriptor. It
 * is created with {@code O_EXCL | O_NOFOLLOW}, so it is a new file and never the target of a symlink; every
 * later call goes to that same inode, without a path lookup (applying a layer makes several calls per file,
 * and a lookup of a deep path costs more than the call).
 *
 * <p>It may be created on one thread and then written, finished and closed on another, one thread at a time.
 */
public final class NewFile implements AutoCloseable {

    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_MODE = 0x2;
    private static final int STATX_UID = 0x8;
    private static final int STATX_GID = 0x10;
    /** {@code struct statx}: the same layout on every architecture, unlike {@code struct stat}. */
    private static final int STATX_BYTES = 256;
    private static final int STATX_UID_OFFSET = 20;
    private static final int STATX_GID_OFFSET = 24;
    private static final int STATX_MODE_OFFSET = 28;
    private static final ThreadLocal<Memory> STATX_BUFFER = ThreadLocal.withInitial(() -> new Memory(STATX_BYTES));

    private final Path path;
    private final int fd;
    private boolean closed;

    private NewFile(Path path, int fd) {
        this.path = path;
        this.fd = fd;
    }

    /**
     * Creates {@code path}, which must not exist, with {@code permissions} (the process's umask applies;
     * {@link #finish} sets the exact bits).
     */
    public static NewFile create(Path path, int permissions) throws IOException {
        try {
            return new NewFile(path, HostFiles.open(path.toString(), HostFiles.O_WRONLY | HostFiles.O_CREAT
                    | HostFiles.O_EXCL | HostFiles.O_NOFOLLOW | HostFiles.O_CLOEXEC, permissions & 07777));
        } catch (LastErrorException e) {
            throw Errno.io("cannot create " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Appends {@code length} bytes from {@code buffer}. */
    public void write(Pointer buffer, int length) throws IOException {
        long offset = 0;
        while (offset < length) {
            try {
                offset += HostFiles.write(fd, buffer.share(offset), length - offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw Errno.io("cannot write " + path, e);
                }
            }
        }
    }

    /**
     * Gives the file its attributes: owner and mode only where the new file does not have them already (as
     * root, most files of an image belong to root and are created with the right mode), then the extended
     * attributes, then the mtime.
     *
     * @param owners whether to set the owner (only root may)
     * @return the names of the extended attributes the file system refused
     */
    public List<String> finish(FileAttributes attributes, boolean owners) throws IOException {
        Memory status = STATX_BUFFER.get();
        try {
            HostFiles.statx(fd, "", AT_EMPTY_PATH, STATX_MODE | STATX_UID | STATX_GID, status);
        } catch (LastErrorException e) {
            throw Errno.io("cannot read the status of " + path, e);
        }
        boolean chowned = false;
        if (owners && (status.getInt(STATX_UID_OFFSET) != attributes.uid()
                || status.getInt(STATX_GID_OFFSET) != attributes.gid())) {
            try {
                HostFiles.fchown(fd, attributes.uid(), attributes.gid());
            } catch (LastErrorException e) {
                throw Errno.io("cannot change the owner of " + path, e);
            }
            chowned = true;
        }
        // A chown clears setuid and setgid, so the mode goes after it.
        if (chowned || (status.getShort(STATX_MODE_OFFSET) & 07777) != attributes.permissions()) {
            try {
                HostFiles.fchmod(fd, attributes.permissions());
            } catch (LastErrorException e) {
                throw Errno.io("cannot change the mode of " + path, e);
            }
        }
        List<String> refused = attributes.setXattrs((name, value) -> {
            try {
                HostFiles.fsetxattr(fd, name, value, value.length, 0);
            } catch (LastErrorException e) {
                throw Errno.io("cannot set " + name + " on " + path, e);
            }
        });
        try {
            HostFiles.futimens(fd, new long[] {attributes.mtimeSeconds(), attributes.mtimeNanos(),
                attributes.mtimeSeconds(), attributes.mtimeNanos()});
        } catch (LastErrorException e) {
            throw Errno.io("cannot set the modification time of " + path, e);
        }
        return refused;
    }

    /** Closes the descriptor; closing twice is closing once. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            HostFiles.closeQuietly(fd);
        }
    }
}
