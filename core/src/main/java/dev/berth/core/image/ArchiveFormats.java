package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads the image archives other tools write: Docker's save format (legacy, with {@code manifest.json},
 * {@code repositories} and {@code <id>/layer.tar}; and since Docker 25 the same {@code manifest.json} inside
 * an OCI layout), and OCI image layouts (skopeo, umoci, podman, buildah). Everything is checked that can be
 * checked without reading the layers: formats, digests of configs and manifests, layer counts.
 */
final class ArchiveFormats {

    private static final Pattern BLOB = Pattern.compile("(?:\\./)?blobs/sha256/([a-f0-9]{64})");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("(?:\\./)?([a-f0-9]{64})\\.json");
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private ArchiveFormats() {
    }

    /** The images of the archive, in the archive's order. */
    static List<ArchivedImage> read(ArchiveIndex archive, Platform platform) throws IOException, InvalidInputException {
        if (archive.contains("manifest.json")) {
            return dockerArchive(archive);
        }
        if (archive.contains("index.json")) {
            return ociLayout(archive, platform);
        }
        throw new InvalidInputException("the archive holds no image: it has neither manifest.json (docker save) "
                + "nor index.json (an OCI layout)");
    }

    private static List<ArchivedImage> dockerArchive(ArchiveIndex archive) throws IOException, InvalidInputException {
        JsonNode manifest = json(archive.read("manifest.json", "manifest", MediaTypes.MAX_MANIFEST_BYTES),
                "manifest.json");
        if (!manifest.isArray()) {
            throw new InvalidInputException("manifest.json is not a list of images: the archive is damaged");
        }
        List<ArchivedImage> images = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String configName = entry.path("Config").asText("");
            if (configName.isEmpty() || !entry.path("Layers").isArray()) {
                throw new InvalidInputException("manifest.json has an entry without Config or Layers: "
                        + "the archive is damaged");
            }
            byte[] configBytes = archive.read(configName, "image config", MediaTypes.MAX_CONFIG_BYTES);
            Optional<Digest> named = digestInName(configName);
            if (named.isPresent() && !named.get().equals(Digest.of(configBytes))) {
                throw new InvalidInputException("the image config \"" + configName + "\" does not match its digest "
                        + named.get() + "; the archive is damaged");
            }
            ImageConfig config = ImageConfig.parse(configBytes, "image config \"" + configName + "\"");
            List<ArchivedLayer> layers = new ArrayList<>();
            for (JsonNode layer : entry.get("Layers")) {
                String name = layer.asText();
                TarArchiveEntry blob = archive.require(name, "layer");
                layers.add(new ArchivedLayer(blob, Optional.empty(), blob.getSize()));
            }
            checkLayerCount(config, layers, configName);
            List<ImageReference> names = new ArrayList<>();
            for (JsonNode tag : entry.path("RepoTags")) {
                ImageReference reference = ImageReference.parse(tag.asText());
                if (reference.tag().isEmpty()) {
                    throw new InvalidInputException("manifest.json names the image \"" + tag.asText()
                            + "\" without a tag; the archive is damaged");
                }
                names.add(reference);
            }
            images.add(new ArchivedImage(config, layers, names));
        }
        return images;
    }

    private static List<ArchivedImage> ociLayout(ArchiveIndex archive, Platform platform)
            throws IOException, InvalidInputException {
        if (!archive.contains("oci-layout")) {
            throw new InvalidInputException("the archive has index.json but no oci-layout file: it is not an OCI layout");
        }
        JsonNode layout = json(archive.read("oci-layout", "oci-layout file", 4096), "oci-layout");
        if (!layout.path("imageLayoutVersion").asText().startsWith("1.")) {
            throw new InvalidInputException("the archive's OCI layout version \""
                    + layout.path("imageLayoutVersion").asText() + "\" is not supported (1.x is)");
        }
        JsonNode index = json(archive.read("index.json", "index", MediaTypes.MAX_MANIFEST_BYTES), "index.json");
        List<ArchivedImage> images = new ArrayList<>();
        for (JsonNode descriptor : manifests(index, "index.json")) {
            Optional<ArchivedImage> image = fromDescriptor(archive, descriptor, platform, names(descriptor));
            image.ifPresent(images::add);
        }
        if (images.isEmpty()) {
            throw new InvalidInputException("the archive's OCI index holds no image for " + platform);
        }
        return images;
    }

    private static Optional<ArchivedImage> fromDescriptor(ArchiveIndex archive, JsonNode descriptor,
                                                          Platform platform, List<ImageReference> names)
            throws IOException, InvalidInputException {
        String mediaType = descriptor.path("mediaType").asText("");
        byte[] blob = blob(archive, descriptor, MediaTypes.MAX_MANIFEST_BYTES, "manifest");
        JsonNode node = json(blob, "manifest " + descriptor.path("digest").asText());
        if (mediaType.isEmpty()) {
            mediaType = node.path("mediaType").asText("");
        }
        if (MediaTypes.INDEXES.contains(mediaType) || (mediaType.isEmpty() && node.has("manifests"))) {
            for (JsonNode child : manifests(node, "index " + descriptor.path("digest").asText())) {
                Optional<Platform> declared = Platform.of(child);
                if (declared.isEmpty() || platform.accepts(declared.get())) {
                    return fromDescriptor(archive, child, platform, names);
                }
            }
            return Optional.empty();
        }
        if (!MediaTypes.MANIFESTS.contains(mediaType) && !(mediaType.isEmpty() && node.has("config"))) {
            throw new InvalidInputException("the archive's manifest " + descriptor.path("digest").asText()
                    + " has the media type \"" + mediaType + "\", which berth cannot load");
        }
        JsonNode configDescriptor = node.get("config");
        if (configDescriptor == null || !node.path("layers").isArray()) {
            throw new InvalidInputException("the manifest " + descriptor.path("digest").asText()
                    + " has no config or no layers: the archive is damaged");
        }
        byte[] configBytes = blob(archive, configDescriptor, MediaTypes.MAX_CONFIG_BYTES, "image config");
        ImageConfig config = ImageConfig.parse(configBytes, "image config " + configDescriptor.path("digest").asText());
        List<ArchivedLayer> layers = new ArrayList<>();
        for (JsonNode layer : node.get("layers")) {
            String layerType = layer.path("mediaType").asText("");
            if (!MediaTypes.LAYERS.contains(layerType)) {
                throw new InvalidInputException("the archive has a layer of media type \"" + layerType
                        + "\", which berth cannot load");
            }
            Digest digest = descriptorDigest(layer);
            TarArchiveEntry entry = archive.require("blobs/sha256/" + digest.hex(), "layer blob " + digest);
            layers.add(new ArchivedLayer(entry, Optional.of(digest), layer.path("size").asLong(-1)));
        }
        checkLayerCount(config, layers, "image config " + configDescriptor.path("digest").asText());
        return Optional.of(new ArchivedImage(config, layers, names));
    }

    /** A blob that a descriptor points at, checked against the descriptor's digest and size. */
    private static byte[] blob(ArchiveIndex archive, JsonNode descriptor, int limit, String what)
            throws IOException, InvalidInputException {
        Digest digest = descriptorDigest(descriptor);
        byte[] bytes = archive.read("blobs/sha256/" + digest.hex(), what + " " + digest, limit);
        if (!Digest.of(bytes).equals(digest)) {
            throw new InvalidInputException("the archive's " + what + " blob " + digest + " does not match its "
                    + "digest; the archive is damaged");
        }
        long size = descriptor.path("size").asLong(-1);
        if (size >= 0 && size != bytes.length) {
            throw new InvalidInputException("the archive's " + what + " blob " + digest + " has " + bytes.length
                    + " bytes where its descriptor gives " + size + "; the archive is damaged");
        }
        return bytes;
    }

    private static Digest descriptorDigest(JsonNode descriptor) throws InvalidInputException {
        return Digest.parse(descriptor.path("digest").asText(""));
    }

    private static JsonNode manifests(JsonNode index, String what) throws InvalidInputException {
        JsonNode manifests = index.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw new InvalidInputException(what + " has no manifests list: the archive is damaged");
        }
        return manifests;
    }

    /** The names an OCI index gives an image: containerd's full name, else a reference name that is a name. */
    private static List<ImageReference> names(JsonNode descriptor) throws InvalidInputException {
        JsonNode annotations = descriptor.path("annotations");
        String full = annotations.path(CONTAINERD_NAME).asText("");
        String refName = annotations.path(REF_NAME).asText("");
        String name = !full.isEmpty() ? full : refName.contains(":") || refName.contains("/") ? refName : "";
        if (name.isEmpty()) {
            return List.of();
        }
        return List.of(ImageReference.parse(name).withDefaultTag());
    }

    private static void checkLayerCount(ImageConfig config, List<ArchivedLayer> layers, String what)
            throws InvalidInputException {
        if (config.diffIds().size() != layers.size()) {
            throw new InvalidInputException(what + " lists " + config.diffIds().size() + " layers but the archive "
                    + "gives " + layers.size() + "; the archive is damaged");
        }
    }

    private static Optional<Digest> digestInName(String name) {
        for (Pattern pattern : List.of(BLOB, LEGACY_CONFIG)) {
            Matcher matcher = pattern.matcher(name);
            if (matcher.matches()) {
                return Optional.of(new Digest(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static JsonNode json(byte[] bytes, String what) throws InvalidInputException {
        try {
            return Json.read(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(what + " in the archive is not valid JSON; the archive is damaged");
        }
    }
}
