package dev.berth.cli.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a listing command ({@code images}, {@code ps}, {@code history}, {@code system df}, {@code stats}) shows,
 * declared once: the Go type name its rows have in Docker (for error messages), its default table, and the header
 * of each field. The command then chooses an output with {@link #format} and renders its rows with
 * {@link ListingFormat#render}:
 *
 * <pre>{@code
 * static final Listing IMAGES = Listing.of("*formatter.imageContext",
 *         "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
 *         Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG", "CreatedSince", "CREATED", "Size", "SIZE"));
 *
 * ListingFormat output = IMAGES.format(formatFlag, quiet);   // fails on a bad template before any work
 * out.print(output.render(rows));                            // rows: ordered maps of field name to value
 * }</pre>
 *
 * <p>A row maps Docker's field names to values, all of them, as {@code --format json} prints every field; a field
 * that takes an argument, like {@code ps}'s {@code {{.Label "key"}}}, is a {@link GoMethod}.
 */
public final class Listing {

    /** Docker's {@code -q}: the ID of each row. */
    public static final String QUIET = "{{.ID}}";

    private final String contextType;
    private final String defaultTable;
    private final Map<String, String> headers;

    private Listing(String contextType, String defaultTable, Map<String, String> headers) {
        this.contextType = Objects.requireNonNull(contextType, "contextType");
        this.defaultTable = Objects.requireNonNull(defaultTable, "defaultTable");
        if (!defaultTable.startsWith("table")) {
            throw new IllegalArgumentException("a default table starts with \"table\": " + defaultTable);
        }
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * @param contextType the Go type Docker's rows have, which error messages name, for example
     *     {@code *formatter.ContainerContext}
     * @param defaultTable what {@code --format table} (and no {@code --format}) means, starting with {@code table}
     * @param headers the column header of each field that has one; the header of a field without one is
     *     {@code <no value>}, as in Docker
     */
    public static Listing of(String contextType, String defaultTable, Map<String, String> headers) {
        return new Listing(contextType, defaultTable, headers);
    }

    /** The same listing with another default table, as {@code images --digests} adds a column. */
    public Listing withDefaultTable(String table) {
        return new Listing(contextType, table, headers);
    }

    /**
     * Chooses the output for a {@code --format} value as Docker does ({@code cli/command/formatter}): empty or
     * {@code table} gives the default table, or the IDs when {@code quiet}; {@code json} one JSON object per row;
     * {@code table TEMPLATE} a table with headers; anything else the template once per row. As in Docker, a
     * literal {@code \t} or {@code \n} in the flag becomes a tab or newline and spaces around the template are
     * dropped. {@code quiet} applies only without a custom format, as in {@code docker images}; commands where
     * {@code -q} wins over {@code --format} ({@code docker ps}) pass an empty format with it.
     *
     * @throws TemplateException if the template does not parse ({@code template parsing error: ...})
     */
    public ListingFormat format(String format, boolean quiet) throws TemplateException {
        String source = format == null || format.isEmpty() ? "table" : format;
        if (source.equals("table")) {
            source = quiet ? QUIET : defaultTable;
        }
        boolean table = source.startsWith("table");
        String text;
        if (table) {
            text = source.substring("table".length());
        } else if (source.equals("json")) {
            text = "{{json .}}";
        } else {
            text = source;
        }
        text = trimSpaces(text).replace("\\t", "\t").replace("\\n", "\n");
        return new ListingFormat(GoTemplate.parse(text), table, contextType, headers);
    }

    /** Go's {@code strings.Trim(s, " ")}: spaces only, not tabs or newlines. */
    private static String trimSpaces(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return s.substring(start, end);
    }
}
