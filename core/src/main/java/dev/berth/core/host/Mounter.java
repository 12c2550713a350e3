package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import dev.berth.spi.MountSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Performs described mounts on the host with {@code mount(2)}: the one place where berth mounts anything
 * outside a container.
 */
public final class Mounter {

    private static final int MNT_DETACH = 2;
    private static final int CLONE_FS = 0x200;

    /** Mounts {@code mounts} on {@code target} in order; on failure, what was mounted is unmounted again. */
    public void mount(List<MountSpec> mounts, Path target) throws IOException {
        int done = 0;
        try {
            for (MountSpec spec : mounts) {
                mountOne(spec, target);
                done++;
            }
        } catch (IOException | RuntimeException e) {
            for (; done > 0; done--) {
                try {
                    unmount(target);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Lazily unmounts the top mount on {@code target}. */
    public void unmount(Path target) throws IOException {
        try {
            Libc.INSTANCE.umount2(target.toString(), MNT_DETACH);
        } catch (LastErrorException e) {
            throw Errno.io("cannot unmount " + target, e);
        }
    }

    private void mountOne(MountSpec spec, Path target) throws IOException {
        MountFlags parsed = MountFlags.parse(spec.options());
        if (spec.type().equals("bind") || parsed.isBind()) {
            bind(spec, target, parsed);
            return;
        }
        Runnable call = () -> {
            try {
                Libc.INSTANCE.mount(spec.source(), target.toString(), spec.type(), parsed.flags(), parsed.data());
            } catch (LastErrorException e) {
                throw new UncheckedIOException(Errno.io("cannot mount " + spec.type() + " on " + target, e));
            }
        };
        if (spec.workingDirectory().isPresent()) {
            inDirectory(spec.workingDirectory().get(), call);
        } else {
            runUnchecked(call);
        }
    }

    private void bind(MountSpec spec, Path target, MountFlags parsed) throws IOException {
        long flags = MountFlags.MS_BIND | (parsed.flags() & MountFlags.MS_REC);
        try {
            Libc.INSTANCE.mount(spec.source(), target.toString(), null, flags, null);
            if (parsed.isReadOnly()) {
                // A bind mount ignores MS_RDONLY on creation; it takes effect only on a remount.
                Libc.INSTANCE.mount(null, target.toString(), null,
                        parsed.flags() | MountFlags.MS_BIND | MountFlags.MS_REMOUNT, null);
            }
        } catch (LastErrorException e) {
            throw Errno.io("cannot bind-mount " + spec.source() + " on " + target, e);
        }
    }

    /**
     * Runs a mount with {@code directory} as current directory. The JVM's threads share one current
     * directory, so the call runs on a fresh thread that first unshares its file-system attributes: the
     * chdir is then that thread's alone.
     */
    private static void inDirectory(Path directory, Runnable call) throws IOException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Libc.INSTANCE.unshare(CLONE_FS);
                Libc.INSTANCE.chdir(directory.toString());
                call.run();
            } catch (LastErrorException e) {
                failure.set(Errno.io("cannot enter " + directory + " to mount", e));
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "berth-mount");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting", e);
        }
        Throwable t = failure.get();
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof UncheckedIOException) {
            throw ((UncheckedIOException) t).getCause();
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
    }

    private static void runUnchecked(Runnable call) throws IOException {
        try {
            call.run();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
