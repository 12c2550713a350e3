package dev.berth.cli.command.image;

import dev.berth.cli.ExitCodes;
import dev.berth.cli.Streams;
import dev.berth.cli.format.Inspection;
import dev.berth.cli.format.JsonValues;
import dev.berth.core.BerthException;
import dev.berth.core.image.ImageDescriptions;
import dev.berth.core.image.ImageStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image inspect}: Docker's image JSON, or a template of it. */
@Command(name = "inspect", description = "Display detailed information on one or more images")
public final class ImageInspectCommand implements Callable<Integer> {

    @Option(names = {"-f", "--format"}, paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "The images")
    List<String> names;

    private final Streams streams;
    private final Provider<ImageStore> images;
    private final Provider<ImageDescriptions> descriptions;

    @Inject
    ImageInspectCommand(Streams streams, Provider<ImageStore> images, Provider<ImageDescriptions> descriptions) {
        this.streams = streams;
        this.images = images;
        this.descriptions = descriptions;
    }

    @Override
    public Integer call() throws BerthException {
        List<Object> found = new ArrayList<>();
        int code = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(JsonValues.of(descriptions.get().inspect(images.get().resolve(name))));
            } catch (BerthException e) {
                // As docker: print what was found, report each miss, and fail at the end.
                streams.err().println("Error: " + e.getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        streams.out().print(Inspection.render(found, format));
        return code;
    }
}
