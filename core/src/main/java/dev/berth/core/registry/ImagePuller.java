package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.ProgressStreams;
import dev.berth.core.UncheckedBerthException;
import dev.berth.core.image.Descriptor;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageIndex;
import dev.berth.core.image.ImageManifest;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.MediaTypes;
import dev.berth.core.image.Platform;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * {@code pull}: an image from a registry into the stores, all or nothing. The manifest (the host's or the
 * requested platform's, from an index) and the config are verified against their digests; missing layers
 * download in parallel into {@code data-root/tmp/pull/} (each blob verified as it lands, resumable), while
 * the main thread registers them in order as they complete, each checked against its diff ID before it
 * commits; the image appears only when every layer is in. A pull that fails or dies leaves no image; its
 * complete and partial downloads stay for the next pull to reuse, and are removed once a pull used them.
 */
public final class ImagePuller {

    /** Docker's {@code max-concurrent-downloads} default. */
    static final int PARALLEL_DOWNLOADS = 3;

    private final Registries registries;
    private final Supplier<LayerStore> layerStore;
    private final Supplier<ImageStore> imageStore;
    private final BlobSources sources;
    private final Downloads downloads;
    private LayerStore layers;
    private ImageStore images;

    /**
     * What a pull did.
     *
     * @param reference      the name pulled, with its tag or digest
     * @param manifestDigest the digest of what the registry served for it (an index's, for multi-platform images)
     * @param imageId        the image's ID
     * @param updated        whether anything changed here: a new image, or the name now pointing at it
     */
    public record Result(ImageReference reference, Digest manifestDigest, Digest imageId, boolean updated) {
        public Result {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(manifestDigest, "manifestDigest");
            Objects.requireNonNull(imageId, "imageId");
        }
    }

    /**
     * @param layerStore opens the layer store (lazily: it opens while the registry is asked for the image)
     * @param imageStore opens the image store, likewise
     * @param scratch    where downloads go ({@code data-root/tmp/pull})
     */
    public ImagePuller(Registries registries, Supplier<LayerStore> layerStore, Supplier<ImageStore> imageStore,
                       BlobSources sources, Path scratch) {
        this.registries = registries;
        this.layerStore = layerStore;
        this.imageStore = imageStore;
        this.sources = sources;
        this.downloads = new Downloads(scratch);
    }

    /**
     * Pulls {@code name} (a tag, {@code latest} when it has none, or a digest).
     *
     * @param platform the platform asked for; the host's when empty
     */
    public Result pull(ImageReference name, Optional<Platform> platform, Progress progress) throws BerthException {
        ImageReference reference = name.withDefaultTag();
        // Opening the stores (which repairs what interrupted commands left) overlaps the registry's round trips.
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> {
            layerStore.get();
            imageStore.get();
        });
        ManifestDocument top;
        ImageManifest manifest;
        RegistryClient client;
        try {
            client = registries.client(reference, false, List.of());
            client.ping();
            top = client.manifest(reference.digest().map(Digest::toString)
                    .orElseGet(() -> reference.tag().orElseThrow()));
            manifest = chooseManifest(client, top, platform.orElseGet(Platform::host), reference);
            if (!Set.of(MediaTypes.DOCKER_CONFIG, MediaTypes.OCI_CONFIG).contains(manifest.config().mediaType())) {
                throw new InvalidInputException(reference.familiarString() + " is not a container image: its config "
                        + "has the media type \"" + manifest.config().mediaType() + "\"");
            }
        } catch (BerthException | RuntimeException e) {
            // Never leave a store half opened behind: a failed pull returns only once the opening is over.
            opening.handle((done, failure) -> null).join();
            throw e;
        }
        Descriptor configDescriptor = manifest.config();
        awaitStores(opening);
        Digest id = configDescriptor.digest();
        boolean updated = false;
        if (images.get(id).isEmpty()) {
            byte[] bytes = client.blob(configDescriptor, MediaTypes.MAX_CONFIG_BYTES);
            ImageConfig config = ImageConfig.parse(bytes, "the image config of " + reference.familiarString());
            check(config, manifest, reference, top, platform);
            store(client, manifest, config, progress);
            updated = true;
        }
        updated |= images.name(id, List.of(reference, reference.repository().withDigest(top.digest())));
        recordSources(manifest, id, reference);
        downloads.forget(manifest.layers());
        return new Result(reference, top.digest(), id, updated);
    }

    private void awaitStores(CompletableFuture<Void> opening) throws BerthException {
        try {
            opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedBerthException) {
                throw ((UncheckedBerthException) e.getCause()).getCause();
            }
            throw e;
        }
        layers = layerStore.get();
        images = imageStore.get();
    }

    /** The image manifest itself, or the one an index gives for the platform (fetched by digest, verified). */
    private static ImageManifest chooseManifest(RegistryClient client, ManifestDocument top, Platform platform,
                                                ImageReference reference) throws BerthException {
        if (top.manifest() instanceof ImageManifest) {
            return (ImageManifest) top.manifest();
        }
        ImageIndex index = (ImageIndex) top.manifest();
        Descriptor chosen = index.select(platform).orElseThrow(() -> new dev.berth.core.NotFoundException(
                "no matching manifest for " + platform + " in the manifest list entries of "
                        + reference.familiarString()));
        ManifestDocument child = client.manifest(chosen.digest().toString());
        if (!(child.manifest() instanceof ImageManifest)) {
            throw new InvalidInputException("the index of " + reference.familiarString() + " points at another index "
                    + "for " + platform + "; berth follows one level");
        }
        return (ImageManifest) child.manifest();
    }

    private static void check(ImageConfig config, ImageManifest manifest, ImageReference reference,
                              ManifestDocument top, Optional<Platform> platform) throws InvalidInputException {
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new InvalidInputException("the image config of " + reference.familiarString() + " lists "
                    + config.diffIds().size() + " layers but its manifest " + manifest.layers().size()
                    + "; the image is damaged");
        }
        for (Descriptor layer : manifest.layers()) {
            if (!MediaTypes.LAYERS.contains(layer.mediaType())) {
                throw new InvalidInputException(reference.familiarString() + " has a layer of media type \""
                        + layer.mediaType() + "\", which berth cannot pull");
            }
        }
        Platform actual = new Platform(config.os(), config.architecture(), config.variant());
        if (platform.isPresent() && top.manifest() instanceof ImageManifest && !platform.get().accepts(actual)) {
            throw new InvalidInputException("image with reference " + reference.familiarString()
                    + " was found but its platform (" + actual + ") does not match the specified platform ("
                    + platform.get() + ")");
        }
    }

    /** The layers that are missing, downloaded and registered; then the image, committed. */
    private void store(RegistryClient client, ImageManifest manifest, ImageConfig config, Progress progress)
            throws BerthException {
        List<Digest> chain = config.chainIds();
        List<Descriptor> blobs = manifest.layers();
        ImageStore.Addition addition = images.begin();
        ExecutorService pool = Parallel.pool(PARALLEL_DOWNLOADS, "berth-download");
        try {
            int present = 0;
            while (present < chain.size() && layers.get(chain.get(present)).isPresent()) {
                // A stored chain implies its parents: what is present is a prefix of the image's layers.
                layers.acquire(chain.get(present), addition.owner());
                progress.start(blobs.get(present).digest().shortHex(), "Already exists", -1);
                present++;
            }
            List<Progress.Task> tasks = new ArrayList<>();
            for (int i = present; i < chain.size(); i++) {
                tasks.add(progress.start(blobs.get(i).digest().shortHex(), "Pulling fs layer", -1));
            }
            Map<Digest, Downloads.Fetch> fetched = new LinkedHashMap<>();
            for (int i = present; i < chain.size(); i++) {
                Descriptor blob = blobs.get(i);
                Progress.Task task = tasks.get(i - present);
                if (!fetched.containsKey(blob.digest())) {
                    if (fetched.size() >= PARALLEL_DOWNLOADS) {
                        task.status("Waiting");
                    }
                    fetched.put(blob.digest(), downloads.fetch(client, blob, task, pool));
                }
            }
            Optional<Digest> parent = present == 0 ? Optional.empty() : Optional.of(chain.get(present - 1));
            for (int i = present; i < chain.size(); i++) {
                Descriptor blob = blobs.get(i);
                Downloads.Fetch fetch = fetched.get(blob.digest());
                Progress.Task task = tasks.get(i - present);
                // Extracted as it downloads (the store inflates it on a thread of its own); the store sees the
                // end of the layer only once the blob is verified.
                try (InputStream layer = ProgressStreams.reading(fetch.open(),
                        new ExtractionProgress(task, blob.size(), fetch))) {
                    layers.register(layer, parent, Optional.of(config.diffIds().get(i)), addition.owner());
                } catch (IOException e) {
                    throw new EngineFailureException("cannot close the download of " + blob.digest() + ": "
                            + e.getMessage(), e);
                } catch (BerthException | RuntimeException e) {
                    if (fetch.failed()) {
                        fetch.await(); // The download's own failure says best what went wrong.
                    }
                    if (e instanceof InvalidInputException) {
                        downloads.discard(blob); // Verified as a blob, yet not the layer: get it again next time.
                    }
                    throw e;
                }
                task.done("Pull complete");
                parent = Optional.of(chain.get(i));
            }
            addition.commit(config, Optional.empty());
            addition.finish();
        } catch (BerthException | RuntimeException e) {
            Parallel.stop(pool);
            try {
                addition.abandon();
            } catch (BerthException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * A layer line's extraction progress, held back while its blob still downloads (the line shows the
     * download until then, as Docker's does).
     */
    private static final class ExtractionProgress implements Progress.Task {
        private final Progress.Task line;
        private final long total;
        private long held;
        private boolean shown;

        ExtractionProgress(Progress.Task line, long total, Downloads.Fetch fetch) {
            this.line = line;
            this.total = total;
            fetch.whenComplete(this::show);
        }

        private synchronized void show() {
            if (!shown) {
                shown = true;
                line.phase("Extracting", total);
                line.advance(held);
            }
        }

        @Override
        public synchronized void advance(long bytes) {
            if (shown) {
                line.advance(bytes);
            } else {
                held += bytes;
            }
        }

        @Override
        public void done(String status) {
            line.done(status);
        }
    }

    private void recordSources(ImageManifest manifest, Digest id, ImageReference reference) throws BerthException {
        Image image = images.get(id).orElseThrow();
        List<Digest> diffIds = image.config().diffIds();
        Map<Digest, BlobSources.Source> known = new LinkedHashMap<>();
        for (int i = 0; i < diffIds.size(); i++) {
            Descriptor blob = manifest.layers().get(i);
            known.put(diffIds.get(i), new BlobSources.Source(blob.digest(), blob.size(), reference.domain(),
                    reference.path()));
        }
        sources.record(known);
    }
}
