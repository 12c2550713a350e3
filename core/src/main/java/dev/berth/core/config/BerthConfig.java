package dev.berth.core.config;

import dev.berth.core.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * berth's resolved configuration. Each setting comes from, in order of precedence, a flag, an environment
 * variable, the config file, or its default.
 *
 * @param dataRoot           where the stores live ({@code /var/lib/berth})
 * @param execRoot           locks, fifos, sockets and per-boot state ({@code /run/berth})
 * @param storageDriver      the driver the user asked for; empty means "choose"
 * @param storageOpts        driver options, {@code driver.key=value} or {@code key=value}
 * @param pluginsDir         where third-party plugin jars are found
 * @param insecureRegistries registries reached over plain HTTP besides localhost and 127.0.0.0/8
 * @param debug              whether errors show their stack trace
 * @param file               the config file that was read, if one was
 */
public record BerthConfig(Path dataRoot, Path execRoot, Optional<String> storageDriver, List<String> storageOpts,
                          Path pluginsDir, List<String> insecureRegistries, boolean debug, Optional<Path> file) {

    public static final Path DEFAULT_FILE = Path.of("/etc/berth/config.json");
    public static final String CONFIG_VARIABLE = "BERTH_CONFIG";

    private static final Map<ConfigKey, Object> DEFAULTS = Map.of(
            ConfigKey.DATA_ROOT, Path.of("/var/lib/berth"),
            ConfigKey.EXEC_ROOT, Path.of("/run/berth"),
            ConfigKey.STORAGE_OPTS, List.of(),
            ConfigKey.PLUGINS_DIR, Path.of("/usr/lib/berth/plugins"),
            ConfigKey.INSECURE_REGISTRIES, List.of(),
            ConfigKey.DEBUG, Boolean.FALSE);

    public BerthConfig {
        Objects.requireNonNull(dataRoot, "dataRoot");
        Objects.requireNonNull(execRoot, "execRoot");
        Objects.requireNonNull(storageDriver, "storageDriver");
        storageOpts = List.copyOf(storageOpts);
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        insecureRegistries = List.copyOf(insecureRegistries);
        Objects.requireNonNull(file, "file");
    }

    /**
     * Resolves the configuration.
     *
     * @param flags       settings given as flags
     * @param configFlag  the {@code --config} flag, if given
     * @param environment the process environment
     */
    public static BerthConfig resolve(Map<ConfigKey, Object> flags, Optional<Path> configFlag,
                                      Map<String, String> environment) throws InvalidInputException {
        return resolve(flags, configFlag, environment, DEFAULT_FILE);
    }

    static BerthConfig resolve(Map<ConfigKey, Object> flags, Optional<Path> configFlag,
                               Map<String, String> environment, Path defaultFile) throws InvalidInputException {
        Optional<Path> file = configFile(configFlag, environment, defaultFile);
        Map<ConfigKey, Object> settings = new EnumMap<>(DEFAULTS);
        if (file.isPresent()) {
            settings.putAll(ConfigFile.read(file.get()));
        }
        for (ConfigKey key : ConfigKey.values()) {
            String value = environment.get(key.environmentVariable());
            if (value != null) {
                settings.put(key, key.parse(value, "environment variable " + key.environmentVariable()));
            }
        }
        settings.putAll(flags);
        return new BerthConfig(
                (Path) settings.get(ConfigKey.DATA_ROOT),
                (Path) settings.get(ConfigKey.EXEC_ROOT),
                Optional.ofNullable((String) settings.get(ConfigKey.STORAGE_DRIVER)).filter(s -> !s.isEmpty()),
                ConfigKey.asList(settings.get(ConfigKey.STORAGE_OPTS)),
                (Path) settings.get(ConfigKey.PLUGINS_DIR),
                ConfigKey.asList(settings.get(ConfigKey.INSECURE_REGISTRIES)),
                (Boolean) settings.get(ConfigKey.DEBUG),
                file);
    }

    /** The config file to read: the flag's, else the environment's (both must exist), else the default if present. */
    private static Optional<Path> configFile(Optional<Path> configFlag, Map<String, String> environment,
                                             Path defaultFile) throws InvalidInputException {
        Optional<Path> explicit = configFlag.or(() -> Optional.ofNullable(environment.get(CONFIG_VARIABLE))
                .filter(s -> !s.isEmpty()).map(Path::of));
        if (explicit.isPresent()) {
            if (!Files.isRegularFile(explicit.get())) {
                throw new InvalidInputException("config file " + explicit.get()
                        + " does not exist; create it or leave out --config and " + CONFIG_VARIABLE);
            }
            return explicit;
        }
        return Files.isRegularFile(defaultFile) ? Optional.of(defaultFile) : Optional.empty();
    }

    /**
     * The options meant for {@code driver}: {@code driver.key=value} entries with the prefix removed, and
     * entries without a driver prefix.
     */
    public Map<String, String> storageOptionsFor(String driver) throws InvalidInputException {
        Map<String, String> options = new LinkedHashMap<>();
        for (String option : storageOpts) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("storage option \"" + option + "\" must have the form key=value");
            }
            String key = option.substring(0, eq);
            int dot = key.indexOf('.');
            if (dot >= 0) {
                if (!key.substring(0, dot).equals(driver)) {
                    continue;
                }
                key = key.substring(dot + 1);
            }
            options.put(key, option.substring(eq + 1));
        }
        return options;
    }
}
