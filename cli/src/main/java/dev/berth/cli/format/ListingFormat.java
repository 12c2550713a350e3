package dev.berth.cli.format;

import java.util.List;
import java.util.Map;

/**
 * A chosen output of a {@link Listing}: a table with a header row aligned as Docker's tabwriter aligns it
 * (minimum width 10, padding 3), or the template's text once per row.
 */
public final class ListingFormat {

    private final GoTemplate template;
    private final boolean table;
    private final String contextType;
    private final Map<String, String> headers;

    ListingFormat(GoTemplate template, boolean table, String contextType, Map<String, String> headers) {
        this.template = template;
        this.table = table;
        this.contextType = contextType;
        this.headers = headers;
    }

    /** Whether the output is a table with a header row. */
    public boolean isTable() {
        return table;
    }

    /** Whether the format shows field {@code name}, for fields that are costly to compute ({@code ps -s}). */
    public boolean usesField(String name) {
        return template.usesField(name);
    }

    /**
     * Renders the rows, each followed by a newline; a table starts with its header, even without rows. Nothing is
     * rendered if a row fails, as in Docker.
     *
     * @param rows each row an ordered map of field name to value (see {@link GoTemplate} for the value types)
     * @throws TemplateException if the template fails on a row, for example on an unknown field
     */
    public String render(List<? extends Map<String, ?>> rows) throws TemplateException {
        StringBuilder body = new StringBuilder(rows.size() * 64 + 64);
        for (Map<String, ?> row : rows) {
            template.execute(GoStruct.formatterContext(contextType, row), body);
            body.append('\n');
        }
        if (!table) {
            return body.toString();
        }
        StringBuilder text = new StringBuilder(body.length() + 128);
        template.executeHeader(headers, text);
        text.append('\n').append(body);
        StringBuilder aligned = new StringBuilder(text.length() + rows.size() * 16);
        TabWriter.DOCKER.align(text, aligned);
        return aligned.toString();
    }
}
