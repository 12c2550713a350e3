package dev.berth.cli.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} (elastic tabstops) as Docker's tables use it: {@code NewWriter(out, 10, 1, 3, ' ',
 * 0)}. Cells end at a tab ({@code \t} or {@code \v}); lines end at {@code \n} or {@code \f}. Tab-terminated cells
 * in consecutive lines form a column whose width is the widest cell plus the padding, at least the minimum width;
 * the text after a line's last tab belongs to no column and is not padded. A {@code \f} also ends every column.
 * Widths are display columns as Docker's fork of tabwriter measures them ({@link DisplayWidth#terminal}).
 */
final class TabWriter {

    /** Docker's settings: minimum width 10, padding 3, padded with spaces. */
    static final TabWriter DOCKER = new TabWriter(10, 3);

    private final int minWidth;
    private final int padding;

    TabWriter(int minWidth, int padding) {
        if (minWidth < 0 || padding < 0) {
            throw new IllegalArgumentException("negative minwidth or padding");
        }
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** A cell's text and its display width. */
    private static final class Cell {
        final CharSequence text;
        final int width;

        Cell(CharSequence text) {
            this.text = text;
            this.width = DisplayWidth.terminal(text);
        }
    }

    /** Aligns {@code text} and appends the result to {@code out}. */
    void align(CharSequence text, StringBuilder out) {
        List<List<Cell>> lines = new ArrayList<>();
        List<Cell> line = new ArrayList<>();
        lines.add(line);
        int cellStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && c != '\u000B' && c != '\n' && c != '\f') {
                continue;
            }
            line.add(new Cell(text.subSequence(cellStart, i)));
            cellStart = i + 1;
            if (c == '\n' || c == '\f') {
                line = new ArrayList<>();
                lines.add(line);
                if (c == '\f') {
                    // A form feed closes every column: what came before is laid out on its own.
                    new Block(lines, out).format(0, lines.size());
                    lines = new ArrayList<>();
                    lines.add(line);
                }
            }
        }
        if (cellStart < text.length()) {
            line.add(new Cell(text.subSequence(cellStart, text.length())));
        }
        new Block(lines, out).format(0, lines.size());
    }

    /** One run of lines between flushes, laid out column by column as Go's {@code Writer.format} does. */
    private final class Block {
        private final List<List<Cell>> lines;
        private final StringBuilder out;
        private final List<Integer> widths = new ArrayList<>();

        Block(List<List<Cell>> lines, StringBuilder out) {
            this.lines = lines;
            this.out = out;
        }

        /** Lays out lines {@code [line0, line1)}, whose columns left of {@code widths.size()} are known. */
        void format(int line0, int line1) {
            int column = widths.size();
            for (int current = line0; current < line1; current++) {
                if (column >= lines.get(current).size() - 1) {
                    continue;
                }
                // This line has a cell in this column: the column's block runs while lines have one.
                write(line0, current);
                line0 = current;
                int width = minWidth;
                for (; current < line1; current++) {
                    List<Cell> line = lines.get(current);
                    if (column >= line.size() - 1) {
                        break;
                    }
                    width = Math.max(width, line.get(column).width + padding);
                }
                widths.add(width);
                format(line0, current);
                widths.remove(widths.size() - 1);
                line0 = current;
            }
            write(line0, line1);
        }

        private void write(int line0, int line1) {
            for (int i = line0; i < line1; i++) {
                List<Cell> line = lines.get(i);
                for (int j = 0; j < line.size(); j++) {
                    Cell cell = line.get(j);
                    out.append(cell.text);
                    if (j < widths.size()) {
                        for (int pad = widths.get(j) - cell.width; pad > 0; pad--) {
                            out.append(' ');
                        }
                    }
                }
                if (i + 1 < lines.size()) {
                    out.append('\n');
                }
            }
        }
    }
}
