package dev.berth.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.InvalidInputException;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import dev.berth.core.model.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image config (OCI image-spec {@code config.md}, Docker's image JSON), parsed from the bytes that are
 * stored verbatim: an image's ID is the sha256 of those bytes, so they are never re-serialized.
 *
 * @param bytes        the config exactly as stored
 * @param tree         the parsed JSON, for {@code inspect}
 * @param architecture e.g. {@code amd64}
 * @param os           e.g. {@code linux}
 * @param variant      e.g. {@code v8}, if given
 * @param created      when the image was made, if recorded
 * @param author       the author, if any
 * @param comment      the image's comment (Docker's {@code comment} field), if any
 * @param dockerVersion the Docker version that built it, if recorded
 * @param run          how containers of the image run
 * @param diffIds      the layers' diff IDs, base first
 * @param history      the history, oldest first
 */
public record ImageConfig(byte[] bytes, JsonNode tree, String architecture, String os, Optional<String> variant,
                          Optional<Instant> created, String author, String comment, String dockerVersion,
                          RunConfig run, List<Digest> diffIds, List<History> history) {

    public ImageConfig {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(run, "run");
        diffIds = List.copyOf(diffIds);
        history = List.copyOf(history);
    }

    /** The image ID: the sha256 of the config bytes. */
    public Digest id() {
        return Digest.of(bytes);
    }

    /** Parses a config; {@code origin} names it in errors. */
    public static ImageConfig parse(byte[] bytes, String origin) throws InvalidInputException {
        JsonNode tree;
        try {
            tree = Json.read(bytes);
        } catch (IOException e) {
            throw new InvalidInputException(origin + " is not valid JSON: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw new InvalidInputException(origin + " is not an image config (expected a JSON object)");
        }
        JsonNode rootfs = tree.get("rootfs");
        if (rootfs == null || !rootfs.isObject() || !rootfs.path("diff_ids").isArray()) {
            throw new InvalidInputException(origin + " is not an image config: it has no rootfs.diff_ids");
        }
        if (!"layers".equals(rootfs.path("type").asText())) {
            throw new InvalidInputException(origin + " has rootfs type \"" + rootfs.path("type").asText()
                    + "\"; only \"layers\" exists");
        }
        List<Digest> diffIds = new ArrayList<>();
        for (JsonNode diffId : rootfs.get("diff_ids")) {
            diffIds.add(Digest.parse(diffId.asText()));
        }
        List<History> history = new ArrayList<>();
        JsonNode historyNode = tree.get("history");
        if (historyNode != null && historyNode.isArray()) {
            for (JsonNode step : historyNode) {
                history.add(new History(Timestamps.parse(step.path("created").asText(null)),
                        step.path("created_by").asText(""), step.path("author").asText(""),
                        step.path("comment").asText(""), step.path("empty_layer").asBoolean(false)));
            }
        }
        return new ImageConfig(bytes, tree, tree.path("architecture").asText(""), tree.path("os").asText(""),
                Optional.ofNullable(tree.get("variant")).map(JsonNode::asText),
                Timestamps.parse(tree.path("created").asText(null)), tree.path("author").asText(""),
                tree.path("comment").asText(""), tree.path("docker_version").asText(""),
                RunConfig.parse(tree.get("config")), diffIds, history);
    }

    /**
     * Makes a new config, as {@code import} and {@code commit} do: the bytes are the image's identity from
     * then on.
     */
    public static ImageConfig create(String architecture, String os, Instant created, String author, String comment,
                                     RunConfig run, List<Digest> diffIds, List<History> history) {
        ObjectNode node = Json.object();
        node.put("architecture", architecture);
        if (!author.isEmpty()) {
            node.put("author", author);
        }
        if (!comment.isEmpty()) {
            node.put("comment", comment);
        }
        node.set("config", run.toConfigJson());
        node.put("created", Timestamps.format(created));
        ArrayNode steps = node.putArray("history");
        for (History step : history) {
            ObjectNode entry = steps.addObject();
            step.created().ifPresent(time -> entry.put("created", Timestamps.format(time)));
            if (!step.author().isEmpty()) {
                entry.put("author", step.author());
            }
            if (!step.createdBy().isEmpty()) {
                entry.put("created_by", step.createdBy());
            }
            if (!step.comment().isEmpty()) {
                entry.put("comment", step.comment());
            }
            if (step.emptyLayer()) {
                entry.put("empty_layer", true);
            }
        }
        node.put("os", os);
        ObjectNode rootfs = node.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        diffIds.forEach(id -> ids.add(id.toString()));
        byte[] bytes = Json.bytes(node);
        try {
            return parse(bytes, "the new image config");
        } catch (InvalidInputException e) {
            throw new IllegalStateException("berth wrote an image config it cannot read", e);
        }
    }

    /** The chain IDs of the layers, base first. */
    public List<Digest> chainIds() {
        List<Digest> chain = new ArrayList<>();
        Optional<Digest> parent = Optional.empty();
        for (Digest diffId : diffIds) {
            Digest chainId = Digest.chain(parent, diffId);
            chain.add(chainId);
            parent = Optional.of(chainId);
        }
        return chain;
    }

    /** The top layer's chain ID; empty for an image without layers. */
    public Optional<Digest> topLayer() {
        List<Digest> chain = chainIds();
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(chain.size() - 1));
    }

    /** {@code os/architecture[/variant]}, as platforms are written. */
    public String platform() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
