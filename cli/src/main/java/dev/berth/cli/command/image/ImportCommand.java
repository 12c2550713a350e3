package dev.berth.cli.command.image;

import dev.berth.cli.Streams;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.Progress;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageImporter;
import dev.berth.core.image.ImageReference;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth import}: a root file system tar becomes a one-layer image. */
@Command(name = "import", description = "Import the contents from a tarball to create a filesystem image")
public final class ImportCommand implements Callable<Integer> {

    @Option(names = {"-c", "--change"}, paramLabel = "CHANGE", description = "Apply Dockerfile instruction to the created image")
    List<String> changes = new ArrayList<>();

    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "Set commit message for imported image")
    String message = "";

    @Parameters(index = "0", paramLabel = "file|-", description = "The tar archive, or - for STDIN")
    String source;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "The name of the new image")
    String name;

    private final Streams streams;
    private final Provider<ImageImporter> importer;

    @Inject
    ImportCommand(Streams streams, Provider<ImageImporter> importer) {
        this.streams = streams;
        this.importer = importer;
    }

    @Override
    public Integer call() throws BerthException {
        Optional<ImageReference> reference = Optional.empty();
        if (name != null) {
            ImageReference parsed = ImageReference.parse(name);
            if (parsed.digest().isPresent()) {
                throw new InvalidInputException("refusing to create a tag with a digest reference");
            }
            reference = Optional.of(parsed.withDefaultTag());
        }
        Image image;
        if (source.equals("-")) {
            image = importer.get().importImage(streams.in(), "-", changes, message, reference, Progress.NONE);
        } else {
            try (InputStream in = Files.newInputStream(Path.of(source))) {
                image = importer.get().importImage(in, "-", changes, message, reference, Progress.NONE);
            } catch (NoSuchFileException e) {
                throw new InvalidInputException("open " + source + ": no such file or directory");
            } catch (IOException e) {
                throw new InvalidInputException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        streams.out().println(image.id());
        return 0;
    }
}
