package dev.berth.core.config;

import dev.berth.core.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a front end hands core to resolve the configuration: the settings given as flags, the
 * {@code --config} flag, and the environment.
 *
 * @param flags       settings given as flags
 * @param configFile  the {@code --config} flag, if given
 * @param environment the process environment
 */
public record ConfigRequest(Map<ConfigKey, Object> flags, Optional<Path> configFile, Map<String, String> environment) {

    public ConfigRequest {
        flags = Map.copyOf(flags);
        Objects.requireNonNull(configFile, "configFile");
        environment = Map.copyOf(environment);
    }

    public BerthConfig resolve() throws InvalidInputException {
        return BerthConfig.resolve(flags, configFile, environment);
    }
}
