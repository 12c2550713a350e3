package dev.berth.cli.format;

import java.util.Arrays;

/**
 * Go's {@code text/tabwriter} (elastic tabstops) as Docker's tables use it: {@code NewWriter(out, 10, 1, 3, ' ',
 * 0)}. Cells end at a tab ({@code \t} or {@code \v}); lines end at {@code \n} or {@code \f}. Tab-terminated cells
 * in consecutive lines form a column whose width is the widest cell plus the padding, at least the minimum width;
 * the text after a line's last tab belongs to no column and is not padded. A {@code \f} also ends every column.
 * Widths are display columns as Docker's fork of tabwriter measures them ({@link DisplayWidth#terminal}).
 */
public final class TabWriter {

    /** Docker's settings: minimum width 10, padding 3, padded with spaces. */
    public static final TabWriter DOCKER = new TabWriter(10, 3);

    private static final String SPACES = "                                                                ";

    private final int minWidth;
    private final int padding;

    TabWriter(int minWidth, int padding) {
        if (minWidth < 0 || padding < 0) {
            throw new IllegalArgumentException("negative minwidth or padding");
        }
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Aligns {@code text} and appends the result to {@code out}. */
    public void align(CharSequence text, StringBuilder out) {
        Layout layout = new Layout(text, out);
        int cellStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\u000B' && c != '\n' && c != '\f') {
                continue;
            }
            layout.addCell(cellStart, i);
            cellStart = i + 1;
            if (c == '\n' || c == '\f') {
                layout.endLine();
                if (c == '\f') {
                    // A form feed closes every column: what came before is laid out on its own.
                    layout.flush();
                }
            }
        }
        if (cellStart < text.length()) {
            layout.addCell(cellStart, text.length());
        }
        layout.flush();
    }

    /**
     * The cells of the lines since the last flush, as offsets into the text, laid out column by column as Go's
     * {@code Writer.format} does.
     */
    private final class Layout {
        private final CharSequence text;
        private final StringBuilder out;
        private int[] starts = new int[64];
        private int[] ends = new int[64];
        private int[] cellWidths = new int[64];
        private int cells;
        /** Line {@code i} holds cells {@code [lineStarts[i], lineStarts[i + 1])}; the last line is still open. */
        private int[] lineStarts = new int[16];
        private int lines = 1;
        private int[] widths = new int[8];
        private int columns;

        Layout(CharSequence text, StringBuilder out) {
            this.text = text;
            this.out = out;
        }

        void addCell(int start, int end) {
            if (cells == starts.length) {
                starts = Arrays.copyOf(starts, cells * 2);
                ends = Arrays.copyOf(ends, cells * 2);
                cellWidths = Arrays.copyOf(cellWidths, cells * 2);
            }
            starts[cells] = start;
            ends[cells] = end;
            cellWidths[cells] = DisplayWidth.terminal(text, start, end);
            cells++;
        }

        void endLine() {
            if (lines + 1 >= lineStarts.length) {
                lineStarts = Arrays.copyOf(lineStarts, lineStarts.length * 2);
            }
            lineStarts[lines] = cells;
            lines++;
        }

        /** Writes the lines so far (the last one without a newline, as it has none yet) and starts over. */
        void flush() {
            lineStarts[lines] = cells;
            format(0, lines);
            // The open line becomes the first line of what follows; a form feed left it empty.
            int openStart = lineStarts[lines - 1];
            int open = cells - openStart;
            System.arraycopy(starts, openStart, starts, 0, open);
            System.arraycopy(ends, openStart, ends, 0, open);
            System.arraycopy(cellWidths, openStart, cellWidths, 0, open);
            cells = open;
            lineStarts[0] = 0;
            lines = 1;
        }

        private int cellCount(int line) {
            return lineStarts[line + 1] - lineStarts[line];
        }

        /** Lays out lines {@code [line0, line1)}, whose columns left of {@code columns} are known. */
        private void format(int line0, int line1) {
            int column = columns;
            for (int current = line0; current < line1; current++) {
                if (column >= cellCount(current) - 1) {
                    continue;
                }
                // This line has a cell in this column: the column's block runs while lines have one.
                write(line0, current);
                line0 = current;
                int width = minWidth;
                for (; current < line1 && column < cellCount(current) - 1; current++) {
                    width = Math.max(width, cellWidths[lineStarts[current] + column] + padding);
                }
                if (columns == widths.length) {
                    widths = Arrays.copyOf(widths, columns * 2);
                }
                widths[columns++] = width;
                format(line0, current);
                columns--;
                line0 = current;
            }
            write(line0, line1);
        }

        private void write(int line0, int line1) {
            for (int line = line0; line < line1; line++) {
                int first = lineStarts[line];
                int count = cellCount(line);
                for (int j = 0; j < count; j++) {
                    int cell = first + j;
                    out.append(text, starts[cell], ends[cell]);
                    if (j < columns) {
                        for (int pad = widths[j] - cellWidths[cell]; pad > 0; pad -= SPACES.length()) {
                            out.append(SPACES, 0, Math.min(pad, SPACES.length()));
                        }
                    }
                }
                if (line + 1 < lines) {
                    out.append('\n');
                }
            }
        }
    }
}
