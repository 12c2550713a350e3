package dev.berth.cli.command.system;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Listing;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.cli.format.Truncation;
import dev.berth.core.BerthException;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.system.DiskUsage;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth system df [-v]}: disk use, each shared layer counted once. */
@Command(name = "df", description = "Show berth disk usage")
public final class SystemDfCommand implements Callable<Integer> {

    static final Listing SUMMARY = Listing.of("*formatter.diskUsageContext",
            "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}",
            Map.of("Type", "TYPE", "TotalCount", "TOTAL", "Active", "ACTIVE", "Size", "SIZE",
                    "Reclaimable", "RECLAIMABLE"));
    static final Listing IMAGES = Listing.of("*formatter.imageContext",
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}",
            Map.of("Repository", "REPOSITORY", "Tag", "TAG", "ID", "IMAGE ID", "CreatedSince", "CREATED", "Size", "SIZE",
                    "SharedSize", "SHARED SIZE", "UniqueSize", "UNIQUE SIZE", "Containers", "CONTAINERS"));
    static final Listing CONTAINERS = Listing.of("*formatter.ContainerContext",
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}",
            Map.of("ID", "CONTAINER ID", "Image", "IMAGE", "Command", "COMMAND", "LocalVolumes", "LOCAL VOLUMES",
                    "Size", "SIZE", "RunningFor", "CREATED", "Status", "STATUS", "Names", "NAMES"));

    @Option(names = {"-v", "--verbose"}, description = "Show detailed information on space usage")
    boolean verbose;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    private final Streams streams;
    private final Provider<ImageStore> images;
    private final Provider<ContainerEngine> containers;
    private final Provider<LayerStore> layers;

    @Inject
    SystemDfCommand(Streams streams, Provider<ImageStore> images, Provider<ContainerEngine> containers,
                    Provider<LayerStore> layers) {
        this.streams = streams;
        this.images = images;
        this.containers = containers;
        this.layers = layers;
    }

    @Override
    public Integer call() throws BerthException {
        DiskUsage usage = DiskUsage.of(images.get().list(), containers.get().list(), layers.get());
        if (verbose) {
            verbose(usage);
            return 0;
        }
        long activeImages = usage.images().stream().filter(i -> i.containers() > 0).count();
        long containerSize = usage.containers().stream().mapToLong(DiskUsage.ContainerUsage::sizeRw).sum();
        long stoppedSize = usage.containers().stream().filter(c -> !c.container().state().running())
                .mapToLong(DiskUsage.ContainerUsage::sizeRw).sum();
        long running = usage.containers().stream().filter(c -> c.container().state().running()).count();
        List<Map<String, Object>> rows = List.of(
                summary("Images", usage.images().size(), activeImages, usage.layersSize(),
                        usage.reclaimableImageBytes()),
                summary("Containers", usage.containers().size(), running, containerSize, stoppedSize),
                summary("Local Volumes", 0, 0, 0, 0),
                summary("Build Cache", 0, 0, 0, 0));
        streams.out().print(SUMMARY.format(format, false).render(rows));
        return 0;
    }

    private static Map<String, Object> summary(String type, long total, long active, long size, long reclaimable) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Type", type);
        row.put("TotalCount", Long.toString(total));
        row.put("Active", Long.toString(active));
        row.put("Size", Sizes.human(size, 4));
        row.put("Reclaimable", size > 0 ? Sizes.human(reclaimable, 4) + " (" + (reclaimable * 100 / size) + "%)"
                : Sizes.human(reclaimable, 4));
        return row;
    }

    private void verbose(DiskUsage usage) throws BerthException {
        Instant now = Instant.now();
        List<Map<String, Object>> imageRows = new ArrayList<>();
        for (DiskUsage.ImageUsage image : usage.images()) {
            List<ImageReference> tags = image.image().tags();
            for (int i = 0; i < Math.max(1, tags.size()); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("Repository", tags.isEmpty() ? "<none>" : tags.get(i).familiarName());
                row.put("Tag", tags.isEmpty() ? "<none>" : tags.get(i).tag().orElse("<none>"));
                row.put("ID", image.image().id().shortHex());
                row.put("CreatedSince", image.image().config().created().map(c -> Times.ago(c, now)).orElse("N/A"));
                row.put("Size", Sizes.human(image.size()));
                row.put("SharedSize", Sizes.human(image.sharedSize()));
                row.put("UniqueSize", Sizes.human(image.uniqueSize()));
                row.put("Containers", Integer.toString(image.containers()));
                imageRows.add(row);
            }
        }
        List<Map<String, Object>> containerRows = new ArrayList<>();
        for (DiskUsage.ContainerUsage container : usage.containers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            var c = container.container();
            row.put("ID", c.id().shortId());
            row.put("Image", c.config().image());
            row.put("Command", Truncation.command(String.join(" ", c.config().command()), true));
            row.put("LocalVolumes", "0");
            row.put("Size", Sizes.human(container.sizeRw()));
            row.put("RunningFor", Times.ago(c.created(), now));
            row.put("Status", dev.berth.cli.command.container.PsCommand.status(c.state(), now));
            row.put("Names", c.name().value());
            containerRows.add(row);
        }
        streams.out().println("Images space usage:\n");
        streams.out().print(IMAGES.format("", false).render(imageRows));
        streams.out().println("\nContainers space usage:\n");
        streams.out().print(CONTAINERS.format("", false).render(containerRows));
        streams.out().println("\nLocal Volumes space usage:\n");
        streams.out().println("VOLUME NAME   LINKS     SIZE");
        streams.out().println("\nBuild cache usage: 0B\n");
        streams.out().println("CACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED");
    }
}
