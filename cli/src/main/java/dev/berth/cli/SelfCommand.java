package dev.berth.cli;

import dev.berth.core.config.BerthConfig;
import dev.berth.core.container.ContainerId;
import dev.berth.core.container.ExitCommand;
import dev.berth.core.storage.SelectedDriver;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How berth calls itself back when a container exits: through the launcher that started this process, else the
 * same Java and class path as this process; and the
 * same data root, exec root, storage driver and plugins, so that the callback sees the stores this process
 * used, whatever mix of flags, environment and config file chose them.
 */
public final class SelfCommand implements ExitCommand {

    private final Provider<BerthConfig> config;
    private final Provider<SelectedDriver> driver;
    private final Environment environment;

    @Inject
    public SelfCommand(Provider<BerthConfig> config, Provider<SelectedDriver> driver, Environment environment) {
        this.config = config;
        this.driver = driver;
        this.environment = environment;
    }

    @Override
    public List<String> forContainer(ContainerId id) {
        BerthConfig settings = config.get();
        List<String> command = new ArrayList<>();
        String launcher = environment.variables().get("BERTH_LAUNCHER");
        if (launcher != null && launcher.startsWith("/")) {
            command.add(launcher);
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        }
        command.addAll(List.of("--data-root", settings.dataRoot().toString(),
                "--exec-root", settings.execRoot().toString(),
                "--storage-driver", driver.get().name(),
                "--plugins-dir", settings.pluginsDir().toString()));
        for (String option : settings.storageOpts()) {
            command.addAll(List.of("--storage-opt", option));
        }
        settings.file().ifPresent(file -> command.addAll(List.of("--config", file.toString())));
        command.addAll(List.of("container", "cleanup", id.hex()));
        return command;
    }
}
