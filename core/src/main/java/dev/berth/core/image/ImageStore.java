package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.BerthException;
import dev.berth.core.EngineFailureException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.host.AtomicFiles;
import dev.berth.core.host.ProcessId;
import dev.berth.core.host.StoreLock;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import dev.berth.core.model.Timestamps;
import dev.berth.spi.RandomBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The images of one storage driver, under {@code data-root/images/<driver>/}: each config stored verbatim
 * in {@code content/sha256/<hex>} (its ID is the sha256 of those bytes, checked on every read), a little
 * metadata in {@code meta/sha256/<hex>.json}, and the names in {@code references.json}. An image holds its
 * layers in the layer store as owner {@code image:<hex>}.
 *
 * <p>Adding and removing an image are made crash-safe with a marker in {@code incomplete/}: written before
 * anything changes and removed when all is done; the next open completes or undoes what a dead writer left.
 */
public final class ImageStore {

    private static final Pattern HEX_PREFIX = Pattern.compile("(?:sha256:)?([a-f0-9]{1,64})");
    private static final String JSON = ".json";
    /** The layer owner prefix of an image being added. */
    private static final String BUILDING = "building:";

    /** The meta field of {@link #initLayer}. */
    private static final String INIT_LAYER = "init-layer";

    private final Path content;
    private final Path meta;
    private final Path incomplete;
    private final Path referencesFile;
    private final StoreLock lock;
    private final LayerStore layers;

    private ImageStore(Path root, LayerStore layers) throws IOException {
        this.content = Files.createDirectories(root.resolve("content/sha256"));
        this.meta = Files.createDirectories(root.resolve("meta/sha256"));
        this.incomplete = Files.createDirectories(root.resolve("incomplete"));
        this.referencesFile = root.resolve("references.json");
        this.lock = new StoreLock(root.resolve("lock"));
        this.layers = layers;
    }

