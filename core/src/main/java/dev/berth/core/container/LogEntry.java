package dev.berth.core.container;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a container's json-file log.
 *
 * @param stream {@code stdout} or {@code stderr}
 * @param text   the text, with its newline if it had one
 * @param time   when it was written
 */
public record LogEntry(String stream, String text, Instant time) {

    public LogEntry {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
    }

    public boolean isStderr() {
        return stream.equals("stderr");
    }
}
