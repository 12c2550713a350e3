package dev.berth.cli.command.image;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Listing;
import dev.berth.cli.format.ListingFormat;
import dev.berth.cli.format.Sizes;
import dev.berth.cli.format.Times;
import dev.berth.cli.format.Truncation;
import dev.berth.core.BerthException;
import dev.berth.core.InvalidInputException;
import dev.berth.core.image.Image;
import dev.berth.core.image.ImageReference;
import dev.berth.core.image.ImageStore;
import dev.berth.core.model.Digest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth images} and {@code berth image ls}: Docker 28's classic image table. */
@Command(name = "images", description = "List images")
public final class ImagesCommand implements Callable<Integer> {

    /** The image listing, public so that the bench module's JMH benchmark renders exactly what this command renders. */
    public static final Listing IMAGES = Listing.of("*formatter.imageContext",
            "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
            Map.ofEntries(Map.entry("ID", "IMAGE ID"), Map.entry("Repository", "REPOSITORY"), Map.entry("Tag", "TAG"),
                    Map.entry("Digest", "DIGEST"), Map.entry("CreatedSince", "CREATED"),
                    Map.entry("CreatedAt", "CREATED AT"), Map.entry("Size", "SIZE"),
                    Map.entry("SharedSize", "SHARED SIZE"), Map.entry("UniqueSize", "UNIQUE SIZE"),
                    Map.entry("VirtualSize", "VIRTUAL SIZE"), Map.entry("Containers", "CONTAINERS")));
    private static final String WITH_DIGESTS =
            "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    private static final String NONE = "<none>";

    @Option(names = {"-a", "--all"}, description = "Show all images (default hides intermediate images)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only show image IDs")
    boolean quiet;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Option(names = "--digests", description = "Show digests")
    boolean digests;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions provided")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "STRING", description = "Format output using a custom template")
    String format = "";

    @Parameters(arity = "0..1", paramLabel = "REPOSITORY[:TAG]", description = "Only images of this name")
    String name;

    private final Streams streams;
    private final Provider<ImageStore> images;

    @Inject
    ImagesCommand(Streams streams, Provider<ImageStore> images) {
        this.streams = streams;
        this.images = images;
    }

