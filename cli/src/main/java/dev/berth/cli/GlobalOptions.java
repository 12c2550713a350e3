package dev.berth.cli;

import dev.berth.core.InvalidInputException;
import dev.berth.core.config.ConfigKey;
import dev.berth.core.config.ConfigRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that go before the command ({@code berth --storage-driver vfs info}). */
@Singleton
public final class GlobalOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Location of the config file (default /etc/berth/config.json)")
    Path config;

    @Option(names = "--data-root", paramLabel = "DIR", description = "Root directory of persistent state (default /var/lib/berth)")
    String dataRoot;

    @Option(names = "--exec-root", paramLabel = "DIR", description = "Root directory for execution state (default /run/berth)")
    String execRoot;

    @Option(names = {"-s", "--storage-driver"}, paramLabel = "NAME", description = "Storage driver to use")
    String storageDriver;

    @Option(names = "--storage-opt", paramLabel = "OPT", description = "Storage driver options")
    List<String> storageOpts = new ArrayList<>();

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Directory of plugin jars (default /usr/lib/berth/plugins)")
    String pluginsDir;

    @Option(names = {"-D", "--debug"}, description = "Enable debug mode: errors show their stack trace")
    boolean debug;

    private final Map<String, String> environment;

    @Inject
    public GlobalOptions(Environment environment) {
        this.environment = environment.variables();
    }

    /** Whether errors should show their stack trace: {@code --debug}, or {@code BERTH_DEBUG} set true. */
    public boolean debug() {
        return debug || "true".equals(environment.get(ConfigKey.DEBUG.environmentVariable()))
                || "1".equals(environment.get(ConfigKey.DEBUG.environmentVariable()));
    }

    /** The configuration request these flags and the environment make. */
    public ConfigRequest configRequest() throws InvalidInputException {
        Map<ConfigKey, Object> flags = new EnumMap<>(ConfigKey.class);
        put(flags, ConfigKey.DATA_ROOT, dataRoot, "--data-root");
        put(flags, ConfigKey.EXEC_ROOT, execRoot, "--exec-root");
        put(flags, ConfigKey.STORAGE_DRIVER, storageDriver, "--storage-driver");
        put(flags, ConfigKey.PLUGINS_DIR, pluginsDir, "--plugins-dir");
        if (!storageOpts.isEmpty()) {
            flags.put(ConfigKey.STORAGE_OPTS, List.copyOf(storageOpts));
        }
        if (debug) {
            flags.put(ConfigKey.DEBUG, Boolean.TRUE);
        }
        return new ConfigRequest(flags, Optional.ofNullable(config), environment);
    }

    private static void put(Map<ConfigKey, Object> flags, ConfigKey key, String value, String flag)
            throws InvalidInputException {
        if (value != null) {
            flags.put(key, key.parse(value, "flag " + flag));
        }
    }
}
