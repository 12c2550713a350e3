package dev.berth.cli.command.image;

import dev.berth.cli.ArchiveOutput;
import dev.berth.cli.ProgressBars;
import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageSaver;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.SaveRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth save}: images to a tar archive in Docker's current save format. */
@Command(name = "save", description = "Save one or more images to a tar archive (streamed to STDOUT by default)")
public final class SaveCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to a file, instead of STDOUT")
    Path output;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "The images (names or IDs)")
    List<String> names;

    private final Streams streams;
    private final Provider<ImageStore> images;
    private final Provider<ImageSaver> saver;

    @Inject
    SaveCommand(Streams streams, Provider<ImageStore> images, Provider<ImageSaver> saver) {
        this.streams = streams;
        this.images = images;
        this.saver = saver;
    }

    @Override
    public Integer call() throws BerthException {
        ArchiveOutput.checkTarget(output, streams);
        List<SaveRequest> requests = new ArrayList<>();
        for (String name : names) {
            requests.addAll(requests(name));
        }
        var progress = ProgressBars.on(streams.err(), streams.errIsTerminal());
        ArchiveOutput.write(output, streams, out -> saver.get().save(requests, out, progress));
        return 0;
    }

    /**
     * What to save for one argument: a name with tag saves that name; a bare repository name saves all its
     * tags; an ID saves the image without names, as Docker does.
     */
    private List<SaveRequest> requests(String name) throws BerthException {
        Optional<ImageReference> reference = Optional.empty();
        try {
            reference = Optional.of(ImageReference.parse(name));
        } catch (InvalidInputException e) {
            // An ID prefix such as sha256:0fd5... is no name.
        }
        if (reference.isPresent() && reference.get().tag().isEmpty() && reference.get().digest().isEmpty()) {
            Map<Image, List<ImageReference>> tagged = new LinkedHashMap<>();
            for (Image candidate : images.get().list()) {
                for (ImageReference tag : candidate.tags()) {
                    if (tag.repository().equals(reference.get())) {
                        tagged.computeIfAbsent(candidate, k -> new ArrayList<>()).add(tag);
                    }
                }
            }
            if (!tagged.isEmpty()) {
                List<SaveRequest> requests = new ArrayList<>();
                tagged.forEach((image, tags) -> requests.add(new SaveRequest(image, tags)));
                return requests;
            }
        }
        Image image = images.get().resolve(name);
        String hex = name.startsWith("sha256:") ? name.substring("sha256:".length()) : name;
        if (image.id().hex().startsWith(hex) || reference.isEmpty() || reference.get().digest().isPresent()) {
            return List.of(new SaveRequest(image, List.of()));
        }
        return List.of(new SaveRequest(image, List.of(reference.get().withDefaultTag())));
    }
}
