package dev.berth.core.container;

import dev.berth.core.EngineFailureException;
import dev.berth.core.plugin.CatalogEntry;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.RuntimeFailureException;
import dev.berth.spi.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Opens the runtime containers run with: the first built-in runtime (there is no setting to choose yet), with
 * a state directory of its own under the exec-root, readable by root only.
 */
public final class RuntimeOpener {

    private RuntimeOpener() {
    }

    public static ContainerRuntime open(FactoryCatalog<RuntimeFactory> runtimes, Path execRoot)
            throws EngineFailureException {
        CatalogEntry<RuntimeFactory> entry = runtimes.entries().stream().filter(CatalogEntry::isBuiltIn).findFirst()
                .orElseThrow(() -> new EngineFailureException("berth was built without a container runtime"));
        Support support = entry.factory().isSupported();
        if (!support.supported()) {
            throw new EngineFailureException("the " + entry.name() + " runtime cannot run containers on this host: "
                    + support.reason());
        }
        Path stateRoot = execRoot.resolve("runtime").resolve(entry.name());
        try {
            Files.createDirectories(stateRoot);
            Files.setPosixFilePermissions(stateRoot, PosixFilePermissions.fromString("rwx------"));
            return entry.factory().create(stateRoot);
        } catch (IOException e) {
            throw new EngineFailureException("cannot create the runtime's directory " + stateRoot + ": " + e.getMessage(), e);
        } catch (RuntimeFailureException e) {
            throw new EngineFailureException("cannot open the " + entry.name() + " runtime: " + e.getMessage(), e);
        }
    }
}
