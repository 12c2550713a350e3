package dev.berth.spi;

/**
 * The size of a terminal.
 *
 * @param rows    lines, 1 to 65535
 * @param columns characters per line, 1 to 65535
 */
public record ConsoleSize(int rows, int columns) {

    public ConsoleSize {
        if (rows < 1 || rows > 65535 || columns < 1 || columns > 65535) {
            throw new IllegalArgumentException("a console size is 1 to 65535 rows and columns, not " + rows + "x" + columns);
        }
    }
}
