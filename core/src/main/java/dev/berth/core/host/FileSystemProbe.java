package dev.berth.core.host;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.berth.spi.FileSystemInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Tells which file system holds a path ({@code statfs(2)}) and whether it fills in {@code d_type}. */
public final class FileSystemProbe {

    /** Magic numbers from statfs(2), named as Docker names them in {@code docker info}. */
    private static final Map<Long, String> NAMES = Map.ofEntries(
            Map.entry(0xEF53L, "extfs"),
            Map.entry(0x58465342L, "xfs"),
            Map.entry(0x9123683EL, "btrfs"),
            Map.entry(0x2FC12FC1L, "zfs"),
            Map.entry(0x01021994L, "tmpfs"),
            Map.entry(0x858458F6L, "ramfs"),
            Map.entry(0x794C7630L, "overlayfs"),
            Map.entry(0x61756673L, "aufs"),
            Map.entry(0xF15FL, "ecryptfs"),
            Map.entry(0x6969L, "nfs"),
            Map.entry(0x65735546L, "fuse"),
            Map.entry(0x73717368L, "squashfs"),
            Map.entry(0x63677270L, "cgroup2"),
            Map.entry(0x27E0EBL, "cgroup"),
            Map.entry(0xF2F52010L, "f2fs"),
            Map.entry(0x5346544EL, "ntfs"),
            Map.entry(0x4D44L, "vfat"));

    private static final int STATFS_SIZE = 256;
    private static final int DIRENT_TYPE_OFFSET = 18;
    private static final int DT_UNKNOWN = 0;

    /** The file system's magic number. */
    public long magic(Path path) throws IOException {
        try (Memory buffer = new Memory(STATFS_SIZE)) {
            Libc.INSTANCE.statfs(path.toString(), buffer);
            // f_type is the first field, a long on every 64-bit Linux ABI.
            return buffer.getLong(0) & 0xFFFFFFFFL;
        } catch (LastErrorException e) {
            throw Errno.io("cannot statfs " + path, e);
        }
    }

    public static String name(long magic) {
        return NAMES.getOrDefault(magic, String.format("<unknown> (0x%x)", magic));
    }

    /** What {@code statfs} and a directory read tell about {@code directory}, which must exist. */
    public FileSystemInfo probe(Path directory) throws IOException {
        long magic = magic(directory);
        return new FileSystemInfo(name(magic), magic, supportsDType(directory));
    }

    /**
     * Reads a scratch directory holding one file and checks that the kernel reports the entry's type, as
     * overlayfs requires (xfs formatted with ftype=0 does not).
     */
    boolean supportsDType(Path directory) throws IOException {
        Path scratch = Files.createTempDirectory(directory, ".d_type-probe");
        try {
            Files.createFile(scratch.resolve("f"));
            Pointer dir = Libc.INSTANCE.opendir(scratch.toString());
            try {
                for (Pointer entry = Libc.INSTANCE.readdir64(dir); entry != null;
                     entry = Libc.INSTANCE.readdir64(dir)) {
                    if (entry.getByte(DIRENT_TYPE_OFFSET) == DT_UNKNOWN) {
                        return false;
                    }
                }
                return true;
            } finally {
                Libc.INSTANCE.closedir(dir);
            }
        } catch (LastErrorException e) {
            throw Errno.io("cannot read directory " + scratch, e);
        } finally {
            Files.deleteIfExists(scratch.resolve("f"));
            Files.deleteIfExists(scratch);
        }
    }
}
