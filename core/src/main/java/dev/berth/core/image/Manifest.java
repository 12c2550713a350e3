package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a registry serves at {@code /v2/NAME/manifests/REF}: an image manifest, or an index (a manifest list)
 * of manifests per platform. Docker schema 2 and OCI both; schema 1 is refused as Docker 28 refuses it.
 */
public sealed interface Manifest permits ImageManifest, ImageIndex {

    /** Content types that say nothing about which manifest a body is. */
    Set<String> GENERIC_TYPES = Set.of("", "application/json", "text/plain", "application/octet-stream");

    /** The media type: the body's own, else the one the server declared, else told by the fields. */
    String mediaType();

    /**
     * Parses a manifest or index.
     *
     * @param contentType the {@code Content-Type} the registry sent, if any
     * @param origin      names the document in errors
     */
    static Manifest parse(byte[] bytes, Optional<String> contentType, String origin) throws InvalidInputException {
        JsonNode node;
        try {
            node = Json.read(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(origin + " is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(origin + " is not a manifest (a JSON object)");
        }
        if (node.path("schemaVersion").asInt(0) == 1) {
            throw new InvalidInputException(origin + " is a Docker schema 1 manifest, which berth does not read "
                    + "(Docker 28 neither); push the image again with a current tool");
        }
        if (node.path("schemaVersion").asInt(0) != 2) {
            throw new InvalidInputException(origin + " has no schemaVersion 2: it is not an image manifest");
        }
        String declared = contentType.map(type -> type.split(";")[0].trim()).orElse("");
        String own = node.path("mediaType").asText("");
        if (!own.isEmpty() && !GENERIC_TYPES.contains(declared) && !own.equals(declared)) {
            throw new InvalidInputException(origin + " says it is \"" + own + "\" but was served as \"" + declared
                    + "\"; the registry is misconfigured");
        }
        String mediaType = !own.isEmpty() ? own : !GENERIC_TYPES.contains(declared) ? declared
                : node.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        if (MediaTypes.INDEXES.contains(mediaType)) {
            return new ImageIndex(mediaType, descriptors(node.get("manifests"), origin, "manifests"));
        }
        if (!MediaTypes.MANIFESTS.contains(mediaType)) {
            throw new InvalidInputException(origin + " has the media type \"" + mediaType
                    + "\", which is not an image (berth reads Docker schema 2 and OCI images)");
        }
        if (!node.path("layers").isArray()) {
            throw new InvalidInputException(origin + " has no layers list");
        }
        return new ImageManifest(mediaType, Descriptor.parse(node.get("config"), origin + "'s config"),
                descriptors(node.get("layers"), origin, "layers"));
    }

    private static List<Descriptor> descriptors(JsonNode array, String origin, String field)
            throws InvalidInputException {
        if (array == null || !array.isArray()) {
            throw new InvalidInputException(origin + " has no " + field + " list");
        }
        List<Descriptor> descriptors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            descriptors.add(Descriptor.parse(array.get(i), origin + "'s " + field + "[" + i + "]"));
        }
        return descriptors;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
