package dev.berth.core.image;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.ProgressStreams;
import dev.berth.core.archive.Compression;
import dev.berth.core.archive.VerifyingInputStream;
import dev.berth.core.host.ScratchSpace;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code load}: images from an archive into the stores, all or nothing. Everything that can be checked
 * without reading layers is checked first; then every layer is applied and verified against its digests;
 * only then do the images and their names appear. A failure at any point leaves the stores as they were.
 */
public final class ImageLoader {

    private final LayerStore layers;
    private final ImageStore images;
    private final ScratchSpace scratch;

    /** @param scratch where a streamed archive is spooled so that it can be read at random */
    public ImageLoader(LayerStore layers, ImageStore images, ScratchSpace scratch) {
        this.layers = layers;
        this.images = images;
        this.scratch = scratch;
    }

    /** Loads from a stream (standard input): it is spooled to the scratch directory first. */
    public List<LoadedImage> load(InputStream archive, Progress progress) throws BerthException {
        Path spool;
        try {
            spool = scratch.newFile("load", ".tar");
        } catch (IOException e) {
            throw new EngineFailureException("cannot spool the archive: " + e.getMessage(), e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                Compression.decompressed(archive).transferTo(out);
            } catch (IOException e) {
                throw new EngineFailureException("cannot read the archive: " + e.getMessage(), e);
            }
            return loadFile(spool, progress);
        } finally {
            deleteQuietly(spool);
        }
    }

    /** Loads from an archive file (a plain tar, or one compressed with gzip or zstd). */
    public List<LoadedImage> load(Path archive, Progress progress) throws BerthException {
        if (!Files.isRegularFile(archive)) {
            throw new InvalidInputException("open " + archive + ": no such file");
        }
        Compression compression;
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] head = in.readNBytes(4);
            compression = Compression.detect(head, head.length);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + archive + ": " + e.getMessage(), e);
        }
        if (compression == Compression.NONE) {
            return loadFile(archive, progress);
        }
        try (InputStream in = Files.newInputStream(archive)) {
            return load(in, progress);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private List<LoadedImage> loadFile(Path file, Progress progress) throws BerthException {
        try (ArchiveIndex archive = ArchiveIndex.open(file)) {
            List<ArchivedImage> found = ArchiveFormats.read(archive, Platform.host());
            return loadAll(archive, found, progress);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the archive: " + e.getMessage(), e);
        }
    }

    private List<LoadedImage> loadAll(ArchiveIndex archive, List<ArchivedImage> found, Progress progress)
            throws BerthException {
        ImageStore.Addition addition = images.begin();
        List<ArchivedImage> added = new ArrayList<>();
        try {
            for (ArchivedImage image : found) {
                if (images.get(image.config().id()).isEmpty()) {
                    registerLayers(archive, image, addition.owner(), progress);
                    added.add(image);
                }
            }
            for (ArchivedImage image : added) {
                addition.commit(image.config(), Optional.empty());
            }
            addition.finish();
        } catch (BerthException | RuntimeException e) {
            try {
                addition.abandon();
            } catch (BerthException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        List<LoadedImage> loaded = new ArrayList<>();
        for (ArchivedImage image : found) {
            List<LoadedImage.Renamed> renamed = new ArrayList<>();
            Digest id = image.config().id();
            for (ImageReference name : image.names()) {
                Optional<Image> previous = images.find(name.toString());
                if (previous.isPresent() && !previous.get().id().equals(id)) {
                    renamed.add(new LoadedImage.Renamed(name, previous.get().id()));
                }
                images.tag(id, name);
            }
            loaded.add(new LoadedImage(id, image.names(), renamed));
        }
        return loaded;
    }

    private void registerLayers(ArchiveIndex archive, ArchivedImage image, String owner, Progress progress)
            throws BerthException {
        Optional<Digest> parent = Optional.empty();
        List<Digest> diffIds = image.config().diffIds();
        for (int i = 0; i < diffIds.size(); i++) {
            ArchivedLayer layer = image.layers().get(i);
            Digest diffId = diffIds.get(i);
            Progress.Task task = progress.start(diffId.shortHex(), "Loading layer", layer.entry().getSize());
            try (InputStream blob = archive.open(layer.entry())) {
                InputStream in = ProgressStreams.reading(blob, task);
                if (layer.blobDigest().isPresent()) {
                    in = new VerifyingInputStream(in, layer.blobDigest().get(), layer.blobSize(),
                            "layer blob " + layer.blobDigest().get());
                }
                layers.register(in, parent, Optional.of(diffId), owner);
            } catch (IOException e) {
                throw new InvalidInputException("cannot read layer " + diffId + " from the archive: "
                        + e.getMessage(), e);
            }
            task.done("Loaded");
            parent = Optional.of(Digest.chain(parent, diffId));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The scratch directory is cleaned by later commands too; the load's own result matters more.
        }
    }
}
