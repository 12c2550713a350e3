package dev.berth.cli.command.image;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Listing;
import dev.berth.cli.format.ListingFormat;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.cli.format.Truncation;
import dev.berth.core.BerthException;
import dev.berth.core.image.HistoryRow;
import dev.berth.core.image.ImageDescriptions;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
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
import picocli.CommandLine.Parameters;

/** {@code berth history}: an image's steps, newest first. */
@Command(name = "history", description = "Show the history of an image")
public final class HistoryCommand implements Callable<Integer> {

    static final Listing HISTORY = Listing.of("*formatter.historyContext",
            "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
            Map.of("ID", "IMAGE", "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "CreatedBy", "CREATED BY",
                    "Size", "SIZE", "Comment", "COMMENT"));
    private static final int CREATED_BY_WIDTH = 45;

    @Option(names = {"-H", "--human"}, arity = "1", paramLabel = "BOOL", defaultValue = "true",
            description = "Print sizes and dates in human readable format (default true)")
    boolean human;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    @Parameters(paramLabel = "IMAGE", description = "The image")
    String image;

    private final Streams streams;
    private final Provider<ImageStore> images;
    private final Provider<ImageDescriptions> descriptions;

    @Inject
    HistoryCommand(Streams streams, Provider<ImageStore> images, Provider<ImageDescriptions> descriptions) {
        this.streams = streams;
        this.images = images;
        this.descriptions = descriptions;
    }

    @Override
    public Integer call() throws BerthException {
        ListingFormat output = HISTORY.format(format, quiet);
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HistoryRow step : descriptions.get().history(images.get().resolve(image))) {
            Map<String, Object> row = new LinkedHashMap<>();
            String id = step.image().map(d -> noTrunc ? d.toString() : Truncation.id(d.toString())).orElse("<missing>");
            row.put("ID", id);
            row.put("CreatedSince", step.created().map(c -> human ? Times.ago(c, now) : c.toString()).orElse("N/A"));
            row.put("CreatedAt", step.created().map(Times::createdAt).orElse(""));
            String createdBy = step.createdBy().replace("\t", " ");
            row.put("CreatedBy", noTrunc ? createdBy : Truncation.ellipsis(createdBy, CREATED_BY_WIDTH));
            row.put("Size", human ? Sizes.human(step.size()) : Long.toString(step.size()));
            row.put("Comment", step.comment());
            row.put("Tags", String.join(", ", step.tags().stream().map(ImageReference::familiarString).toList()));
            rows.add(row);
        }
        streams.out().print(output.render(rows));
        return 0;
    }
}
