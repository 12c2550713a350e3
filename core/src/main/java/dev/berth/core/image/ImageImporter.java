package dev.berth.core.image;

import dev.berth.core.BerthException;
import dev.berth.core.Progress;
import dev.berth.core.layer.ImageLayer;
import dev.berth.core.layer.LayerStore;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code import}: a root file system tar (plain, gzip or zstd) becomes a one-layer image, its run config
 * made from {@code --change} instructions, as {@code docker import} does.
 */
public final class ImageImporter {

    private final LayerStore layers;
    private final ImageStore images;

    public ImageImporter(LayerStore layers, ImageStore images) {
        this.layers = layers;
        this.images = images;
    }

    /**
     * @param source  what the tar came from, for the history ({@code -} for standard input)
     * @param message the history comment; empty means "Imported from SOURCE"
     * @param name    the name to tag the image with, if any
     */
    public Image importImage(InputStream tar, String source, List<String> changes, String message,
                             Optional<ImageReference> name, Progress progress) throws BerthException {
        RunConfig run = ImageChanges.apply(RunConfig.EMPTY, changes);
        ImageStore.Addition addition = images.begin();
        Image image;
        try {
            Progress.Task task = progress.start(source, "Importing", -1);
            ImageLayer layer = layers.register(tar, Optional.empty(), Optional.empty(), addition.owner());
            task.done("Imported");
            Instant now = Instant.now();
            String comment = message.isEmpty() ? "Imported from " + source : message;
            Platform platform = Platform.host();
            ImageConfig config = ImageConfig.create(platform.architecture(), platform.os(), now, "", comment, run,
                    List.of(layer.diffId()), List.of(new History(Optional.of(now), "", "", comment, false)));
            image = addition.commit(config, Optional.empty());
            addition.finish();
        } catch (BerthException | RuntimeException e) {
            try {
                addition.abandon();
            } catch (BerthException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (name.isPresent()) {
            images.tag(image.id(), name.get());
            return images.get(image.id()).orElseThrow();
        }
        return image;
    }
}
