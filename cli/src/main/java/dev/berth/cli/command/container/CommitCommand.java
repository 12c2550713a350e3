package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageReference;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth commit}: a new image whose top layer is the container's changes. */
@Command(name = "commit", description = "Create a new image from a container's changes")
public final class CommitCommand implements Callable<Integer> {

    @Option(names = {"-a", "--author"}, paramLabel = "STRING", description = "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    String author = "";

    @Option(names = {"-m", "--message"}, paramLabel = "STRING", description = "Commit message")
    String message = "";

    @Option(names = {"-c", "--change"}, paramLabel = "CHANGE", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-p", "--pause"}, arity = "1", paramLabel = "BOOL", defaultValue = "true",
            description = "Pause container during commit (default true)")
    boolean pause;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "The container")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "The new image's name")
    String reference;

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ContainerFiles> files;

    @Inject
    CommitCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ContainerFiles> files) {
        this.streams = streams;
        this.engine = engine;
        this.files = files;
    }

    @Override
    public Integer call() throws BerthException {
        Optional<ImageReference> target = Optional.empty();
        if (reference != null) {
            ImageReference parsed = ImageReference.parse(reference);
            if (parsed.digest().isPresent()) {
                throw new InvalidInputException("refusing to create a tag with a digest reference");
            }
            target = Optional.of(parsed.withDefaultTag());
        }
        Image image = files.get().commit(engine.get().resolve(name), target, message, author, changes, pause);
        streams.out().println(image.id());
        return 0;
    }
}
