package dev.berth.core.plugin;

import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.StorageDriverFactory;
import java.util.List;

/**
 * What the plugins directory provides.
 *
 * @param storageDrivers the storage driver factories, in jar order
 * @param runtimes       the runtime factories, in jar order
 * @param problems       the jars that were skipped
 */
public record Plugins(List<PluginFactory<StorageDriverFactory>> storageDrivers,
                      List<PluginFactory<RuntimeFactory>> runtimes, List<PluginProblem> problems) {

    public static final Plugins NONE = new Plugins(List.of(), List.of(), List.of());

    public Plugins {
        storageDrivers = List.copyOf(storageDrivers);
        runtimes = List.copyOf(runtimes);
        problems = List.copyOf(problems);
    }
}