    @Override
    public Integer call() throws BerthException {
        ListingFormat output = (digests ? IMAGES.withDefaultTable(WITH_DIGESTS) : IMAGES).format(format, quiet);
        ImageFilters filter = ImageFilters.parse(filters, images.get());
        List<Image> list = images.get().list();
        Set<Digest> parents = new HashSet<>();
        list.forEach(image -> image.parent().ifPresent(parents::add));
        Instant now = Instant.now();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Image image : list) {
            if (!all && image.isDangling() && parents.contains(image.id())) {
                continue; // an intermediate image, as a commit's untagged parent
            }
            if (!filter.accepts(image)) {
                continue;
            }
            for (Map.Entry<String, String> repoTag : repoTags(image)) {
                if ((name == null || matchesName(repoTag.getKey(), repoTag.getValue()))
                        && filter.acceptsName(repoTag.getKey(), repoTag.getValue())) {
                    rows.add(row(image, repoTag.getKey(), repoTag.getValue(), now));
                }
            }
        }
        streams.out().print(output.render(rows));
        return 0;
    }

    /** The (repository, tag) rows of an image: one per tag, one per digest name without a tag, or none/none. */
    private static List<Map.Entry<String, String>> repoTags(Image image) {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        image.tags().stream().sorted(Comparator.comparing(ImageReference::familiarString))
                .forEach(tag -> rows.add(Map.entry(tag.familiarName(), tag.tag().orElse(NONE))));
        for (ImageReference digest : image.digests()) {
            if (rows.stream().noneMatch(r -> r.getKey().equals(digest.familiarName()))) {
                rows.add(Map.entry(digest.familiarName(), NONE));
            }
        }
        if (rows.isEmpty()) {
            rows.add(Map.entry(NONE, NONE));
        }
        return rows;
    }

    private boolean matchesName(String repository, String tag) throws InvalidInputException {
        ImageReference wanted = ImageReference.parse(name);
        String wantedRepo = wanted.familiarName();
        return repository.equals(wantedRepo) && (wanted.tag().isEmpty() || wanted.tag().get().equals(tag));
    }

    private Map<String, Object> row(Image image, String repository, String tag, Instant now) {
        Map<String, Object> row = new LinkedHashMap<>();
        Optional<Instant> created = image.config().created();
        row.put("Containers", "N/A");
        row.put("CreatedAt", created.map(Times::createdAt).orElse(""));
        row.put("CreatedSince", created.map(c -> Times.ago(c, now)).orElse("N/A"));
        row.put("Digest", image.digests().stream().filter(d -> d.familiarName().equals(repository)).findFirst()
                .flatMap(ImageReference::digest).map(Digest::toString).orElse(NONE));
        row.put("ID", noTrunc ? image.id().toString() : Truncation.id(image.id().toString()));
        row.put("Repository", repository);
        row.put("SharedSize", "N/A");
        row.put("Size", Sizes.human(image.size()));
        row.put("Tag", tag);
        row.put("UniqueSize", "N/A");
        row.put("VirtualSize", Sizes.human(image.size(), 4));
        return row;
    }

    /** {@code --filter}: dangling, reference, before, since, label. */
    record ImageFilters(Optional<Boolean> dangling, List<Pattern> references, Optional<Instant> before,
                        Optional<Instant> since, List<String> labels) {

        static ImageFilters parse(List<String> filters, ImageStore store) throws BerthException {
            Optional<Boolean> dangling = Optional.empty();
            List<Pattern> references = new ArrayList<>();
            Optional<Instant> before = Optional.empty();
            Optional<Instant> since = Optional.empty();
            List<String> labels = new ArrayList<>();
            for (String filter : filters) {
                int eq = filter.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidInputException("bad format of filter (expected name=value)");
                }
                String key = filter.substring(0, eq);
                String value = filter.substring(eq + 1);
                switch (key) {
                    case "dangling":
                        if (!value.equals("true") && !value.equals("false")) {
                            throw new InvalidInputException("invalid filter 'dangling=" + value + "'");
                        }
                        dangling = Optional.of(Boolean.parseBoolean(value));
                        break;
                    case "reference":
                        references.add(glob(value));
                        break;
                    case "before":
                        before = store.resolve(value).config().created();
                        break;
                    case "since":
                        since = store.resolve(value).config().created();
                        break;
                    case "label":
                        labels.add(value);
                        break;
                    default:
                        throw new InvalidInputException("invalid filter '" + key + "'");
                }
            }
            return new ImageFilters(dangling, references, before, since, labels);
        }

        boolean accepts(Image image) {
            if (dangling.isPresent() && dangling.get() != image.isDangling()) {
                return false;
            }
            if (!references.isEmpty() && image.tags().isEmpty()) {
                return false;
            }
            Instant created = image.config().created().orElse(Instant.EPOCH);
            if (before.isPresent() && !created.isBefore(before.get())) {
                return false;
            }
            if (since.isPresent() && !created.isAfter(since.get())) {
                return false;
            }
            Map<String, String> imageLabels = image.config().run().labels();
            for (String label : labels) {
                int eq = label.indexOf('=');
                boolean match = eq < 0 ? imageLabels.containsKey(label)
                        : label.substring(eq + 1).equals(imageLabels.get(label.substring(0, eq)));
                if (!match) {
                    return false;
                }
            }
            return true;
        }

        /** As Docker's daemon: with a reference filter, only the matching names of an image are listed. */
        boolean acceptsName(String repository, String tag) {
            return references.isEmpty() || references.stream().anyMatch(p -> p.matcher(repository).matches()
                    || p.matcher(repository + ":" + tag).matches());
        }

        /** Docker's reference filter matches with path.Match: {@code *} within a component, {@code ?} one char. */
        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                switch (c) {
                    case '*':
                        regex.append("[^/]*");
                        break;
                    case '?':
                        regex.append("[^/]");
                        break;
                    default:
                        regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }
}
