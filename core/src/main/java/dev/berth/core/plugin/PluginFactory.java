package dev.berth.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A factory found in a plugin jar.
 *
 * @param factory the factory instance
 * @param name    its name, read once at load time
 * @param jar     the jar it came from
 * @param <T>     the SPI type
 */
public record PluginFactory<T>(T factory, String name, Path jar) {

    public PluginFactory {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jar, "jar");
    }
}
