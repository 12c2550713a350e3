package dev.berth.cli.command.image;

import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth tag}: another name for an image. */
@Command(name = "tag", description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
public final class TagCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]", description = "The image")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]", description = "The new name")
    String target;

    private final Provider<ImageStore> images;

    @Inject
    TagCommand(Provider<ImageStore> images) {
        this.images = images;
    }

    @Override
    public Integer call() throws BerthException {
        ImageReference reference = ImageReference.parse(target);
        if (reference.digest().isPresent()) {
            throw new InvalidInputException("refusing to create a tag with a digest reference");
        }
        Image image = images.get().resolve(source);
        images.get().tag(image.id(), reference.withDefaultTag());
        return 0;
    }
}
