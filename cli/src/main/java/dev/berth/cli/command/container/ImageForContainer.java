package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.cli.command.image.PullReport;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.registry.ImagePuller;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.Locale;
import java.util.Optional;

/**
 * The image {@code run} and {@code create} start from, pulled first as {@code --pull} says: {@code missing}
 * (the default) when no local image has that name or ID, {@code always}, or {@code never}. As Docker does, the
 * pull reports on standard error, so that standard output carries only the container's ID or output.
 */
public final class ImageForContainer {

    /** The values of {@code --pull}. */
    public enum PullPolicy {
        MISSING, ALWAYS, NEVER;

        static PullPolicy parse(String value) throws InvalidInputException {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("invalid pull option: '" + value
                        + "': must be one of \"always\", \"missing\" or \"never\"");
            }
        }
    }

    private final Streams streams;
    private final Provider<ImageStore> images;
    private final Provider<ImagePuller> puller;

    @Inject
    ImageForContainer(Streams streams, Provider<ImageStore> images, Provider<ImagePuller> puller) {
        this.streams = streams;
        this.images = images;
        this.puller = puller;
    }

    /** Pulls {@code image} if the policy asks for it; the image is then resolved by name as before. */
    void prepare(String image, PullPolicy policy) throws BerthException {
        if (policy == PullPolicy.NEVER || policy == PullPolicy.MISSING && images.get().find(image).isPresent()) {
            return;
        }
        ImageReference reference = PullReport.target(ImageReference.parse(image));
        if (policy == PullPolicy.MISSING) {
            streams.err().println("Unable to find image '" + reference.familiarString() + "' locally");
        }
        new PullReport(streams.err(), streams.errIsTerminal()).pull(puller.get(), reference, Optional.empty(), false);
    }
}
