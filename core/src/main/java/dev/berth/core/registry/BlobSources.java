package dev.berth.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.StoreLock;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which compressed blob each layer (by diff ID) came from or went to, per registry and repository: Docker's
 * "distribution metadata". Push uses it to skip blobs a registry has ({@code HEAD} by the known digest) and
 * to mount them from another repository of the same registry instead of uploading them again. One small
 * JSON file per diff ID under {@code data-root/distribution/sha256/}, newest source first; the layer stores
 * of all drivers share it, diff IDs being the same whatever stores a layer.
 */
public final class BlobSources {

    /** Sources kept per layer: enough to find one in a registry, few enough to try them all. */
    private static final int KEPT = 16;

    private final Path root;

    /**
     * Where a layer's blob is known to be.
     *
     * @param digest     the blob's digest (compressed)
     * @param size       its size
     * @param registry   the registry, as references name it ({@code docker.io}, {@code localhost:5000})
     * @param repository the repository path in it ({@code library/busybox})
     */
    public record Source(Digest digest, long size, String registry, String repository) {
        public Source {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(repository, "repository");
        }
    }

    public BlobSources(Path root) {
        this.root = root;
    }

    /** The known sources of the layer with {@code diffId}, newest first. */
    public List<Source> of(Digest diffId) throws EngineFailureException {
        try {
            return read(file(diffId));
        } catch (IOException | InvalidInputException e) {
            // The metadata only saves work: a damaged file means uploading again, never a failed push.
            return List.of();
        }
    }

    /**
     * Records, for each layer (by diff ID), that it is the blob given, as its newest source. A layer whose newest
     * source it is already is not written again. The files are replaced without being synced: this metadata only
     * saves work, and {@link #of} takes a file a crash damaged for no sources.
     */
    public void record(Map<Digest, Source> newest) throws EngineFailureException {
        try {
            Files.createDirectories(root.resolve("sha256"));
            try (StoreLock.Held held = new StoreLock(root.resolve("lock")).lock()) {
                for (Map.Entry<Digest, Source> entry : newest.entrySet()) {
                    record(entry.getKey(), entry.getValue());
                }
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot record where the layers " + newest.keySet().stream()
                    .map(Digest::shortHex).toList() + " are: " + e.getMessage(), e);
        }
    }

    private void record(Digest diffId, Source source) throws IOException, EngineFailureException {
        List<Source> sources = new ArrayList<>(of(diffId));
        if (!sources.isEmpty() && sources.get(0).equals(source)) {
            return;
        }
        sources.removeIf(known -> known.digest().equals(source.digest())
                && known.registry().equals(source.registry()) && known.repository().equals(source.repository()));
        sources.add(0, source);
        ArrayNode array = Json.array();
        for (Source known : sources.subList(0, Math.min(KEPT, sources.size()))) {
            array.addObject().put("digest", known.digest().toString()).put("size", known.size())
                    .put("registry", known.registry()).put("repository", known.repository());
        }
        AtomicFiles.replace(file(diffId), Json.bytes(array));
    }

    private static List<Source> read(Path file) throws IOException, InvalidInputException {
        JsonNode array;
        try {
            array = Json.read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<Source> sources = new ArrayList<>();
        for (JsonNode node : array) {
            sources.add(new Source(Digest.parse(node.path("digest").asText("")), node.path("size").asLong(-1),
                    node.path("registry").asText(), node.path("repository").asText()));
        }
        return sources;
    }

    private Path file(Digest diffId) {
        return root.resolve("sha256").resolve(diffId.hex() + ".json");
    }
}
