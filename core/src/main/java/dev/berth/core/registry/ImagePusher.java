package dev.berth.core.registry;

import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.NotFoundException;
import dev.berth.core.Progress;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageConfig;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.MediaTypes;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code push}: an image from the stores to a registry, as Docker pushes it. Each layer is skipped when the
 * registry has it ({@code HEAD} by the compressed digest berth knows for it), mounted from another
 * repository of the registry that has it, or uploaded gzip-compressed from its original bytes; then the
 * config, then a Docker schema 2 manifest under the tag. Layers go in parallel.
 */
public final class ImagePusher {

    /** Docker's {@code max-concurrent-uploads} is 5; three keep two cores busy compressing. */
    static final int PARALLEL_UPLOADS = 3;
    /** Known digests of a layer tried before uploading it. */
    private static final int CANDIDATES = 3;

    private final Registries registries;
    private final LayerStore layers;
    private final ImageStore images;
    private final BlobSources sources;

    /**
     * What a push did.
     *
     * @param reference the name pushed, with its tag
     * @param digest    the digest of the manifest pushed
     * @param size      the manifest's size in bytes
     */
    public record Result(ImageReference reference, Digest digest, long size) {
        public Result {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(digest, "digest");
        }
    }

    public ImagePusher(Registries registries, LayerStore layers, ImageStore images, BlobSources sources) {
        this.registries = registries;
        this.layers = layers;
        this.images = images;
        this.sources = sources;
    }

    /** Pushes {@code reference} (which has a tag). */
    public Result push(ImageReference reference, Progress progress) throws BerthException {
        String tag = reference.tag().orElseThrow(() -> new IllegalArgumentException("push needs a tag"));
        Image image = images.find(reference.toString()).orElseThrow(() -> new NotFoundException(
                "An image does not exist locally with the tag: " + reference.familiarName()));
        ImageConfig config = image.config();
        List<ImageLayer> stack = new ArrayList<>();
        for (Digest chainId : config.chainIds()) {
            stack.add(layers.get(chainId).orElseThrow(() -> new EngineFailureException("layer " + chainId
                    + " of image " + image.id().shortHex() + " is missing from the store")));
        }
        RegistryClient client = registries.client(reference, true, List.of());
        client.ping();
        List<PushedBlob> pushed = pushLayers(client, reference, stack, progress);
        if (client.blobSize(config.id()).isEmpty()) {
            client.upload(config.id(), config.bytes());
        }
        byte[] manifest = manifest(config, pushed);
        Digest digest = client.putManifest(tag, MediaTypes.DOCKER_MANIFEST, manifest);
        images.tag(image.id(), reference.repository().withDigest(digest));
        Map<Digest, BlobSources.Source> known = new LinkedHashMap<>();
        for (int i = 0; i < stack.size(); i++) {
            known.put(stack.get(i).diffId(), new BlobSources.Source(pushed.get(i).digest(), pushed.get(i).size(),
                    reference.domain(), reference.path()));
        }
        sources.record(known);
        return new Result(reference, digest, manifest.length);
    }

    private List<PushedBlob> pushLayers(RegistryClient client, ImageReference reference, List<ImageLayer> stack,
                                        Progress progress) throws BerthException {
        // Docker lists the top layer first.
        List<Progress.Task> tasks = new ArrayList<>();
        for (int i = stack.size() - 1; i >= 0; i--) {
            tasks.add(0, progress.start(stack.get(i).diffId().shortHex(), "Preparing", -1));
        }
        ExecutorService pool = Parallel.pool(PARALLEL_UPLOADS, "berth-upload");
        try {
            List<Future<PushedBlob>> futures = new ArrayList<>();
            for (int i = stack.size() - 1; i >= 0; i--) {
                ImageLayer layer = stack.get(i);
                Progress.Task task = tasks.get(i);
                if (stack.size() - 1 - i >= PARALLEL_UPLOADS) {
                    task.status("Waiting");
                }
                futures.add(0, pool.submit(() -> pushLayer(client, reference, layer, task)));
            }
            List<PushedBlob> pushed = new ArrayList<>();
            for (Future<PushedBlob> future : futures) {
                pushed.add(Parallel.await(future, "an upload"));
            }
            return pushed;
        } catch (BerthException | RuntimeException e) {
            Parallel.stop(pool);
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /** One layer: already there, mounted, or uploaded. */
    private PushedBlob pushLayer(RegistryClient client, ImageReference reference, ImageLayer layer,
                                 Progress.Task task) throws BerthException {
        List<BlobSources.Source> known = sources.of(layer.diffId());
        Set<Digest> tried = new LinkedHashSet<>();
        for (BlobSources.Source source : known) {
            if (tried.size() < CANDIDATES && tried.add(source.digest())) {
                Optional<Long> size = client.blobSize(source.digest());
                if (size.isPresent()) {
                    task.done("Layer already exists");
                    return new PushedBlob(source.digest(), size.get() >= 0 ? size.get() : source.size());
                }
            }
        }
        for (BlobSources.Source source : known) {
            if (source.registry().equals(reference.domain()) && !source.repository().equals(reference.path())
                    && mount(reference, source)) {
                task.done("Mounted from " + source.repository());
                return new PushedBlob(source.digest(), source.size());
            }
        }
        PushedBlob blob = client.upload(out -> layers.writeOriginal(layer, out), layers.originalSize(layer), task);
        task.done("Pushed");
        return blob;
    }

    /** A cross-repository mount, with a client that may also read the source repository. */
    private boolean mount(ImageReference target, BlobSources.Source source) {
        try {
            return registries.client(target, true, List.of(source.repository())).mount(source.digest(),
                    source.repository());
        } catch (BerthException e) {
            // No read access to the source, or a registry without mounts: uploading does it.
            return false;
        }
    }

    /** Docker's schema 2 manifest, byte for byte as {@code docker push} writes it (indented by three spaces). */
    static byte[] manifest(ImageConfig config, List<PushedBlob> layers) {
        StringBuilder json = new StringBuilder();
        json.append("{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"").append(MediaTypes.DOCKER_MANIFEST)
                .append("\",\n   \"config\": {\n      \"mediaType\": \"").append(MediaTypes.DOCKER_CONFIG)
                .append("\",\n      \"size\": ").append(config.bytes().length)
                .append(",\n      \"digest\": \"").append(config.id()).append("\"\n   },\n   \"layers\": [");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append("      {\n         \"mediaType\": \"")
                    .append(MediaTypes.DOCKER_LAYER_GZIP).append("\",\n         \"size\": ").append(layers.get(i).size())
                    .append(",\n         \"digest\": \"").append(layers.get(i).digest()).append("\"\n      }");
        }
        json.append(layers.isEmpty() ? "]\n}" : "\n   ]\n}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