    /** Opens the store, finishing or undoing what interrupted writers left. */
    public static ImageStore open(Path root, LayerStore layers) throws EngineFailureException {
        try {
            ImageStore store = new ImageStore(root, layers);
            store.repair();
            return store;
        } catch (IOException | BerthException e) {
            throw new EngineFailureException("cannot open the image store " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * An image being added (loaded, imported, committed, pulled): its layers are registered under
     * {@link #owner()}, then {@link #commit} makes it an image, or {@link #abandon} gives it up.
     */
    public final class Addition {
        private final String marker;
        private final String owner;

        private Addition(String marker, String owner) {
            this.marker = marker;
            this.owner = owner;
        }

        /** The layer owner the addition's layers are registered under until it commits. */
        public String owner() {
            return owner;
        }

        /**
         * Makes the image of {@code config} visible, once every layer of the config is registered under
         * {@link #owner()} (or already held by the image).
         */
        public Image commit(ImageConfig config, Optional<Digest> parent) throws BerthException {
            Digest id = config.id();
            try (StoreLock.Held held = lock.lock()) {
                writeMarker(marker, owner, Optional.of(config), "add");
                long size = 0;
                // The addition's holds on this image's layers become the image's, one write per layer; others
                // registered under the same addition wait for their own commit. Dying before the meta below
                // is written, this leaves the marker with the config, and repair releases the image's holds.
                for (Digest chainId : config.chainIds()) {
                    try {
                        size += layers.transfer(chainId, owner, Image.layerOwner(id)).size();
                    } catch (NotFoundException e) {
                        throw new EngineFailureException("layer " + chainId + " of image " + id + " is not stored", e);
                    }
                }
                if (!Files.exists(contentFile(id))) {
                    AtomicFiles.write(contentFile(id), config.bytes());
                }
                JsonNode existing = readMeta(id);
                ObjectNode node = Json.object();
                parent.ifPresent(p -> node.put("parent", p.toString()));
                node.put("size", size);
                node.put("stored", Timestamps.format(Instant.now()));
                if (existing != null && existing.has("lastTagTime")) {
                    node.set("lastTagTime", existing.get("lastTagTime"));
                }
                if (existing != null && existing.has(INIT_LAYER)) {
                    node.set(INIT_LAYER, existing.get(INIT_LAYER));
                }
                AtomicFiles.write(metaFile(id), Json.bytes(node));
            } catch (IOException e) {
                throw new EngineFailureException("cannot store image " + id + ": " + e.getMessage(), e);
            }
            return get(id).orElseThrow();
        }

        /** Ends the addition once every image of it is committed. */
        public void finish() throws BerthException {
            abandon();
        }

        /** Gives up: the layers registered for the addition and not committed are released. */
        public void abandon() throws BerthException {
            try (StoreLock.Held held = lock.lock()) {
                releaseOwner(owner);
                AtomicFiles.delete(markerFile(marker));
            } catch (IOException e) {
                throw new EngineFailureException("cannot clean up an interrupted image: " + e.getMessage(), e);
            }
        }
    }

    /** Starts adding an image; a marker lets a later open undo it if this process dies before committing. */
    public Addition begin() throws BerthException {
        String marker = ProcessId.current().pid() + "-" + HexFormat.of().formatHex(RandomBytes.of(8));
        String owner = BUILDING + marker;
        try (StoreLock.Held held = lock.lock()) {
            writeMarker(marker, owner, Optional.empty(), "add");
        } catch (IOException e) {
            throw new EngineFailureException("cannot start storing an image: " + e.getMessage(), e);
        }
        return new Addition(marker, owner);
    }

    /** The image with this ID, if stored. */
    public Optional<Image> get(Digest id) throws BerthException {
        Map<String, Digest> references = readReferences();
        return read(id, references);
    }

    /** Every image, newest first. */
    public List<Image> list() throws BerthException {
        Map<String, Digest> references = readReferences();
        List<Image> images = new ArrayList<>();
        for (Digest id : ids()) {
            read(id, references).ifPresent(images::add);
        }
        images.sort((a, b) -> b.config().created().orElse(Instant.EPOCH)
                .compareTo(a.config().created().orElse(Instant.EPOCH)));
        return images;
    }

    /**
     * The image a user means: a full or short ID (with or without {@code sha256:}), or a name, which without
     * tag means {@code :latest}.
     */
    public Image resolve(String nameOrId) throws BerthException {
        Optional<Image> found = find(nameOrId);
        if (found.isPresent()) {
            return found.get();
        }
        String shown = nameOrId;
        try {
            shown = ImageReference.parse(nameOrId).withDefaultTag().familiarString();
        } catch (InvalidInputException e) {
            // Not a name: show it as typed.
        }
        throw new NotFoundException("No such image: " + shown);
    }

    /** Like {@link #resolve}, but empty when nothing matches. */
    public Optional<Image> find(String nameOrId) throws BerthException {
        Map<String, Digest> references = readReferences();
        var hex = HEX_PREFIX.matcher(nameOrId);
        if (hex.matches() && hex.group(1).length() == 64) {
            return read(new Digest(hex.group(1)), references);
        }
        ImageReference reference = null;
        try {
            reference = ImageReference.parse(nameOrId).withDefaultTag();
        } catch (InvalidInputException e) {
            if (!hex.matches()) {
                throw e;
            }
        }
        if (reference != null) {
            Digest id = references.get(referenceKey(reference));
            if (id != null) {
                return read(id, references);
            }
        }
        if (hex.matches()) {
            List<Digest> matches = new ArrayList<>();
            for (Digest id : ids()) {
                if (id.hex().startsWith(hex.group(1))) {
                    matches.add(id);
                }
            }
            if (matches.size() > 1) {
                throw new InvalidInputException("the ID prefix \"" + nameOrId + "\" matches " + matches.size()
                        + " images (" + String.join(", ", matches.stream().map(Digest::shortHex).toList())
                        + "); use more characters");
            }
            if (matches.size() == 1) {
                return read(matches.get(0), references);
            }
        }
        return Optional.empty();
    }

    /** Points {@code reference} (a tag or a digest name) at image {@code id}, taking it from any other image. */
    public void tag(Digest id, ImageReference reference) throws BerthException {
        point(id, List.of(reference), true);
    }

    /**
     * Points those of {@code names} that do not point at image {@code id} yet at it, in one write of the names
     * (a pull's tag and digest name); whether there were any.
     */
    public boolean name(Digest id, List<ImageReference> names) throws BerthException {
        return point(id, names, false);
    }

    /** {@code retag}: the image's tag time is renewed even when every name pointed at it already. */
    private boolean point(Digest id, List<ImageReference> names, boolean retag) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            if (!Files.exists(metaFile(id))) {
                throw new NotFoundException("No such image: " + id);
            }
            Map<String, Digest> references = readReferences();
            boolean moved = false;
            for (ImageReference reference : names) {
                moved |= !id.equals(references.put(referenceKey(reference), id));
            }
            if (!moved && !retag) {
                return false;
            }
            if (moved) {
                writeReferences(references);
            }
            ObjectNode node = (ObjectNode) readMeta(id);
            node.put("lastTagTime", Timestamps.format(Instant.now()));
            AtomicFiles.write(metaFile(id), Json.bytes(node));
            return moved;
        } catch (IOException e) {
            throw new EngineFailureException("cannot tag image " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The layer that the writable layers of the image's containers go on (its init layer, or its top layer
     * when it needs none), once {@link #recordInitLayer} noted it.
     */
    public Optional<Digest> initLayer(Digest id) throws BerthException {
        try {
            JsonNode node = readMeta(id);
            return node == null || !node.has(INIT_LAYER) ? Optional.empty()
                    : Optional.of(Digest.parse(node.get(INIT_LAYER).asText()));
        } catch (IOException e) {
            throw new EngineFailureException("cannot read image " + id + ": " + e.getMessage(), e);
        }
    }

    /** Notes {@link #initLayer}, so that later containers find it without looking into the image. */
    public void recordInitLayer(Digest id, Digest chainId) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            JsonNode node = readMeta(id);
            if (node != null) { // Removed meanwhile: nothing to note.
                ((ObjectNode) node).put(INIT_LAYER, chainId.toString());
                AtomicFiles.write(metaFile(id), Json.bytes(node));
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot update image " + id + ": " + e.getMessage(), e);
        }
    }

    /** Removes a name; returns the image it pointed at, if it existed. */
    public Optional<Digest> untag(ImageReference reference) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Map<String, Digest> references = readReferences();
            Digest id = references.remove(referenceKey(reference));
            if (id != null) {
                writeReferences(references);
            }
            return Optional.ofNullable(id);
        } catch (IOException e) {
            throw new EngineFailureException("cannot untag " + reference.familiarString() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes image {@code id}, its names and its hold on its layers; returns the layers that went with it
     * (chain IDs), as {@code rmi} reports them.
     */
    public List<Digest> remove(Digest id) throws BerthException {
        try (StoreLock.Held held = lock.lock()) {
            Optional<Image> image = get(id);
            if (image.isEmpty()) {
                throw new NotFoundException("No such image: " + id.shortHex());
            }
            String marker = "remove-" + id.hex();
            writeMarker(marker, "", Optional.of(image.get().config()), "remove");
            return finishRemoval(image.get().config(), marker);
        } catch (IOException e) {
            throw new EngineFailureException("cannot remove image " + id + ": " + e.getMessage(), e);
        }
    }

    /** The images whose parent is {@code id} (committed from it). */
    public List<Digest> children(Digest id) throws BerthException {
        List<Digest> children = new ArrayList<>();
        for (Digest candidate : ids()) {
            JsonNode node = readMetaQuietly(candidate);
            if (node != null && id.toString().equals(node.path("parent").asText())) {
                children.add(candidate);
            }
        }
        return children;
    }

    private List<Digest> finishRemoval(ImageConfig config, String marker) throws IOException, BerthException {
        Digest id = config.id();
        Map<String, Digest> references = readReferences();
        if (references.values().removeIf(id::equals)) {
            writeReferences(references);
        }
        AtomicFiles.delete(metaFile(id));
        AtomicFiles.delete(contentFile(id));
        List<Digest> before = new ArrayList<>(config.chainIds());
        releaseLayers(config);
        // Layers made for the image beside its own, such as its containers' init layer.
        releaseOwner(Image.layerOwner(id));
        List<Digest> removed = new ArrayList<>();
        for (Digest chainId : before) {
            if (layers.get(chainId).isEmpty()) {
                removed.add(chainId);
            }
        }
        AtomicFiles.delete(markerFile(marker));
        Collections.reverse(removed);
        return removed;
    }

    private void releaseLayers(ImageConfig config) throws BerthException {
        List<Digest> chain = new ArrayList<>(config.chainIds());
        Collections.reverse(chain);
        for (Digest chainId : chain) {
            if (layers.get(chainId).isPresent()) {
                layers.release(chainId, Image.layerOwner(config.id()));
            }
        }
    }

    /** Drops {@code owner}'s holds, wherever they are. */
    private void releaseOwner(String owner) throws BerthException {
        for (ImageLayer layer : layers.layers()) {
            if (layer.owners().contains(owner)) {
                layers.release(layer.chainId(), owner);
            }
        }
    }

    private void repair() throws IOException, BerthException {
        try (StoreLock.Held held = lock.lock()) {
            try (DirectoryStream<Path> markers = Files.newDirectoryStream(incomplete, "*" + JSON)) {
                for (Path marker : markers) {
                    JsonNode node = Json.read(Files.readAllBytes(marker));
                    if (ProcessId.parse(node.path("writer").asText("0")).isAlive()) {
                        continue;
                    }
                    String name = marker.getFileName().toString();
                    String markerName = name.substring(0, name.length() - JSON.length());
                    Optional<ImageConfig> config = node.has("config")
                            ? Optional.of(ImageConfig.parse(node.get("config").asText().getBytes(StandardCharsets.UTF_8),
                                    "the config of an interrupted image"))
                            : Optional.empty();
                    if (node.path("operation").asText().equals("remove") && config.isPresent()) {
                        finishRemoval(config.get(), markerName);
                        continue;
                    }
                    if (config.isPresent() && !Files.exists(metaFile(config.get().id()))) {
                        releaseLayers(config.get());
                        AtomicFiles.delete(contentFile(config.get().id()));
                    }
                    releaseOwner(node.path("owner").asText());
                    AtomicFiles.delete(marker);
                }
            }
        }
    }

    private void writeMarker(String marker, String owner, Optional<ImageConfig> config, String operation)
            throws IOException {
        ObjectNode node = Json.object();
        node.put("operation", operation);
        node.put("writer", ProcessId.current().toString());
        node.put("owner", owner);
        config.ifPresent(c -> node.put("config", new String(c.bytes(), StandardCharsets.UTF_8)));
        AtomicFiles.write(markerFile(marker), Json.bytes(node));
    }

    private Optional<Image> read(Digest id, Map<String, Digest> references) throws BerthException {
        byte[] bytes;
        JsonNode node;
        try {
            node = readMeta(id);
            if (node == null) {
                return Optional.empty();
            }
            bytes = Files.readAllBytes(contentFile(id));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EngineFailureException("cannot read image " + id + ": " + e.getMessage(), e);
        }
        if (!Digest.of(bytes).equals(id)) {
            throw new EngineFailureException("the stored config of image " + id.shortHex()
                    + " does not match its ID: the store is damaged; remove the image and load it again");
        }
        ImageConfig config = ImageConfig.parse(bytes, "image " + id.shortHex());
        List<ImageReference> tags = new ArrayList<>();
        List<ImageReference> digests = new ArrayList<>();
        for (Map.Entry<String, Digest> entry : references.entrySet()) {
            if (entry.getValue().equals(id)) {
                ImageReference reference = ImageReference.parseCanonical(entry.getKey());
                (reference.digest().isPresent() ? digests : tags).add(reference);
            }
        }
        Optional<Digest> parent = node.has("parent") ? Optional.of(Digest.parse(node.get("parent").asText()))
                : Optional.empty();
        return Optional.of(new Image(id, config, tags, digests, node.path("size").asLong(), parent,
                Timestamps.parse(node.path("lastTagTime").asText(null))));
    }

    private JsonNode readMeta(Digest id) throws IOException {
        try {
            return Json.read(Files.readAllBytes(metaFile(id)));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private JsonNode readMetaQuietly(Digest id) {
        try {
            return readMeta(id);
        } catch (IOException e) {
            return null;
        }
    }

    private List<Digest> ids() throws EngineFailureException {
        List<Digest> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(meta, "*" + JSON)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                ids.add(new Digest(name.substring(0, name.length() - JSON.length())));
            }
        } catch (IOException e) {
            throw new EngineFailureException("cannot list images: " + e.getMessage(), e);
        }
        return ids;
    }

    private Map<String, Digest> readReferences() throws BerthException {
        Map<String, Digest> references = new LinkedHashMap<>();
        try {
            JsonNode node = Json.read(Files.readAllBytes(referencesFile));
            for (var it = node.fields(); it.hasNext(); ) {
                var entry = it.next();
                references.put(entry.getKey(), Digest.parse(entry.getValue().asText()));
            }
        } catch (NoSuchFileException e) {
            return references;
        } catch (IOException e) {
            throw new EngineFailureException("cannot read " + referencesFile + ": " + e.getMessage(), e);
        }
        return references;
    }

    private void writeReferences(Map<String, Digest> references) throws IOException {
        ObjectNode node = Json.object();
        references.forEach((key, id) -> node.put(key, id.toString()));
        AtomicFiles.write(referencesFile, Json.bytes(node));
    }

    /** A name as the references file keys it: canonical, with tag or digest. */
    private static String referenceKey(ImageReference reference) {
        return reference.toString();
    }

    private Path contentFile(Digest id) {
        return content.resolve(id.hex());
    }

    private Path metaFile(Digest id) {
        return meta.resolve(id.hex() + JSON);
    }

    private Path markerFile(String marker) {
        return incomplete.resolve(marker + JSON);
    }
}
