package dev.berth.storage.overlay;

import dev.berth.spi.DriverContext;
import dev.berth.spi.FileSystemInfo;
import dev.berth.spi.LayerFiles;
import dev.berth.spi.MountSpec;
import dev.berth.spi.RandomBytes;
import dev.berth.spi.StatusLine;
import dev.berth.spi.StorageDriver;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays out layers for overlayfs the way Docker's overlay2 and containers/storage do:
 * {@code <id>/diff} holds the layer's changes, {@code <id>/work} is overlay's scratch directory,
 * {@code <id>/link} names a short symlink {@code l/<link>} to the diff, and {@code <id>/lower} lists the
 * parents' short links, topmost first. Mounts are described with paths relative to the home directory, so
 * that the lowerdir list of a 125-layer stack still fits in the one page that mount(2) accepts.
 */
final class OverlayDriver implements StorageDriver {

    /** Docker's layer store refuses chains deeper than this; so does berth. */
    static final int MAX_DEPTH = 125;

    private static final String LINKS = "l";
    private static final String REMOVING = "-removing";
    private static final int LINK_LENGTH = 26;
    private static final char[] LINK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final Path home;
    private final DriverContext context;

    OverlayDriver(Path home, DriverContext context) {
        this.home = home;
        this.context = context;
    }

    @Override
    public void create(String id, Optional<String> parent, boolean writable) throws IOException {
        Path dir = layerDir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "layer " + id + " exists already");
        }
        List<String> lowers = new ArrayList<>();
        if (parent.isPresent()) {
            if (!exists(parent.get())) {
                throw new NoSuchFileException(layerDir(parent.get()).toString(), null,
                        "parent layer " + parent.get() + " does not exist");
            }
            lowers.add(LINKS + "/" + link(parent.get()));
            lowers.addAll(lowers(parent.get()));
            // An image layer's own mount stacks itself on its lowers; a container's layer is the upper one.
            int depth = writable ? lowers.size() : lowers.size() + 1;
            if (depth > MAX_DEPTH) {
                throw new IOException("too many layers: overlay stacks at most " + MAX_DEPTH
                        + " image layers; squash the image");
            }
        }
        Files.createDirectories(home.resolve(LINKS));
        // Built in place: core's layer store records the layer as incomplete before calling, and removes
        // whatever a crash leaves (remove() copes with a half-made layer).
        Files.createDirectory(dir);
        Files.createDirectory(dir.resolve("diff"));
        Files.createDirectory(dir.resolve("work"));
        String link = newLink();
        Files.writeString(dir.resolve("link"), link);
        if (!lowers.isEmpty()) {
            Files.writeString(dir.resolve("lower"), String.join(":", lowers));
        }
        if (writable) {
            Files.createFile(dir.resolve("writable"));
        }
        Files.createSymbolicLink(home.resolve(LINKS).resolve(link), Path.of("..", id, "diff"));
    }

    @Override
    public void remove(String id) throws IOException {
        Path dir = layerDir(id);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Rename first, so that a crash half-way never leaves a layer that looks whole.
        Path doomed = home.resolve("." + id + REMOVING);
        Files.move(dir, doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Path linkFile = doomed.resolve("link");
        if (Files.exists(linkFile)) {
            Files.deleteIfExists(home.resolve(LINKS).resolve(Files.readString(linkFile).strip()));
        }
        context.deleteTree(doomed);
    }

    @Override
    public boolean exists(String id) {
        return Files.isDirectory(layerDir(id).resolve("diff"));
    }

    @Override
    public LayerFiles files(String id) {
        return new LayerFiles(layerDir(id).resolve("diff"), LayerFiles.Layout.OVERLAY_CHANGES);
    }

    @Override
    public List<MountSpec> mounts(String id) throws IOException {
        List<String> lowers = lowers(id);
        if (isWritable(id)) {
            if (lowers.isEmpty()) {
                // overlayfs needs a lower directory; an empty one stands in for a missing parent.
                Files.createDirectories(home.resolve("empty"));
                lowers = List.of("empty");
            }
            return List.of(new MountSpec("overlay", "overlay", List.of(
                    "lowerdir=" + String.join(":", lowers),
                    "upperdir=" + id + "/diff",
                    "workdir=" + id + "/work"), Optional.of(home)));
        }
        if (lowers.isEmpty()) {
            return List.of(MountSpec.bind(files(id).directory(), true));
        }
        List<String> all = new ArrayList<>();
        all.add(LINKS + "/" + link(id));
        all.addAll(lowers);
        return List.of(new MountSpec("overlay", "overlay", List.of("lowerdir=" + String.join(":", all), "ro"),
                Optional.of(home)));
    }

    @Override
    public Map<String, String> metadata(String id) throws IOException {
        Map<String, String> data = new LinkedHashMap<>();
        List<String> lowers = lowers(id);
        if (!lowers.isEmpty()) {
            // The real diff directories, as Docker shows them, not the short links the mount uses.
            List<String> real = new ArrayList<>();
            for (String lower : lowers) {
                Path link = home.resolve(lower);
                real.add(Files.isSymbolicLink(link) ? link.resolveSibling(Files.readSymbolicLink(link)).normalize()
                        .toString() : link.toString());
            }
            data.put("LowerDir", String.join(":", real));
        }
        data.put("MergedDir", layerDir(id).resolve("merged").toString());
        data.put("UpperDir", layerDir(id).resolve("diff").toString());
        data.put("WorkDir", layerDir(id).resolve("work").toString());
        return data;
    }

    @Override
    public List<StatusLine> status() {
        List<StatusLine> lines = new ArrayList<>();
        try {
            FileSystemInfo fs = context.fileSystem(home);
            lines.add(new StatusLine("Backing Filesystem", fs.name()));
            lines.add(new StatusLine("Supports d_type", Boolean.toString(fs.supportsDType())));
        } catch (IOException e) {
            lines.add(new StatusLine("Backing Filesystem", "unknown (" + e.getMessage() + ")"));
        }
        lines.add(new StatusLine("Native Overlay Diff", "true"));
        lines.add(new StatusLine("userxattr", "false"));
        return lines;
    }

    @Override
    public void cleanup() throws IOException {
        // Only removals are left as dot-entries, and they run under core's store lock, as does cleanup():
        // whatever is found here belongs to a process that died.
        try (var entries = Files.newDirectoryStream(home, ".*" + REMOVING)) {
            for (Path leftover : entries) {
                context.deleteTree(leftover);
            }
        }
    }

    private Path layerDir(String id) {
        if (id.isEmpty() || id.contains("/") || id.startsWith(".") || id.equals(LINKS)) {
            throw new IllegalArgumentException("invalid layer id \"" + id + "\"");
        }
        return home.resolve(id);
    }

    private boolean isWritable(String id) {
        return Files.exists(layerDir(id).resolve("writable"));
    }

    private String link(String id) throws IOException {
        return Files.readString(layerDir(id).resolve("link")).strip();
    }

    private List<String> lowers(String id) throws IOException {
        Path lower = layerDir(id).resolve("lower");
        if (!Files.exists(lower)) {
            return List.of();
        }
        return Arrays.asList(Files.readString(lower).strip().split(":"));
    }

    private static String newLink() {
        // 32 letters: the low five bits of each random byte pick one, without bias.
        byte[] random = RandomBytes.of(LINK_LENGTH);
        char[] link = new char[LINK_LENGTH];
        for (int i = 0; i < link.length; i++) {
            link[i] = LINK_ALPHABET[random[i] & (LINK_ALPHABET.length - 1)];
        }
        return new String(link);
    }
}
