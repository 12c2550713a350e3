package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import java.io.IOException;

/** Turns a failed C call into an {@link IOException} whose message says what was attempted and why it failed. */
final class Errno {

    /** A call interrupted by a signal before it did anything: made again. */
    static final int EINTR = 4;

    private Errno() {
    }

    static IOException io(String what, LastErrorException e) {
        return new IOException(what + ": " + describe(e.getErrorCode()), e);
    }

    static String describe(int errno) {
        switch (errno) {
            case 1: return "operation not permitted (EPERM)";
            case 2: return "no such file or directory (ENOENT)";
            case 13: return "permission denied (EACCES)";
            case 16: return "device or resource busy (EBUSY)";
            case 17: return "file exists (EEXIST)";
            case 19: return "no such device (ENODEV): the kernel does not know this file system type";
            case 20: return "not a directory (ENOTDIR)";
            case 22: return "invalid argument (EINVAL)";
            case 28: return "no space left on device (ENOSPC)";
            case 30: return "read-only file system (EROFS)";
            case 95: return "operation not supported (EOPNOTSUPP)";
            default: return "errno " + errno;
        }
    }
}
