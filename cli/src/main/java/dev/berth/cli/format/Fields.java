package dev.berth.cli.format;

import java.io.PrintStream;

/**
 * Prints {@code Name: value} lines indented by level, with values aligned in one column, the layout of
 * {@code docker version}.
 */
public final class Fields {

    private final PrintStream out;
    private final int valueColumn;

    /**
     * @param valueColumn the column where values start, counted from the start of the line
     */
    public Fields(PrintStream out, int valueColumn) {
        this.out = out;
        this.valueColumn = valueColumn;
    }

    public void heading(String text) {
        out.println(text);
    }

    public void field(int level, String name, String value) {
        StringBuilder line = new StringBuilder(" ".repeat(level)).append(name).append(':');
        int pad = Math.max(1, valueColumn - line.length());
        line.append(" ".repeat(pad)).append(value);
        out.println(line);
    }
}
