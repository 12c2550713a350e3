package dev.berth.core.container;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.archive.Change;
import dev.berth.core.archive.LayerApplier;
import dev.berth.core.archive.LayerDiffs;
import dev.berth.core.archive.TreeChanges;
import dev.berth.core.image.History;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageChanges;
import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.RunConfig;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.layer.WritableLayer;
import dev.berth.core.model.Digest;
import dev.berth.spi.LayerFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A container's files: {@code diff}, {@code export}, {@code cp} both ways, and {@code commit}. A running
 * container's tree is reached through its main process ({@code /proc/PID/root}), so that nothing of it is
 * mounted twice; a stopped one's is mounted on the host for the time it takes.
 */
public final class ContainerFiles {

    private final ContainerEngine engine;
    private final LayerStore layers;
    private final ImageStore images;

    public ContainerFiles(ContainerEngine engine, LayerStore layers, ImageStore images) {
        this.engine = engine;
        this.layers = layers;
        this.images = images;
    }

    /** {@code diff}: what the container changed, sorted by path. */
    public List<Change> changes(Container container) throws BerthException {
        List<Change> changes = new ArrayList<>(layers.changes(writable(container)));
        changes.sort((a, b) -> a.path().compareTo(b.path()));
        return changes;
    }

    /** {@code export}: the container's whole file system as a tar. */
    public void export(Container container, OutputStream out) throws BerthException {
        try (Root root = root(container)) {
            LayerDiffs.writeChanges(root.path(), TreeChanges.betweenTrees(null, root.path()), out);
        } catch (IOException e) {
            throw new EngineFailureException("cannot export container " + container.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code cp CONTAINER:PATH -}: a tar of the file or directory at {@code path}, named by its last component. */
    public void copyOut(Container container, String path, OutputStream out) throws BerthException {
        try (Root root = root(container)) {
            Path source = existing(root, path, container);
            Path parent = source.getParent();
            String name = source.getFileName().toString();
            List<Change> entries = new ArrayList<>();
            for (Change change : TreeChanges.betweenTrees(null, parent)) {
                if (change.path().equals(name) || change.path().startsWith(name + "/")) {
                    entries.add(change);
                }
            }
            LayerDiffs.writeChanges(parent, entries, out);
        } catch (IOException e) {
            throw new EngineFailureException("cannot copy " + path + " out of " + container.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code cp CONTAINER:PATH HOSTPATH}: into an existing directory under its own name, else to that path. */
    public void copyOut(Container container, String path, Path target) throws BerthException {
        try (Root root = root(container)) {
            Path source = existing(root, path, container);
            Path destination = Files.isDirectory(target) ? target.resolve(source.getFileName().toString()) : target;
            copyTree(source, destination);
        } catch (IOException e) {
            throw new EngineFailureException("cannot copy " + path + " out of " + container.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code cp - CONTAINER:DIR}: a tar extracted into a directory of the container. */
    public void copyIn(Container container, InputStream tar, String directory) throws BerthException {
        try (Root root = root(container)) {
            Path target = RootPaths.resolve(root.path(), directory);
            if (!Files.isDirectory(target)) {
                throw new InvalidInputException("Error: extraction point is not a directory: " + directory);
            }
            new LayerApplier().apply(tar, new LayerFiles(target, LayerFiles.Layout.FULL_TREE));
        } catch (IOException e) {
            throw new EngineFailureException("cannot copy into " + container.name() + ": " + e.getMessage(), e);
        }
    }

    /** {@code cp HOSTPATH CONTAINER:PATH}: into an existing directory under its own name, else to that path. */
    public void copyIn(Container container, Path source, String path) throws BerthException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotFoundException("no such file or directory: " + source);
        }
        try (Root root = root(container)) {
            Path target = RootPaths.resolve(root.path(), path);
            Path destination = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
                    ? target.resolve(source.getFileName().toString()) : target;
            if (!Files.isDirectory(destination.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("no such directory in container " + container.name() + ": "
                        + Path.of(path).getParent());
            }
            copyTree(source, destination);
        } catch (IOException e) {
            throw new EngineFailureException("cannot copy into " + container.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code commit}: the container's changes become the top layer of a new image, whose run config is the
     * container's with {@code changes} applied.
     */
    public Image commit(Container container, Optional<ImageReference> name, String comment, String author,
                        List<String> changes, boolean pause) throws BerthException {
        Image base = images.get(container.image()).orElseThrow(() -> new NotFoundException(
                "the image of container " + container.name() + " (" + container.image().shortHex() + ") is gone"));
        RunConfig run = ImageChanges.apply(runConfig(container, base.config().run()), changes);
        boolean paused = false;
        if (pause && container.state().running() && !container.state().paused()) {
            engine.pause(container);
            paused = true;
        }
        ImageStore.Addition addition = images.begin();
        try {
            WritableLayer writable = writable(container);
            ImageLayer layer = layers.register(diffStream(writable), base.config().topLayer(), Optional.empty(),
                    addition.owner());
            List<Digest> diffIds = new ArrayList<>(base.config().diffIds());
            diffIds.add(layer.diffId());
            List<History> history = new ArrayList<>(base.config().history());
            Instant now = Instant.now();
            history.add(new History(Optional.of(now), String.join(" ", container.config().command()), author, comment,
                    false));
            ImageConfig config = ImageConfig.create(base.config().architecture(), base.config().os(), now, author,
                    comment, run, diffIds, history);
            Image image = addition.commit(config, Optional.of(base.id()));
            addition.finish();
            if (name.isPresent()) {
                images.tag(image.id(), name.get());
            }
            return images.get(image.id()).orElseThrow();
        } catch (BerthException | RuntimeException e) {
            try {
                addition.abandon();
            } catch (BerthException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            if (paused) {
                engine.unpause(container);
            }
        }
    }

    /** The container's config as an image's run config, as {@code docker commit} writes it. */
    private static RunConfig runConfig(Container container, RunConfig base) {
        ContainerConfig c = container.config();
        return new RunConfig(c.user(), c.env(), c.cmd().isEmpty() ? Optional.empty() : Optional.of(c.cmd()),
                c.entrypoint(), c.workingDir(), c.labels(), c.stopSignal(), base.exposedPorts(), base.volumes());
    }

    /** The writable layer's diff as a stream, produced on another thread so it never sits in memory or on disk. */
    private InputStream diffStream(WritableLayer writable) throws EngineFailureException {
        try {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream out = new PipedOutputStream(in);
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread producer = new Thread(() -> {
                try (out) {
                    layers.diff(writable, out);
                } catch (BerthException | IOException | RuntimeException e) {
                    failure.set(e);
                }
            }, "berth-commit-diff");
            producer.setDaemon(true);
            producer.start();
            return new java.io.FilterInputStream(in) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = super.read(buffer, offset, length);
                    if (n < 0 && failure.get() != null) {
                        throw new IOException("cannot read the container's changes: " + failure.get().getMessage(),
                                failure.get());
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the container's changes: " + e.getMessage(), e);
        }
    }

    private WritableLayer writable(Container container) throws BerthException {
        return layers.writable(container.id().hex()).orElseThrow(() -> new EngineFailureException(
                "the writable layer of container " + container.name() + " is missing"));
    }

    private static Path existing(Root root, String path, Container container) throws BerthException, IOException {
        Path resolved = RootPaths.resolve(root.path(), path);
        if (!RootPaths.exists(resolved)) {
            throw new NotFoundException("Could not find the file " + path + " in container " + container.name());
        }
        return resolved;
    }

    /** Copies a tree like {@code cp -a}: modes, times and symlinks as they are. */
    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                if (!Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(dir, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** A container's root on the host, for as long as it is needed. */
    private interface Root extends AutoCloseable {
        Path path();

        @Override
        void close() throws EngineFailureException;
    }

    private Root root(Container container) throws BerthException {
        Container current = engine.refresh(container);
        if (current.state().running() && current.state().pid() > 0) {
            Path proc = Path.of("/proc", Long.toString(current.state().pid()), "root");
            return new Root() {
                @Override
                public Path path() {
                    return proc;
                }

                @Override
                public void close() {
                }
            };
        }
        WritableLayer layer = writable(current);
        Path mounted = layers.mount(layer);
        return new Root() {
            @Override
            public Path path() {
                return mounted;
            }

            @Override
            public void close() throws EngineFailureException {
                layers.unmount(layer);
            }
        };
    }
}
