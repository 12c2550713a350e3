package dev.berth.cli.command.container;

import dev.berth.cli.Streams;
import dev.berth.cli.format.GoMethod;
import dev.berth.cli.format.Listing;
import dev.berth.cli.format.ListingFormat;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.cli.format.Truncation;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.container.Container;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerStatus;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageStore;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.model.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ps} and {@code berth container ls}: Docker's container table and its STATUS strings. */
@Command(name = "ps", description = "List containers")
public final class PsCommand implements Callable<Integer> {

    static final Listing CONTAINERS = Listing.of("*formatter.ContainerContext",
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}",
            Map.ofEntries(Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"), Map.entry("Command", "COMMAND"),
                    Map.entry("CreatedAt", "CREATED AT"), Map.entry("RunningFor", "CREATED"),
                    Map.entry("Status", "STATUS"), Map.entry("State", "STATE"), Map.entry("Ports", "PORTS"),
                    Map.entry("Names", "NAMES"), Map.entry("Size", "SIZE"), Map.entry("Labels", "LABELS"),
                    Map.entry("Mounts", "MOUNTS"), Map.entry("Networks", "NETWORKS"),
                    Map.entry("LocalVolumes", "LOCAL VOLUMES")));
    private static final String WITH_SIZE =
            "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}";

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-s", "--size"}, description = "Display total file sizes")
    boolean size;

    @Option(names = {"-n", "--last"}, paramLabel = "N", defaultValue = "-1", description = "Show n last created containers (includes all states)")
    int last;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    private final Streams streams;
    private final Provider<ContainerEngine> engine;
    private final Provider<ImageStore> images;
    private final Provider<LayerStore> layers;
    private final Map<String, Optional<Image>> namedImages = new HashMap<>();

    @Inject
    PsCommand(Streams streams, Provider<ContainerEngine> engine, Provider<ImageStore> images,
              Provider<LayerStore> layers) {
        this.streams = streams;
        this.engine = engine;
        this.images = images;
        this.layers = layers;
    }

    @Override
    public Integer call() throws BerthException {
        // As docker: -q wins over --format.
        ListingFormat output = (size ? CONTAINERS.withDefaultTable(WITH_SIZE) : CONTAINERS)
                .format(quiet ? "" : format, quiet);
        Filters filter = Filters.parse(filters, images.get());
        int limit = latest ? 1 : last;
        boolean showAll = all || limit > 0 || filter.hasStatus();
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Container container : engine.get().list()) {
            if (limit > 0 && rows.size() >= limit) {
                break;
            }
            if ((!showAll && !container.state().running()) || !filter.accepts(container)) {
                continue;
            }
            rows.add(row(container, now, size || output.usesField("Size")));
        }
        streams.out().print(output.render(rows));
        return 0;
    }

    private Map<String, Object> row(Container c, Instant now, boolean withSize) throws BerthException {
        Map<String, Object> row = new LinkedHashMap<>();
        String command = String.join(" ", c.config().command());
        row.put("Command", Truncation.command(command, !noTrunc));
        row.put("CreatedAt", Times.createdAt(c.created()));
        row.put("ID", noTrunc ? c.id().hex() : c.id().shortId());
        row.put("Image", imageName(c));
        Map<String, String> labels = c.config().labels();
        row.put("Label", (GoMethod) key -> labels.getOrDefault(key, ""));
        row.put("Labels", labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
        row.put("LocalVolumes", "0");
        row.put("Mounts", c.hostConfig().binds().stream().map(b -> b.split(":")[0]).collect(Collectors.joining(",")));
        row.put("Names", c.name().value());
        row.put("Networks", c.hostConfig().hostNetwork() ? "host" : "none");
        row.put("Ports", "");
        row.put("RunningFor", Times.ago(c.created(), now));
        row.put("Size", withSize ? size(c) : "");
        row.put("State", c.state().name());
        row.put("Status", status(c.state(), now));
        return row;
    }

    /** The image as the user named it, or its short ID when that name now means another image (Docker). */
    private String imageName(Container c) throws BerthException {
        // Many containers share an image name: each is looked up once per listing.
        Optional<Image> named = namedImages.get(c.config().image());
        if (named == null) {
            named = images.get().find(c.config().image());
            namedImages.put(c.config().image(), named);
        }
        if (named.isPresent() && named.get().id().equals(c.image())) {
            return c.config().image();
        }
        return noTrunc ? c.image().toString() : c.image().shortHex();
    }

    private String size(Container c) throws BerthException {
        long rw = 0;
        var layer = layers.get().writable(c.id().hex());
        if (layer.isPresent()) {
            rw = layers.get().size(layer.get());
        }
        long virtual = rw + images.get().get(c.image()).map(Image::size).orElse(0L);
        return Sizes.human(rw) + " (virtual " + Sizes.human(virtual) + ")";
    }

    /** Docker's STATUS column ({@code daemon/container/state.go String()}). */
    public static String status(ContainerStatus s, Instant now) {
        if (s.running()) {
            if (s.paused()) {
                return "Up " + since(s.startedAt(), now) + " (Paused)";
            }
            if (s.restarting()) {
                return "Restarting (" + s.exitCode() + ") " + since(s.finishedAt(), now) + " ago";
            }
            return "Up " + since(s.startedAt(), now);
        }
        if (s.removalInProgress()) {
            return "Removal In Progress";
        }
        if (s.dead()) {
            return "Dead";
        }
        if (s.startedAt().isEmpty()) {
            return "Created";
        }
        if (s.finishedAt().isEmpty()) {
            return "";
        }
        return "Exited (" + s.exitCode() + ") " + since(s.finishedAt(), now) + " ago";
    }

    private static String since(Optional<Instant> then, Instant now) {
        return Times.humanDuration(Duration.between(then.orElse(now), now));
    }

    /** {@code --filter}: status, name, id, ancestor, label, exited. */
    record Filters(List<String> statuses, List<Pattern> names, List<String> ids, List<Digest> ancestors,
                   List<String> labels, List<Integer> exited) {

        private static final List<String> STATUSES = List.of("created", "restarting", "running", "removing", "paused",
                "exited", "dead");

        static Filters parse(List<String> filters, ImageStore images) throws BerthException {
            List<String> statuses = new ArrayList<>();
            List<Pattern> names = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<Digest> ancestors = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            List<Integer> exited = new ArrayList<>();
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("bad format of filter (expected name=value)");
                }
                String key = filter.substring(0, eq);
                String value = filter.substring(eq + 1);
                switch (key) {
                    case "status":
                        if (!STATUSES.contains(value)) {
                            throw new InvalidInputException("invalid filter 'status=" + value + "'");
                        }
                        statuses.add(value);
                        break;
                    case "name":
                        names.add(Pattern.compile(value));
                        break;
                    case "id":
                        ids.add(value);
                        break;
                    case "ancestor":
                        ancestors.add(images.resolve(value).id());
                        break;
                    case "label":
                        labels.add(value);
                        break;
                    case "exited":
                        try {
                            exited.add(Integer.parseInt(value));
                        } catch (NumberFormatException e) {
                            throw new InvalidInputException("invalid filter 'exited=" + value + "'");
                        }
                        break;
                    default:
                        throw new InvalidInputException("invalid filter '" + key + "'");
                }
            }
            return new Filters(statuses, names, ids, ancestors, labels, exited);
        }

        boolean hasStatus() {
            return !statuses.isEmpty() || !exited.isEmpty();
        }

        boolean accepts(Container c) {
            if (!statuses.isEmpty() && !statuses.contains(c.state().name())) {
                return false;
            }
            if (!names.isEmpty() && names.stream().noneMatch(p -> p.matcher(c.name().value()).find())) {
                return false;
            }
            if (!ids.isEmpty() && ids.stream().noneMatch(id -> c.id().hex().startsWith(id))) {
                return false;
            }
            if (!ancestors.isEmpty() && !ancestors.contains(c.image())) {
                return false;
            }
            if (!exited.isEmpty() && (c.state().running() || c.state().startedAt().isEmpty()
                    || !exited.contains(c.state().exitCode()))) {
                return false;
            }
            for (String label : labels) {
                int eq = label.indexOf('=');
                boolean match = eq < 0 ? c.config().labels().containsKey(label)
                        : label.substring(eq + 1).equals(c.config().labels().get(label.substring(0, eq)));
                if (!match) {
                    return false;
                }
            }
            return true;
        }
    }
}
