package dev.berth.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A plugin jar that berth skipped, and why.
 *
 * @param jar    the jar
 * @param reason what is wrong with it
 */
public record PluginProblem(Path jar, String reason) {

    public PluginProblem {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line for the user: which jar, what is wrong, what berth did. */
    public String describe() {
        return "plugin " + jar + " skipped: " + reason;
    }
}
