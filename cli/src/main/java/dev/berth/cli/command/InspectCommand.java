package dev.berth.cli.command;

import dev.berth.cli.ExitCodes;
import dev.berth.cli.Streams;
import dev.berth.cli.format.Inspection;
import dev.berth.cli.format.JsonValues;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.container.ContainerDescriptions;
import dev.berth.core.container.ContainerEngine;
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

/**
 * {@code berth inspect}: containers and images by name or ID, as Docker's JSON or a template of it. Without
 * {@code --type}, a container of that name is taken first, then an image, as Docker does.
 */
@Command(name = "inspect", description = "Return low-level information on berth objects")
public final class InspectCommand implements Callable<Integer> {

    @Option(names = {"-f", "--format"}, paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    @Option(names = "--type", paramLabel = "TYPE", description = "Only inspect objects of the given type: container or image")
    String type = "";

    @Parameters(paramLabel = "NAME|ID", arity = "1..*", description = "The objects")
    List<String> names;

    private final Streams streams;
    private final Provider<ContainerEngine> containers;
    private final Provider<ContainerDescriptions> containerDescriptions;
    private final Provider<ImageStore> images;
    private final Provider<ImageDescriptions> imageDescriptions;

    @Inject
    InspectCommand(Streams streams, Provider<ContainerEngine> containers,
                   Provider<ContainerDescriptions> containerDescriptions, Provider<ImageStore> images,
                   Provider<ImageDescriptions> imageDescriptions) {
        this.streams = streams;
        this.containers = containers;
        this.containerDescriptions = containerDescriptions;
        this.images = images;
        this.imageDescriptions = imageDescriptions;
    }

    @Override
    public Integer call() throws BerthException {
        if (!type.isEmpty() && !type.equals("container") && !type.equals("image")) {
            throw new InvalidInputException("\"" + type + "\" is not a valid value for --type");
        }
        List<Object> found = new ArrayList<>();
        int code = ExitCodes.OK;
        for (String name : names) {
            try {
                found.add(JsonValues.of(describe(name)));
            } catch (BerthException e) {
                streams.err().println("Error: " + e.getMessage());
                code = ExitCodes.FAILURE;
            }
        }
        streams.out().print(Inspection.render(found, format));
        return code;
    }

    private com.fasterxml.jackson.databind.JsonNode describe(String name) throws BerthException {
        if (!type.equals("image")) {
            try {
                return containerDescriptions.get().inspect(containers.get().resolve(name));
            } catch (NotFoundException e) {
                if (type.equals("container")) {
                    throw e;
                }
            }
        }
        try {
            return imageDescriptions.get().inspect(images.get().resolve(name));
        } catch (NotFoundException e) {
            if (type.equals("image")) {
                throw e;
            }
            throw new NotFoundException("No such object: " + name);
        }
    }
}
