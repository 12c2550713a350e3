package dev.berth.storage.overlay;

import dev.berth.spi.DriverContext;
import dev.berth.spi.FileSystemInfo;
import dev.berth.spi.MountSpec;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether overlayfs works for a home directory, the way containers/storage decides it: the backing
 * file system must not be one overlay cannot stack on, must report {@code d_type}, and a real test mount
 * with two lower layers, a whiteout and a deletion through the merged tree must behave. The result is cached
 * for the rest of the boot in the driver's run directory, since the test mount costs milliseconds.
 */
final class OverlayProbe {

    private static final Set<String> UNSTACKABLE = Set.of("overlayfs", "aufs", "ecryptfs");
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final String CACHE = "overlay-probe";

    private final DriverContext context;

    OverlayProbe(DriverContext context) {
        this.context = context;
    }

    Support check(Path home) {
        Path cache = context.runDirectory().resolve(CACHE);
        Optional<Support> cached = readCache(cache);
        if (cached.isPresent()) {
            return cached.get();
        }
        Support result = probe(home);
        writeCache(cache, result);
        return result;
    }

    private Support probe(Path home) {
        try {
            Files.createDirectories(home);
            FileSystemInfo fs = context.fileSystem(home);
            if (UNSTACKABLE.contains(fs.name())) {
                return Support.no("the backing file system of " + home + " is " + fs.name()
                        + ", which overlay cannot be stacked on; put data-root on another file system or use "
                        + "--storage-driver vfs");
            }
            if (!fs.supportsDType()) {
                return Support.no("the backing file system of " + home + " (" + fs.name() + ") does not support "
                        + "d_type; on xfs, reformat with ftype=1");
            }
            return testMount(home);
        } catch (IOException e) {
            return Support.no("cannot probe " + home + ": " + e.getMessage());
        }
    }

    private Support testMount(Path home) throws IOException {
        Path scratch = Files.createTempDirectory(home, ".probe-");
        try {
            Path lower1 = Files.createDirectories(scratch.resolve("l1"));
            Path lower2 = Files.createDirectories(scratch.resolve("l2"));
            Path upper = Files.createDirectories(scratch.resolve("u"));
            Path work = Files.createDirectories(scratch.resolve("w"));
            Path merged = Files.createDirectories(scratch.resolve("m"));
            Files.writeString(lower1.resolve("hidden"), "x");
            Files.writeString(lower1.resolve("deleted"), "x");
            Files.writeString(lower2.resolve("kept"), "x");
            context.createWhiteout(upper.resolve("hidden"));
            MountSpec overlay = new MountSpec("overlay", "overlay",
                    List.of("lowerdir=l2:l1", "upperdir=u", "workdir=w"), Optional.of(scratch));
            try {
                context.mount(List.of(overlay), merged);
            } catch (IOException e) {
                return Support.no("a test overlay mount failed: " + e.getMessage());
            }
            try {
                if (Files.exists(merged.resolve("hidden"), LinkOption.NOFOLLOW_LINKS)) {
                    return Support.no("a whiteout in the test mount did not hide the lower file");
                }
                if (!Files.exists(merged.resolve("kept"))) {
                    return Support.no("the test mount does not show its lower layers");
                }
                Files.delete(merged.resolve("deleted"));
            } finally {
                context.unmount(merged);
            }
            if (!isWhiteout(upper.resolve("deleted"))) {
                return Support.no("deleting through the test mount did not leave a 0/0 whiteout");
            }
            return Support.yes();
        } finally {
            context.deleteTree(scratch);
        }
    }

    private static boolean isWhiteout(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        long rdev = (Long) Files.getAttribute(path, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000 && rdev == 0;
    }

    private static Optional<Support> readCache(Path cache) {
        try {
            List<String> lines = Files.readAllLines(cache, StandardCharsets.UTF_8);
            if (lines.size() < 2 || !lines.get(0).equals(Files.readString(BOOT_ID).strip())) {
                return Optional.empty();
            }
            return Optional.of(lines.get(1).equals("supported") ? Support.yes() : Support.no(lines.get(2)));
        } catch (IOException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private static void writeCache(Path cache, Support result) {
        try {
            String content = Files.readString(BOOT_ID).strip() + "\n"
                    + (result.supported() ? "supported\n" : "unsupported\n" + result.reason() + "\n");
            Path temp = Files.createTempFile(cache.getParent(), CACHE, ".tmp");
            Files.writeString(temp, content);
            Files.move(temp, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // The cache only saves time: without it the next command probes again.
        }
    }
}
