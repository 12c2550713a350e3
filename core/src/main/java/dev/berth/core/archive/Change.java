package dev.berth.core.archive;

import java.util.Objects;

/**
 * One change of a layer against its parent, as {@code docker diff} lists it.
 *
 * @param path the path inside the layer, without a leading slash
 * @param kind what happened to it
 */
public record Change(String path, Kind kind) {

    public Change {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /** Docker's change kinds, with the letters {@code docker diff} prints. */
    public enum Kind {
        ADDED('A'), CHANGED('C'), DELETED('D');

        private final char letter;

        Kind(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }
    }

    /** The line {@code docker diff} prints, e.g. {@code A /etc/motd}. */
    @Override
    public String toString() {
        return kind.letter + " /" + path;
    }
}
