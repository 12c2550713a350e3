package dev.berth.core.storage;

import dev.berth.core.InvalidInputException;
import dev.berth.core.NotFoundException;
import dev.berth.core.plugin.CatalogEntry;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.spi.DriverContext;
import dev.berth.spi.StorageDriverFactory;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Chooses the storage driver: the one the user named; else the one whose directory already holds data (so
 * that images never seem to vanish because a probe result changed); else overlay where its probe passes;
 * else vfs, with a notice saying why.
 */
public final class StorageDriverSelector {

    /** The drivers tried, in order, when the user names none. */
    static final List<String> PRIORITY = List.of("overlay", "vfs");

    private final FactoryCatalog<StorageDriverFactory> catalog;
    private final Path storageRoot;
    private final Function<String, DriverContext> contexts;

    /**
     * @param storageRoot the directory that holds one directory per driver ({@code data-root/storage})
     * @param contexts    the host context lent to a driver, by driver name
     */
    public StorageDriverSelector(FactoryCatalog<StorageDriverFactory> catalog, Path storageRoot,
                                 Function<String, DriverContext> contexts) {
        this.catalog = catalog;
        this.storageRoot = storageRoot;
        this.contexts = contexts;
    }

    public SelectedDriver select(Optional<String> requested) throws NotFoundException, InvalidInputException {
        if (requested.isPresent()) {
            return selectNamed(requested.get());
        }
        List<CatalogEntry<StorageDriverFactory>> used = driversWithData();
        if (used.size() == 1) {
            return selectNamed(used.get(0).name());
        }
        if (used.size() > 1) {
            throw new InvalidInputException("the data root holds data of several storage drivers ("
                    + String.join(", ", used.stream().map(CatalogEntry::name).toList())
                    + "): choose one with --storage-driver or \"storage-driver\" in the config file");
        }
        String fallbackReason = null;
        for (String name : PRIORITY) {
            Optional<CatalogEntry<StorageDriverFactory>> entry = catalog.find(name);
            if (entry.isEmpty()) {
                continue;
            }
            Support support = probe(entry.get());
            if (support.supported()) {
                Optional<String> notice = fallbackReason == null ? Optional.empty()
                        : Optional.of(fallbackReason + "; using the " + name + " storage driver");
                return new SelectedDriver(entry.get(), home(name), notice);
            }
            if (fallbackReason == null) {
                fallbackReason = "the " + name + " storage driver is not supported here (" + support.reason() + ")";
            }
        }
        throw new InvalidInputException("no storage driver works here: " + fallbackReason);
    }

    private SelectedDriver selectNamed(String name) throws NotFoundException, InvalidInputException {
        CatalogEntry<StorageDriverFactory> entry = catalog.find(name).orElseThrow(() -> new NotFoundException(
                "unknown storage driver \"" + name + "\"; valid choices are " + String.join(", ", catalog.names())));
        Support support = probe(entry);
        if (!support.supported()) {
            throw new InvalidInputException("the " + name + " storage driver is not supported here: "
                    + support.reason());
        }
        return new SelectedDriver(entry, home(name), Optional.empty());
    }

    public Path home(String name) {
        return storageRoot.resolve(name);
    }

    private Support probe(CatalogEntry<StorageDriverFactory> entry) {
        try {
            return entry.factory().isSupported(home(entry.name()), contexts.apply(entry.name()));
        } catch (RuntimeException | LinkageError e) {
            return Support.no("its probe failed: " + e);
        }
    }

    private List<CatalogEntry<StorageDriverFactory>> driversWithData() throws InvalidInputException {
        List<CatalogEntry<StorageDriverFactory>> used = new ArrayList<>();
        for (CatalogEntry<StorageDriverFactory> entry : catalog.entries()) {
            if (hasData(home(entry.name()))) {
                used.add(entry);
            }
        }
        return used;
    }

    private static boolean hasData(Path home) throws InvalidInputException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(home)) {
            return entries.iterator().hasNext();
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + home + ": " + e.getMessage(), e);
        }
    }
}
