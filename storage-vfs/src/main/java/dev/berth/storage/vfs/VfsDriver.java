package dev.berth.storage.vfs;

import dev.berth.spi.DriverContext;
import dev.berth.spi.FileSystemInfo;
import dev.berth.spi.LayerFiles;
import dev.berth.spi.MountSpec;
import dev.berth.spi.StatusLine;
import dev.berth.spi.StorageDriver;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each layer is a complete copy of its parent's tree ({@code dir/<id>}), so it works on any file system, at
 * the price of disk space and time that grow with the image. Mounting a layer is a bind mount of its tree;
 * its diff comes from core's naive diff against the parent's tree.
 */
final class VfsDriver implements StorageDriver {

    static final String LAYERS = "dir";
    private static final String REMOVING = "-removing";

    private final Path home;
    private final DriverContext context;

    VfsDriver(Path home, DriverContext context) {
        this.home = home;
        this.context = context;
    }

    @Override
    public void create(String id, Optional<String> parent, boolean writable) throws IOException {
        Path dir = layerDir(id);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "layer " + id + " exists already");
        }
        if (parent.isEmpty()) {
            Files.createDirectory(dir);
            return;
        }
        Path parentDir = layerDir(parent.get());
        if (!Files.isDirectory(parentDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(parentDir.toString(), null, "parent layer " + parent.get()
                    + " does not exist");
        }
        // Copied in place: core's layer store records the layer as incomplete before calling, and removes
        // whatever a crash leaves.
        context.copyTree(parentDir, dir);
    }

    @Override
    public void remove(String id) throws IOException {
        Path dir = layerDir(id);
        if (!Files.exists(dir)) {
            return;
        }
        Path doomed = home.resolve(LAYERS).resolve("." + id + REMOVING);
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        context.deleteTree(doomed);
    }

    @Override
    public boolean exists(String id) {
        return Files.isDirectory(layerDir(id));
    }

    @Override
    public LayerFiles files(String id) {
        return new LayerFiles(layerDir(id), LayerFiles.Layout.FULL_TREE);
    }

    @Override
    public List<MountSpec> mounts(String id) {
        return List.of(MountSpec.bind(layerDir(id), false));
    }

    @Override
    public Map<String, String> metadata(String id) {
        return Map.of();
    }

    @Override
    public List<StatusLine> status() {
        try {
            FileSystemInfo fs = context.fileSystem(home);
            return List.of(new StatusLine("Backing Filesystem", fs.name()));
        } catch (IOException e) {
            return List.of(new StatusLine("Backing Filesystem", "unknown (" + e.getMessage() + ")"));
        }
    }

    @Override
    public void cleanup() throws IOException {
        // Removals run under core's store lock, as does cleanup(): a leftover belongs to a process that died.
        try (var entries = Files.newDirectoryStream(home.resolve(LAYERS), ".*" + REMOVING)) {
            for (Path leftover : entries) {
                context.deleteTree(leftover);
            }
        }
    }

    private Path layerDir(String id) {
        if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
            throw new IllegalArgumentException("invalid layer id \"" + id + "\"");
        }
        return home.resolve(LAYERS).resolve(id);
    }
}
