package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.berth.core.BlockInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * An input stream on a file descriptor (the user's standard input, pumped to a container) whose reads wait for
 * data in slices of {@value #SLICE_MILLIS} ms and give up when the reading thread is interrupted. A thread
 * blocked in {@code read(2)} can be neither interrupted nor stopped, and the JVM waits 300 ms at its exit for
 * any thread in native code: an attached session whose container ended while the user's input stayed open
 * would end that much later.
 */
public final class InterruptibleInput extends BlockInputStream {

    private static final int SLICE_MILLIS = 50;
    private static final short POLLIN = 0x1;
    /** {@code struct pollfd}: int fd, short events, short revents. */
    private static final int POLLFD_BYTES = 8;

    static {
        Native.register("c");
    }

    private final int fd;
    private final Memory pollFd = new Memory(POLLFD_BYTES);

    private InterruptibleInput(int fd) {
        this.fd = fd;
    }

    /** Reads from {@code fd}, which stays open (the caller owns it). */
    public static InterruptibleInput of(int fd) {
        return new InterruptibleInput(fd);
    }

    private static native int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    private static native long read(int fd, byte[] buffer, long count) throws LastErrorException;

    /** @throws InterruptedIOException when the thread is interrupted while it waits for data */
    @Override
    protected int readBlock(byte[] buffer, int offset, int length) throws IOException {
        awaitReadable();
        byte[] into = offset == 0 ? buffer : new byte[length];
        long n;
        while (true) {
            try {
                n = read(fd, into, length);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw Errno.io("cannot read file descriptor " + fd, e);
                }
            }
        }
        if (n == 0) {
            return -1;
        }
        if (into != buffer) {
            System.arraycopy(into, 0, buffer, offset, (int) n);
        }
        return (int) n;
    }

    /** Returns once a read will not block: data, the end of the input, or an error to report. */
    private void awaitReadable() throws IOException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedIOException("stopped reading file descriptor " + fd);
            }
            pollFd.setInt(0, fd);
            pollFd.setShort(4, POLLIN);
            pollFd.setShort(6, (short) 0);
            try {
                if (poll(pollFd, 1, SLICE_MILLIS) > 0) {
                    return; // POLLIN, or POLLHUP/POLLERR, which the read then reports.
                }
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw Errno.io("cannot wait for file descriptor " + fd, e);
                }
            }
        }
    }
}
