package dev.berth.spi;

import java.util.Objects;

/**
 * One line of a driver's status as {@code berth info} shows it, e.g. {@code Backing Filesystem: extfs}.
 *
 * @param name  the label
 * @param value the value
 */
public record StatusLine(String name, String value) {

    public StatusLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
