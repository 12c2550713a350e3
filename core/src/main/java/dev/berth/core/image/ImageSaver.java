package dev.berth.core.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.Progress;
import dev.berth.core.ProgressStreams;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import java.io.FilterOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code save}: writes images in Docker's current save format, an OCI image layout that also carries
 * Docker's {@code manifest.json} and {@code repositories}, so that {@code docker load},
 * {@code skopeo ... docker-archive:} and {@code oci-archive:} all read it. Layers are written uncompressed,
 * byte for byte as they were loaded (named by their diff ID), so image IDs survive a save and a load.
 * Entries carry the epoch as their time, like Docker's, so the same images always make the same archive.
 */
public final class ImageSaver {

    private static final Date EPOCH = new Date(0);

    private final LayerStore layers;

    public ImageSaver(LayerStore layers) {
        this.layers = layers;
    }

    public void save(List<SaveRequest> requests, OutputStream out, Progress progress) throws BerthException {
        try {
            // The layers are rebuilt a tar header and a file at a time: written in large pieces, not in 512 bytes.
            BufferedOutputStream buffered = new BufferedOutputStream(new NonClosing(out), 1 << 17);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered, 10240);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            directory(tar, "blobs/");
            directory(tar, "blobs/sha256/");
            Set<Digest> written = new HashSet<>();
            ArrayNode index = Json.array();
            ArrayNode manifestJson = Json.array();
            Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
            for (SaveRequest request : requests) {
                ImageConfig config = request.image().config();
                blob(tar, config.id(), config.bytes(), written);
                ObjectNode manifest = Json.object();
                manifest.put("schemaVersion", 2);
                manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
                manifest.set("config", descriptor(MediaTypes.OCI_CONFIG, config.id(), config.bytes().length));
                ArrayNode manifestLayers = manifest.putArray("layers");
                ObjectNode entry = Json.object();
                entry.put("Config", "blobs/sha256/" + config.id().hex());
                ArrayNode repoTags = entry.putArray("RepoTags");
                ArrayNode entryLayers = entry.putArray("Layers");
                for (Digest chainId : config.chainIds()) {
                    ImageLayer layer = layers.get(chainId).orElseThrow(() -> new EngineFailureException(
                            "layer " + chainId + " of image " + config.id().shortHex() + " is missing from the store"));
                    long size = layers.originalSize(layer);
                    if (written.add(layer.diffId())) {
                        Progress.Task task = progress.start(layer.diffId().shortHex(), "Saving layer", size);
                        TarArchiveEntry blob = file("blobs/sha256/" + layer.diffId().hex(), size);
                        tar.putArchiveEntry(blob);
                        layers.writeOriginal(layer, ProgressStreams.writing(tar, task));
                        tar.closeArchiveEntry();
                        task.done("Saved");
                    }
                    manifestLayers.add(descriptor(MediaTypes.OCI_LAYER, layer.diffId(), size));
                    entryLayers.add("blobs/sha256/" + layer.diffId().hex());
                }
                byte[] manifestBytes = Json.bytes(manifest);
                Digest manifestDigest = Digest.of(manifestBytes);
                blob(tar, manifestDigest, manifestBytes, written);
                if (request.names().isEmpty()) {
                    index.add(descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes.length));
                }
                for (ImageReference name : request.names()) {
                    ObjectNode described = descriptor(MediaTypes.OCI_MANIFEST, manifestDigest, manifestBytes.length);
                    ObjectNode annotations = described.putObject("annotations");
                    annotations.put("io.containerd.image.name", name.toString());
                    annotations.put("org.opencontainers.image.ref.name", name.tag().orElse("latest"));
                    index.add(described);
                    repoTags.add(name.familiarString());
                    repositories.computeIfAbsent(name.familiarName(), k -> new LinkedHashMap<>())
                            .put(name.tag().orElse("latest"), config.id().hex());
                }
                manifestJson.add(entry);
            }
            ObjectNode indexNode = Json.object();
            indexNode.put("schemaVersion", 2);
            indexNode.put("mediaType", MediaTypes.OCI_INDEX);
            indexNode.set("manifests", index);
            small(tar, "index.json", Json.bytes(indexNode));
            small(tar, "manifest.json", Json.bytes(manifestJson));
            ObjectNode layout = Json.object();
            layout.put("imageLayoutVersion", "1.0.0");
            small(tar, "oci-layout", Json.bytes(layout));
            ObjectNode repos = Json.object();
            repositories.forEach((repo, tags) -> {
                ObjectNode tagNode = repos.putObject(repo);
                tags.forEach(tagNode::put);
            });
            small(tar, "repositories", Json.bytes(repos));
            tar.finish();
            tar.flush();
            buffered.flush();
        } catch (IOException e) {
            throw new EngineFailureException("cannot write the archive: " + e.getMessage(), e);
        }
    }

    private static ObjectNode descriptor(String mediaType, Digest digest, long size) {
        ObjectNode node = Json.object();
        node.put("mediaType", mediaType);
        node.put("digest", digest.toString());
        node.put("size", size);
        return node;
    }

    private static void blob(TarArchiveOutputStream tar, Digest digest, byte[] bytes, Set<Digest> written)
            throws IOException {
        if (written.add(digest)) {
            small(tar, "blobs/sha256/" + digest.hex(), bytes);
        }
    }

    private static void small(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(file(name, bytes.length));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(040755);
        entry.setModTime(EPOCH);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry file(String name, long size) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0100644);
        entry.setSize(size);
        entry.setModTime(EPOCH);
        return entry;
    }

    /** Keeps the caller's stream open when the tar stream is finished. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
