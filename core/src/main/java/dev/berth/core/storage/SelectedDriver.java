package dev.berth.core.storage;

import dev.berth.core.plugin.CatalogEntry;
import dev.berth.spi.StorageDriverFactory;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage driver berth works with in this process, and why.
 *
 * @param entry  the driver
 * @param home   its directory under the data root
 * @param notice when berth fell back from its first choice, a line saying why
 */
public record SelectedDriver(CatalogEntry<StorageDriverFactory> entry, Path home, Optional<String> notice) {

    public SelectedDriver {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(notice, "notice");
    }

    public String name() {
        return entry.name();
    }
}
