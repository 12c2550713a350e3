package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import dev.berth.spi.DriverContext;
import dev.berth.spi.FileSystemInfo;
import dev.berth.spi.MountSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The host operations lent to one storage driver. */
public final class HostDriverContext implements DriverContext {

    private static final int S_IFCHR = 0020000;

    private final Path runDirectory;
    private final Mounter mounter;
    private final FileSystemProbe fileSystems;

    public HostDriverContext(Path runDirectory, Mounter mounter, FileSystemProbe fileSystems) {
        this.runDirectory = Objects.requireNonNull(runDirectory, "runDirectory");
        this.mounter = mounter;
        this.fileSystems = fileSystems;
    }

    @Override
    public Path runDirectory() {
        return runDirectory;
    }

    @Override
    public void mount(List<MountSpec> mounts, Path target) throws IOException {
        mounter.mount(mounts, target);
    }

    @Override
    public void unmount(Path target) throws IOException {
        mounter.unmount(target);
    }

    @Override
    public FileSystemInfo fileSystem(Path path) throws IOException {
        return fileSystems.probe(path);
    }

    @Override
    public void createWhiteout(Path path) throws IOException {
        try {
            Libc.INSTANCE.mknod(path.toString(), S_IFCHR, 0L);
        } catch (LastErrorException e) {
            throw Errno.io("cannot create whiteout " + path, e);
        }
    }

    @Override
    public void setXattr(Path path, String name, byte[] value) throws IOException {
        try {
            Libc.INSTANCE.lsetxattr(path.toString(), name, value, value.length, 0);
        } catch (LastErrorException e) {
            throw Errno.io("cannot set " + name + " on " + path, e);
        }
    }

    @Override
    public void deleteTree(Path root) throws IOException {
        FileTrees.delete(root);
    }

    @Override
    public void copyTree(Path source, Path target) throws IOException {
        FileTrees.copy(source, target);
    }
}
