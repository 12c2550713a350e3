package dev.berth.core.inject;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import dev.berth.core.EngineFailureException;
import dev.berth.core.Notices;
import dev.berth.core.UncheckedBerthException;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigRequest;
import dev.berth.core.container.ContainerDescriptions;
import dev.berth.core.container.ContainerEngine;
import dev.berth.core.container.ContainerFiles;
import dev.berth.core.container.ContainerSpecs;
import dev.berth.core.container.ContainerStore;
import dev.berth.core.container.ExitCommand;
import dev.berth.core.container.RuntimeOpener;
import dev.berth.core.host.CgroupMode;
import dev.berth.core.host.DriverContexts;
import dev.berth.core.host.Mounter;
import dev.berth.core.host.ScratchSpace;
import dev.berth.core.image.ImageDescriptions;
import dev.berth.core.image.ImageImporter;
import dev.berth.core.image.ImageLoader;
import dev.berth.core.image.ImageRemover;
import dev.berth.core.image.ImageSaver;
import dev.berth.core.image.ImageStore;
import dev.berth.core.image.ImageUsers;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.plugin.FactoryCatalog;
import dev.berth.core.plugin.PluginLoader;
import dev.berth.core.plugin.PluginProblem;
import dev.berth.core.plugin.Plugins;
import dev.berth.core.storage.SelectedDriver;
import dev.berth.core.storage.StorageDriverSelector;
import dev.berth.spi.ContainerRuntime;
import dev.berth.spi.RuntimeFactory;
import dev.berth.spi.StorageDriver;
import dev.berth.spi.StorageDriverException;
import dev.berth.spi.StorageDriverFactory;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Wires core. Everything here is resolved lazily: a command that never asks for the configuration, the
 * plugins or a driver never reads a file, opens a jar or loads JNA for them.
 */
@Module(includes = RegistryModule.class)
public abstract class CoreModule {

    /** Built-in storage drivers, bound by their modules with {@code @IntoMap @StringKey(name)}. */
    @Multibinds
    abstract Map<String, StorageDriverFactory> builtInStorageDrivers();

    /** Built-in runtimes, bound like the storage drivers. */
    @Multibinds
    abstract Map<String, RuntimeFactory> builtInRuntimes();

    @Provides
    @Singleton
    static BerthConfig config(ConfigRequest request) {
        return UncheckedBerthException.call(request::resolve);
    }

    @Provides
    @Singleton
    static Plugins plugins(BerthConfig config, Notices notices) {
        Plugins plugins = new PluginLoader().load(config.pluginsDir());
        plugins.problems().stream().map(PluginProblem::describe).forEach(notices::notice);
        return plugins;
    }

    @Provides
    @Singleton
    static FactoryCatalog<StorageDriverFactory> storageDrivers(
            Map<String, Provider<StorageDriverFactory>> builtIns, Plugins plugins, Notices notices) {
        FactoryCatalog<StorageDriverFactory> catalog =
                new FactoryCatalog<>("storage driver", builtIns, plugins.storageDrivers());
        catalog.problems().stream().map(PluginProblem::describe).forEach(notices::notice);
        return catalog;
    }

    @Provides
    @Singleton
    static FactoryCatalog<RuntimeFactory> runtimes(
            Map<String, Provider<RuntimeFactory>> builtIns, Plugins plugins, Notices notices) {
        FactoryCatalog<RuntimeFactory> catalog = new FactoryCatalog<>("runtime", builtIns, plugins.runtimes());
        catalog.problems().stream().map(PluginProblem::describe).forEach(notices::notice);
        return catalog;
    }

    /** The container runtime: the first built-in one, its state under the exec-root. */
    @Provides
    @Singleton
    static ContainerRuntime containerRuntime(FactoryCatalog<RuntimeFactory> runtimes, BerthConfig config) {
        return UncheckedBerthException.call(() -> RuntimeOpener.open(runtimes, config.execRoot()));
    }

