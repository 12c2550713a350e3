package dev.berth.cli.command.system;

import dev.berth.cli.Streams;
import dev.berth.cli.format.Sizes;
import dev.berth.core.BerthVersion;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.host.HostInfo;
import dev.berth.core.plugin.CatalogEntry;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.core.storage.SelectedDriver;
import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.StatusLine;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverFactory;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code berth info}: system-wide information, laid out like {@code docker info}. */
@Command(name = "info", description = "Display system-wide information")
public final class InfoCommand implements Callable<Integer> {

    private final Streams streams;
    private final Provider<BerthConfig> config;
    private final Provider<FactoryCatalog<StorageDriverFactory>> drivers;
    private final Provider<FactoryCatalog<RuntimeFactory>> runtimes;
    private final Provider<SelectedDriver> selected;
    private final Provider<StorageDriver> driver;

    @Inject
    InfoCommand(Streams streams, Provider<BerthConfig> config, Provider<FactoryCatalog<StorageDriverFactory>> drivers,
                Provider<FactoryCatalog<RuntimeFactory>> runtimes, Provider<SelectedDriver> selected,
                Provider<StorageDriver> driver) {
        this.streams = streams;
        this.config = config;
        this.drivers = drivers;
        this.runtimes = runtimes;
        this.selected = selected;
        this.driver = driver;
    }

    @Override
    public Integer call() throws IOException {
        // Resolve everything first, so that notices (a plugin skipped, a fallback) come before the report.
        BerthConfig configuration = config.get();
        SelectedDriver storage = selected.get();
        List<StatusLine> driverStatus = driver.get().status();
        List<CatalogEntry<StorageDriverFactory>> driverEntries = drivers.get().entries();
        List<CatalogEntry<RuntimeFactory>> runtimeEntries = runtimes.get().entries();
        HostInfo host = HostInfo.read();
        PrintStream out = streams.out();
        out.println("Client:");
        out.println(" Version:    " + BerthVersion.current().version());
        out.println(" Debug Mode: " + configuration.debug());
        out.println();
        out.println("Engine:");
        out.println(" Storage Driver: " + storage.name());
        for (StatusLine line : driverStatus) {
            out.println("  " + line.name() + ": " + line.value());
        }
        out.println(" Logging Driver: json-file");
        out.println(" Cgroup Driver: cgroupfs");
        out.println(" Cgroup Version: " + host.cgroupMode().version());
        out.println(" Plugins:");
        out.println("  Storage: " + names(driverEntries));
        printPluginJars(out, driverEntries);
        out.println("  Runtime: " + names(runtimeEntries));
        printPluginJars(out, runtimeEntries);
        out.println(" Runtimes: " + names(runtimeEntries));
        out.println(" Default Runtime: " + (runtimeEntries.isEmpty() ? "none" : runtimeEntries.get(0).name()));
        out.println(" Kernel Version: " + host.kernelVersion());
        out.println(" Operating System: " + host.operatingSystem());
        out.println(" OSType: linux");
        out.println(" Architecture: " + host.architecture());
        out.println(" CPUs: " + host.cpus());
        out.println(" Total Memory: " + Sizes.binary(host.totalMemory()));
        out.println(" Name: " + host.hostname());
        out.println(" Data Root: " + configuration.dataRoot());
        out.println(" Exec Root: " + configuration.execRoot());
        out.println(" Plugins Dir: " + configuration.pluginsDir());
        out.println(" Config File: " + configuration.file().map(Object::toString).orElse("none"));
        out.println(" Debug Mode: " + configuration.debug());
        return 0;
    }

    private static <T> String names(List<CatalogEntry<T>> entries) {
        return entries.stream().map(CatalogEntry::name).collect(Collectors.joining(" "));
    }

    private static <T> void printPluginJars(PrintStream out, List<CatalogEntry<T>> entries) {
        for (CatalogEntry<T> entry : entries) {
            entry.jar().ifPresent(jar -> out.println("   " + entry.name() + ": " + jar));
        }
    }
}
