package dev.berth.examples.naivecopy;

import dev.berth.spi.DriverContext;
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

/** Layers as full copies of their parents, in {@code layers/<id>}; berth's core does the diffs. */
final class NaiveCopyDriver implements StorageDriver {

    private final Path layers;
    private final DriverContext context;
    private final boolean verify;

    NaiveCopyDriver(Path layers, DriverContext context, boolean verify) {
        this.layers = layers;
        this.context = context;
        this.verify = verify;
    }

    @Override
    public void create(String id, Optional<String> parent, boolean writable) throws IOException {
        Path target = layer(id);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path partial = layers.resolve(".partial-" + id);
        context.deleteTree(partial);
        if (parent.isPresent()) {
            Path source = layer(parent.get());
            if (!Files.isDirectory(source)) {
                throw new NoSuchFileException(source.toString(), null, "no parent layer " + parent.get());
            }
            context.copyTree(source, partial);
            if (verify && !sameNames(source, partial)) {
                context.deleteTree(partial);
                throw new IOException("copy of layer " + parent.get() + " is incomplete");
            }
        } else {
            Files.createDirectory(partial);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean sameNames(Path a, Path b) throws IOException {
        try (var left = Files.walk(a); var right = Files.walk(b)) {
            return left.count() == right.count();
        }
    }

    @Override
    public void remove(String id) throws IOException {
        context.deleteTree(layer(id));
    }

    @Override
    public boolean exists(String id) {
        return Files.isDirectory(layer(id));
    }

    @Override
    public LayerFiles files(String id) {
        return new LayerFiles(layer(id), LayerFiles.Layout.FULL_TREE);
    }

    @Override
    public List<MountSpec> mounts(String id) {
        return List.of(MountSpec.bind(layer(id), false));
    }

    @Override
    public Map<String, String> metadata(String id) {
        return Map.of("Dir", layer(id).toString());
    }

    @Override
    public List<StatusLine> status() {
        return List.of(new StatusLine("Layers Directory", layers.toString()),
                new StatusLine("Verify Copies", Boolean.toString(verify)));
    }

    @Override
    public void cleanup() throws IOException {
        try (var entries = Files.newDirectoryStream(layers, ".partial-*")) {
            for (Path partial : entries) {
                context.deleteTree(partial);
            }
        }
    }

    private Path layer(String id) {
        if (id.isEmpty() || id.contains("/") || id.startsWith(".")) {
            throw new IllegalArgumentException("invalid layer id \"" + id + "\"");
        }
        return layers.resolve(id);
    }
}
