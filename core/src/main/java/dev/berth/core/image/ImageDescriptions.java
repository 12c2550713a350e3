package dev.berth.core.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import dev.berth.core.model.Json;
import dev.berth.core.model.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What {@code image inspect} and {@code history} say about an image, shaped as Docker's API shapes it. */
public final class ImageDescriptions {

    private final ImageStore images;
    private final LayerStore layers;
    private final String driverName;

    public ImageDescriptions(ImageStore images, LayerStore layers, String driverName) {
        this.images = images;
        this.layers = layers;
        this.driverName = driverName;
    }

    /** Docker's image inspect object. */
    public ObjectNode inspect(Image image) throws BerthException {
        ImageConfig config = image.config();
        ObjectNode node = Json.object();
        node.put("Id", image.id().toString());
        ArrayNode tags = node.putArray("RepoTags");
        image.tags().forEach(t -> tags.add(t.familiarString()));
        ArrayNode digests = node.putArray("RepoDigests");
        image.digests().forEach(d -> digests.add(d.familiarString()));
        node.put("Parent", image.parent().map(Digest::toString).orElse(""));
        node.put("Comment", config.comment());
        node.put("Created", Timestamps.formatOrZero(config.created()));
        node.put("DockerVersion", config.dockerVersion());
        node.put("Author", config.author());
        node.set("Config", config.run().toDockerJson(""));
        node.put("Architecture", config.architecture());
        config.variant().ifPresent(v -> node.put("Variant", v));
        node.put("Os", config.os());
        node.put("Size", image.size());
        ObjectNode graphDriver = node.putObject("GraphDriver");
        ObjectNode data = graphDriver.putObject("Data");
        Optional<Digest> top = config.topLayer();
        if (top.isPresent()) {
            Optional<ImageLayer> layer = layers.get(top.get());
            if (layer.isPresent()) {
                layers.driverData(layer.get()).forEach(data::put);
            }
        }
        graphDriver.put("Name", driverName);
        ObjectNode rootfs = node.putObject("RootFS");
        rootfs.put("Type", "layers");
        ArrayNode diffIds = rootfs.putArray("Layers");
        config.diffIds().forEach(d -> diffIds.add(d.toString()));
        node.putObject("Metadata").put("LastTagTime", Timestamps.formatOrZero(image.lastTagTime()));
        return node;
    }

    /** Docker's history: the config's steps, newest first, each non-empty one with its layer's size. */
    public List<HistoryRow> history(Image image) throws BerthException {
        ImageConfig config = image.config();
        List<Digest> chain = config.chainIds();
        List<HistoryRow> rows = new ArrayList<>();
        int layer = 0;
        for (History step : config.history()) {
            long size = 0;
            if (!step.emptyLayer()) {
                if (layer >= chain.size()) {
                    throw new InvalidInputException("image " + image.id().shortHex()
                            + " has more non-empty history steps than layers");
                }
                size = layers.get(chain.get(layer)).map(ImageLayer::size).orElse(0L);
                layer++;
            }
            rows.add(new HistoryRow(Optional.empty(), step.created(), step.createdBy(), size, step.comment(), List.of()));
        }
        Collections.reverse(rows);
        Optional<Image> current = Optional.of(image);
        for (int i = 0; i < rows.size() && current.isPresent(); i++) {
            HistoryRow row = rows.get(i);
            rows.set(i, new HistoryRow(Optional.of(current.get().id()), row.created(), row.createdBy(), row.size(),
                    row.comment(), current.get().tags()));
            current = current.get().parent().isPresent() ? images.get(current.get().parent().get()) : Optional.empty();
        }
        return rows;
    }
}
