package dev.berth.core.layer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.ProcessId;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The store's metadata on disk, one small JSON file per layer, under {@code data-root/layers/<driver>/}:
 * {@code sha256/<chain hex>.json} for image layers, {@code containers/<id>.json} for writable layers, and
 * {@code incomplete/<cache id>.json} for layers being created, which the next store open removes when their
 * writer is gone. A record being deleted is renamed to {@code .removing} first.
 */
final class LayerRecords {

    static final String JSON = ".json";
    static final String SPLIT = ".tar-split.gz";
    static final String REMOVING = ".removing";
    /** Beside the record of a layer that lost its last owner while mounted, which a later open removes. */
    static final String OWNERLESS = ".ownerless";

    final Path images;
    final Path containers;
    final Path incomplete;

    LayerRecords(Path root) throws IOException {
        this.images = Files.createDirectories(root.resolve("sha256"));
        this.containers = Files.createDirectories(root.resolve("containers"));
        this.incomplete = Files.createDirectories(root.resolve("incomplete"));
    }

    Optional<ImageLayer> image(Digest chainId) throws IOException {
        try {
            return Optional.of(readImage(Files.readAllBytes(imageFile(chainId))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Path imageFile(Digest chainId) {
        return images.resolve(chainId.hex() + JSON);
    }

    Path ownerlessMarker(Digest chainId) {
        return images.resolve(chainId.hex() + OWNERLESS);
    }

    /** The tar split of a committed layer, from which its original archive is rebuilt. */
    Path splitFile(Digest chainId) {
        return images.resolve(chainId.hex() + SPLIT);
    }

    /** The tar split being recorded for a layer being created. */
    Path splitFile(Pending pending) {
        return incomplete.resolve(pending.cacheId() + SPLIT);
    }

    void write(ImageLayer layer) throws IOException {
        ObjectNode node = Json.object();
        node.put("chain-id", layer.chainId().toString());
        node.put("diff-id", layer.diffId().toString());
        layer.parent().ifPresent(p -> node.put("parent", p.toString()));
        node.put("cache-id", layer.cacheId());
        node.put("size", layer.size());
        ArrayNode owners = node.putArray("owners");
        new TreeSet<>(layer.owners()).forEach(owners::add);
        AtomicFiles.write(imageFile(layer.chainId()), Json.bytes(node));
    }

    List<ImageLayer> images() throws IOException {
        return readAll(images, LayerRecords::readImage);
    }

    /** A record parser. */
    private interface Parser<T> {
        T parse(byte[] json) throws IOException;
    }

    private static <T> List<T> readAll(Path dir, Parser<T> parser) throws IOException {
        List<T> all = new ArrayList<>();
        for (Path file : list(dir, "*" + JSON)) {
            try {
                all.add(parser.parse(Files.readAllBytes(file)));
            } catch (NoSuchFileException e) {
                // Removed since it was listed.
            }
        }
        return all;
    }

    Optional<WritableLayer> container(String containerId) throws IOException {
        try {
            return Optional.of(readContainer(Files.readAllBytes(containerFile(containerId))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    Path containerFile(String containerId) {
        return containers.resolve(containerId + JSON);
    }

    void write(WritableLayer layer) throws IOException {
        ObjectNode node = Json.object();
        node.put("container-id", layer.containerId());
        node.put("cache-id", layer.cacheId());
        layer.parent().ifPresent(p -> node.put("parent", p.toString()));
        AtomicFiles.write(containerFile(layer.containerId()), Json.bytes(node));
    }

    List<WritableLayer> containers() throws IOException {
        return readAll(containers, LayerRecords::readContainer);
    }

    /** A layer being created: by whom, on which parent, and who it will belong to. */
    record Pending(String cacheId, Optional<Digest> parent, ProcessId writer, String holder) {
    }

    void write(Pending pending) throws IOException {
        ObjectNode node = Json.object();
        node.put("cache-id", pending.cacheId());
        pending.parent().ifPresent(p -> node.put("parent", p.toString()));
        node.put("writer", pending.writer().toString());
        node.put("holder", pending.holder());
        AtomicFiles.write(incomplete.resolve(pending.cacheId() + JSON), Json.bytes(node));
    }

    void delete(Pending pending) throws IOException {
        Files.deleteIfExists(splitFile(pending));
        // Not made durable: a pending record that a crash brings back names a layer whose record exists, or none;
        // the next open tells which (LayerStore.finishCommitted) and settles it either way.
        Files.deleteIfExists(incomplete.resolve(pending.cacheId() + JSON));
    }

    List<Pending> pending() throws IOException {
        return readAll(incomplete, json -> {
            JsonNode node = Json.read(json);
            return new Pending(node.get("cache-id").asText(), digest(node, "parent"),
                    ProcessId.parse(node.get("writer").asText()), node.get("holder").asText());
        });
    }

    static ImageLayer readImage(byte[] json) throws IOException {
        JsonNode node = Json.read(json);
        TreeSet<String> owners = new TreeSet<>();
        node.get("owners").forEach(owner -> owners.add(owner.asText()));
        return new ImageLayer(digest(node, "chain-id").orElseThrow(), digest(node, "diff-id").orElseThrow(),
                digest(node, "parent"), node.get("cache-id").asText(), node.get("size").asLong(), owners);
    }

    static WritableLayer readContainer(byte[] json) throws IOException {
        JsonNode node = Json.read(json);
        return new WritableLayer(node.get("container-id").asText(), node.get("cache-id").asText(),
                digest(node, "parent"));
    }

    private static Optional<Digest> digest(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.asText();
        if (!text.startsWith("sha256:")) {
            throw new IOException("corrupt layer record: " + field + " is " + text);
        }
        return Optional.of(new Digest(text.substring("sha256:".length())));
    }

    static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            entries.forEach(files::add);
        }
        return files;
    }
}
