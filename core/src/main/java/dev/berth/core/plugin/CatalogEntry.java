package dev.berth.core.plugin;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A factory berth knows by name.
 *
 * @param name    the name users select it by
 * @param factory the factory
 * @param jar     the plugin jar it came from; empty for a built-in
 * @param <T>     the SPI type
 */
public record CatalogEntry<T>(String name, T factory, Optional<Path> jar) {

    public CatalogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(jar, "jar");
    }

    public boolean isBuiltIn() {
        return jar.isEmpty();
    }
}
