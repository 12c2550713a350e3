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

    private final Path home;
    private final DriverContext context;

    VfsDriver(Path home, DriverContext context) {
        this.home = home;
        this.context = context;
    }

    @Override
    public void create(String id, Optional<String> parent, boolean writable) throws IOException {
        Path dir = layerDir(id);
        if (Files.exists(dir)) {
            throw new FileAlreadyExistsException(dir.toString(), null, "layer " + id + " exists already");
        }
        Path staging = home.resolve(LAYERS).resolve("." + id + "-creating");
        context.deleteTree(staging);
        try {
            if (parent.isPresent()) {
                Path parentDir = layerDir(parent.get());
                if (!Files.isDirectory(parentDir)) {
                    throw new NoSuchFileException(parentDir.toString(), null,
                            "parent layer " + parent.get() + " does not exist");
                }
                context.copyTree(parentDir, staging);
            } else {
                Files.createDirectory(staging);
            }
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            context.deleteTree(staging);
            throw e;
        }
    }

    @Override
    public void remove(String id) throws IOException {
        Path dir = layerDir(id);
        if (!Files.exists(dir)) {
            return;
        }
        Path doomed = home.resolve(LAYERS).resolve("." + id + "-removing");
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
        try (var entries = Files.newDirectoryStream(home.resolve(LAYERS), ".*")) {
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
