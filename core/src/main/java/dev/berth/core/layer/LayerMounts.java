package dev.berth.core.layer;

import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.Mounter;
import dev.berth.core.host.ProcessId;
import dev.berth.spi.MountSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Host mounts of layers, for what berth does outside containers (naive diff, export, cp, commit of a
 * stopped container), counted across processes: {@code exec-root/layers/<driver>/mounts/<cache id>} lists
 * one line per hold, naming the holding process. A hold of a process that died no longer counts, so a
 * killed berth never pins a mount for good; the mount itself goes when the last live hold is released.
 * Callers hold the store lock.
 */
final class LayerMounts {

    private final Path holds;
    private final Path mountPoints;
    private final Mounter mounter;

    LayerMounts(Path root, Mounter mounter) throws IOException {
        this.holds = Files.createDirectories(root.resolve("mounts"));
        this.mountPoints = Files.createDirectories(root.resolve("mnt"));
        this.mounter = mounter;
    }

    /** Mounts the layer described by {@code mounts} (or takes one more hold on its mount). */
    Path acquire(String cacheId, List<MountSpec> mounts) throws IOException {
        Path target = mountPoints.resolve(cacheId);
        List<ProcessId> live = liveHolds(cacheId);
        if (live.isEmpty()) {
            Files.createDirectories(target);
            if (isMountPoint(target)) {
                mounter.unmount(target); // Left by a holder that died.
            }
            mounter.mount(mounts, target);
        }
        live.add(ProcessId.current());
        writeHolds(cacheId, live);
        return target;
    }

    /** Drops one hold of this process; the last live hold unmounts. */
    void release(String cacheId) throws IOException {
        Path target = mountPoints.resolve(cacheId);
        List<ProcessId> live = liveHolds(cacheId);
        live.remove(ProcessId.current());
        if (live.isEmpty()) {
            while (isMountPoint(target)) {
                mounter.unmount(target);
            }
            Files.deleteIfExists(target);
            Files.deleteIfExists(holds.resolve(cacheId));
        } else {
            writeHolds(cacheId, live);
        }
    }

    /** Whether a live process holds the layer mounted (such a layer cannot be removed). */
    boolean isMounted(String cacheId) throws IOException {
        return !liveHolds(cacheId).isEmpty();
    }

    private List<ProcessId> liveHolds(String cacheId) throws IOException {
        List<ProcessId> live = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(holds.resolve(cacheId), StandardCharsets.US_ASCII)) {
                if (!line.isBlank() && ProcessId.parse(line).isAlive()) {
                    live.add(ProcessId.parse(line));
                }
            }
        } catch (NoSuchFileException e) {
            // Not mounted.
        }
        return live;
    }

    private void writeHolds(String cacheId, List<ProcessId> live) throws IOException {
        StringBuilder text = new StringBuilder();
        live.forEach(holder -> text.append(holder).append('\n'));
        AtomicFiles.write(holds.resolve(cacheId), text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether something is mounted on {@code target}, from this process's mount table. */
    static boolean isMountPoint(Path target) throws IOException {
        String wanted = target.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }
}