    @Provides
    @Singleton
    static DriverContexts driverContexts(BerthConfig config) {
        return new DriverContexts(config);
    }

    @Provides
    @Singleton
    static StorageDriverSelector storageDriverSelector(FactoryCatalog<StorageDriverFactory> catalog,
                                                       BerthConfig config, DriverContexts contexts) {
        return new StorageDriverSelector(catalog, config.dataRoot().resolve("storage"), contexts::forDriver);
    }

    @Provides
    @Singleton
    static SelectedDriver selectedDriver(StorageDriverSelector selector, BerthConfig config, Notices notices) {
        SelectedDriver selected = UncheckedBerthException.call(() -> selector.select(config.storageDriver()));
        selected.notice().ifPresent(notices::notice);
        return selected;
    }

    @Provides
    @Singleton
    static StorageDriver storageDriver(SelectedDriver selected, BerthConfig config, DriverContexts contexts) {
        return UncheckedBerthException.call(() -> {
            Map<String, String> options = config.storageOptionsFor(selected.name());
            try {
                return selected.entry().factory().create(selected.home(), options, contexts.forDriver(selected.name()));
            } catch (StorageDriverException e) {
                throw new EngineFailureException("cannot start the " + selected.name() + " storage driver: "
                        + e.getMessage(), e);
            }
        });
    }

    @Provides
    @Singleton
    static LayerStore layerStore(StorageDriver driver, SelectedDriver selected, BerthConfig config, Notices notices) {
        return UncheckedBerthException.call(() -> LayerStore.open(driver, selected.name(), config.dataRoot(),
                config.execRoot(), new Mounter(), notices));
    }

    @Provides
    @Singleton
    static ImageStore imageStore(LayerStore layers, SelectedDriver selected, BerthConfig config) {
        return UncheckedBerthException.call(() -> ImageStore.open(
                config.dataRoot().resolve("images").resolve(selected.name()), layers));
    }

    @Provides
    static ImageLoader imageLoader(LayerStore layers, ImageStore images, BerthConfig config) {
        return new ImageLoader(layers, images, new ScratchSpace(config.dataRoot().resolve("tmp")));
    }

    @Provides
    static ImageSaver imageSaver(LayerStore layers) {
        return new ImageSaver(layers);
    }

    @Provides
    static ImageImporter imageImporter(LayerStore layers, ImageStore images) {
        return new ImageImporter(layers, images);
    }

    @Provides
    static ImageRemover imageRemover(ImageStore images, LayerStore layers, ImageUsers users) {
        return new ImageRemover(images, layers, users);
    }

    @Provides
    @Singleton
    static ContainerStore containerStore(BerthConfig config) {
        return new ContainerStore(config.dataRoot().resolve("containers"));
    }

    @Provides
    static ImageUsers imageUsers(ContainerStore containers) {
        return containers;
    }

    @Provides
    static ImageDescriptions imageDescriptions(ImageStore images, LayerStore layers, SelectedDriver selected) {
        return new ImageDescriptions(images, layers, selected.name());
    }

    @Provides
    @Singleton
    static ContainerEngine containerEngine(ContainerStore store, ImageStore images, LayerStore layers,
                                           ContainerRuntime runtime, ExitCommand exitCommand, SelectedDriver selected) {
        CgroupMode cgroups = UncheckedBerthException.call(() -> {
            try {
                return CgroupMode.detect(Path.of("/proc/self/mountinfo"));
            } catch (IOException e) {
                throw new EngineFailureException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
            }
        });
        return new ContainerEngine(store, images, layers, runtime, new ContainerSpecs(cgroups), exitCommand,
                selected.name());
    }

    @Provides
    static ContainerDescriptions containerDescriptions(ContainerStore store, LayerStore layers) {
        return new ContainerDescriptions(store, layers);
    }

    @Provides
    static ContainerFiles containerFiles(ContainerEngine engine, LayerStore layers, ImageStore images) {
        return new ContainerFiles(engine, layers, images);
    }
}
